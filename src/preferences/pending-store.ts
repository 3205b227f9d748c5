import { createStore, del, get, set, type UseStore } from 'idb-keyval';

// Changes not yet confirmed by the server, per user, so a reload or a crash loses none.

const TIMEOUT_MS = 1500;
let store: UseStore | undefined;
const db = () => (store ??= createStore('notiflows-preferences', 'pending'));

function guarded<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer')), TIMEOUT_MS);
    work().then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export interface PendingStorage {
  read(userHash: string): Promise<Record<string, boolean> | undefined>;
  write(userHash: string, changes: Record<string, boolean>): Promise<void>;
}

export const idbPendingStorage: PendingStorage = {
  read: (userHash) => guarded(() => get<Record<string, boolean>>(userHash, db())),
  write: (userHash, changes) => guarded(() => (Object.keys(changes).length ? set(userHash, changes, db()) : del(userHash, db()))),
};
