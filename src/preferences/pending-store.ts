import { keyval } from '../internal/idb.js';

// Changes not yet confirmed by the server, per user, so a reload or a crash loses none.

const db = keyval<Record<string, boolean>>('notiflows-preferences', 'pending');

/**
 * Where changes not yet confirmed wait across reloads, per user hash; IndexedDB by default,
 * injectable for tests. `write` with no changes clears the user's entry.
 */
export interface PendingStorage {
  read(userHash: string): Promise<Record<string, boolean> | undefined>;
  write(userHash: string, changes: Record<string, boolean>): Promise<void>;
}

export const idbPendingStorage: PendingStorage = {
  read: (userHash) => db.read(userHash),
  write: (userHash, changes) =>
    Object.keys(changes).length ? db.write(userHash, changes) : db.remove(userHash),
};
