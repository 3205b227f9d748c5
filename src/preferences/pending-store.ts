import { keyval, update } from '../internal/idb.js';

// Changes not yet confirmed by the server, per user, so a reload or a crash loses none.
// Tabs of the same user share the entry: each merges its own changes into it.

/** One queued change: the value, and when the user made it (ms since epoch). */
export type QueuedChange = [value: boolean, at: number];
/** The queued changes of one user, by switch key. */
export type PendingChanges = Record<string, QueuedChange>;

const db = keyval<PendingChanges>('notiflows-preferences', 'pending');

/**
 * Where changes not yet confirmed wait across reloads, per user hash; IndexedDB by default,
 * injectable for tests.
 */
export interface PendingStorage {
  read(userHash: string): Promise<PendingChanges | undefined>;
  /**
   * Merges one tab's changes into the user's entry ({@link mergePending}), atomically with
   * respect to other tabs.
   */
  merge(userHash: string, queued: PendingChanges, released: PendingChanges): Promise<void>;
}

/** The well-formed changes of a stored entry; a bare boolean (an older version's) counts as made at 0. */
export function pendingChanges(stored: unknown): PendingChanges {
  const changes: PendingChanges = {};
  if (typeof stored !== 'object' || stored === null) return changes;
  for (const [key, entry] of Object.entries(stored)) {
    const change: unknown[] = typeof entry === 'boolean' ? [entry, 0] : entry;
    if (Array.isArray(change) && typeof change[0] === 'boolean' && typeof change[1] === 'number')
      changes[key] = change as QueuedChange;
  }
  return changes;
}

/**
 * The user's entry after one tab's merge: each `queued` change is set unless the entry holds
 * the same value already or a newer change for that key (another tab's); each `released`
 * change (confirmed or rolled back by this tab) is removed only if the entry still holds
 * exactly that change. Undefined when nothing is left.
 */
export function mergePending(
  stored: unknown,
  queued: PendingChanges,
  released: PendingChanges,
): PendingChanges | undefined {
  const next = pendingChanges(stored);
  for (const [key, change] of Object.entries(queued)) {
    const held = next[key];
    // The same value queued by another tab stays as it is: each tab then releases only its own.
    if (!held || (held[0] !== change[0] && held[1] <= change[1])) next[key] = change;
  }
  for (const [key, [value, at]] of Object.entries(released))
    if (next[key]?.[0] === value && next[key][1] === at) delete next[key];
  return Object.keys(next).length ? next : undefined;
}

export const idbPendingStorage: PendingStorage = {
  read: async (userHash) => {
    const stored = await db.read(userHash);
    return stored && pendingChanges(stored);
  },
  merge: (userHash, queued, released) =>
    update<PendingChanges>(db, userHash, (stored) => mergePending(stored, queued, released)),
};
