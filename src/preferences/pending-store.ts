import { keyval, update } from '../internal/idb.js';

// Changes not yet confirmed by the server, per user, so a reload or a crash loses none.
// Tabs of the same user share the entry: each merges its own changes into it.

const db = keyval<Record<string, boolean>>('notiflows-preferences', 'pending');

/**
 * Where changes not yet confirmed wait across reloads, per user hash; IndexedDB by default,
 * injectable for tests.
 */
export interface PendingStorage {
  read(userHash: string): Promise<Record<string, boolean> | undefined>;
  /**
   * Merges one tab's changes into the user's entry ({@link mergePending}), atomically with
   * respect to other tabs: `queued` are set, `released` (confirmed or rolled back by this tab)
   * are removed where they still hold the value released.
   */
  merge(
    userHash: string,
    queued: Record<string, boolean>,
    released: Record<string, boolean>,
  ): Promise<void>;
}

/**
 * The user's entry after one tab's merge: its queued changes set, each released key removed
 * unless another tab has queued another value for it since. Undefined when nothing is left.
 */
export function mergePending(
  stored: Record<string, boolean> | undefined,
  queued: Record<string, boolean>,
  released: Record<string, boolean>,
): Record<string, boolean> | undefined {
  const next = { ...stored, ...queued };
  for (const [key, value] of Object.entries(released))
    if (!(key in queued) && next[key] === value) delete next[key];
  return Object.keys(next).length ? next : undefined;
}

export const idbPendingStorage: PendingStorage = {
  read: (userHash) => db.read(userHash),
  merge: (userHash, queued, released) =>
    update<Record<string, boolean>>(db, userHash, (stored) =>
      mergePending(stored, queued, released),
    ),
};
