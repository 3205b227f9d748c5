import { serverNow } from '../internal/clock.js';
import { keyval, update } from '../internal/idb.js';

// Changes not yet confirmed by the server, per user, so a reload or a crash loses none.
// Tabs of the same user share the entry: each merges its own changes into it.

/** A change a tab has queued: the value, and when the user made it (ms since epoch). */
export type QueuedChange = [value: boolean, at: number];
/** A stored change: the value, and when each tab that queued that value made its change. */
export type StoredChange = [value: boolean, at: number[]];
/** The stored changes of one user, by switch key. */
export type PendingChanges = Record<string, StoredChange>;

/** When a user's next write may go, shared by the tabs of this browser: one retry schedule per browser. */
export interface RetryGate {
  /** Transient failures in a row, across tabs. */
  tries: number;
  /** No tab writes before this time (ms since epoch). */
  nextAt: number;
}

// Changes under `<hash>`, the retry schedule beside them under `retry:<hash>`, what a pause
// turned off under `paused:<hash>`; read back as unknown and checked, as anything another tab
// (or version) wrote.
const db = keyval<unknown>('notiflows-preferences', 'pending');

/** Writes `value` under `key`; undefined removes it. */
const put = (key: string, value: unknown) => (value ? db.write(key, value) : db.remove(key));

/** A stored retry schedule, if well-formed. */
function asGate(stored: unknown): RetryGate | undefined {
  const g = stored as Partial<RetryGate> | undefined;
  return typeof g?.tries === 'number' && typeof g.nextAt === 'number'
    ? (g as RetryGate)
    : undefined;
}

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
  merge(
    userHash: string,
    queued: Record<string, QueuedChange>,
    released: PendingChanges,
  ): Promise<void>;
  /**
   * Moves the changes stored under `from` into `to`'s entry (merged as if queued there), for
   * data stored before the site named its project. Optional: a test's storage may not.
   */
  adopt?(from: string, to: string): Promise<void>;
  /** The user's shared retry schedule, if this storage keeps one (a test's storage may not). */
  gate?(userHash: string): Promise<RetryGate | undefined>;
  /** Sets it; undefined clears it (a write went through, or a fresh round). */
  setGate?(userHash: string, gate: RetryGate | undefined): Promise<void>;
  /** What "Turn everything off" turned off, to turn back on (a test's storage may not keep it). */
  paused?(userHash: string): Promise<PausedRecord | undefined>;
  /** Sets it; undefined clears it (turned back on, or the pause was refused). */
  setPaused?(userHash: string, record: PausedRecord | undefined): Promise<void>;
}

/** What a pause turned off, and when (ms since epoch, this browser's clock). */
export interface PausedRecord {
  types: string[];
  at: number;
}

/** A stored pause record, if well-formed. */
function asPaused(stored: unknown): PausedRecord | undefined {
  const r = stored as Partial<PausedRecord> | undefined;
  return Array.isArray(r?.types) &&
    r.types.every((t) => typeof t === 'string') &&
    typeof r.at === 'number'
    ? (r as PausedRecord)
    : undefined;
}

/**
 * The well-formed changes of a stored entry. Older shapes are read too (a bare boolean, one
 * time); a time in the future (a clock set back since) counts as now.
 */
export function pendingChanges(stored: unknown): PendingChanges {
  const changes: PendingChanges = {};
  if (typeof stored !== 'object' || stored === null) return changes;
  const now = serverNow();
  for (const [key, entry] of Object.entries(stored)) {
    const [value, at]: unknown[] = Array.isArray(entry) ? entry : [entry, 0];
    const times = [at].flat().filter((t): t is number => typeof t === 'number');
    if (typeof value === 'boolean' && times.length)
      changes[key] = [value, times.map((t) => Math.min(t, now))];
  }
  return changes;
}

/**
 * The user's entry after one tab's merge. A queued change joins the same value queued by
 * other tabs, replaces another value made no later, and is ignored against a newer one. A
 * released change (confirmed or rolled back by this tab) takes away only its own times, so
 * another tab's change to the same value stays. Undefined when nothing is left.
 */
export function mergePending(
  stored: unknown,
  queued: Record<string, QueuedChange>,
  released: PendingChanges,
): PendingChanges | undefined {
  const next = pendingChanges(stored);
  for (const [key, [value, at]] of Object.entries(queued)) {
    const held = next[key];
    if (held?.[0] === value) held[1] = [...new Set([...held[1], at])];
    else if (!held || Math.max(...held[1]) <= at) next[key] = [value, [at]];
  }
  for (const [key, [value, times]] of Object.entries(released)) {
    const held = next[key];
    if (held?.[0] !== value) continue;
    held[1] = held[1].filter((t) => !times.includes(t));
    if (!held[1].length) delete next[key];
  }
  return Object.keys(next).length ? next : undefined;
}

export const idbPendingStorage: PendingStorage = {
  read: async (userHash) => {
    const stored = await db.read(userHash);
    return stored ? pendingChanges(stored) : undefined;
  },
  merge: (userHash, queued, released) =>
    update<unknown>(db, [userHash], ([stored]) => [mergePending(stored, queued, released)]),
  // One transaction for all entries: a tab still writing under `from` meanwhile waits. A pause
  // recorded under `from` moves too, unless one is recorded under `to` already.
  adopt: (from, to) =>
    update<unknown>(db, [from, to, `paused:${from}`, `paused:${to}`], ([old, held, was, is]) => {
      let next = held;
      if (old !== undefined) {
        next = pendingChanges(held);
        for (const [key, [value, times]] of Object.entries(pendingChanges(old)))
          for (const at of times) next = mergePending(next, { [key]: [value, at] }, {});
      }
      return [undefined, next, undefined, is ?? was];
    }),
  gate: async (userHash) => asGate(await db.read(`retry:${userHash}`)),
  setGate: (userHash, gate) => put(`retry:${userHash}`, gate),
  paused: async (userHash) => asPaused(await db.read(`paused:${userHash}`)),
  setPaused: (userHash, record) => put(`paused:${userHash}`, record),
};
