import { createStore, type UseStore } from 'idb-keyval';

/** IndexedDB can wedge (iOS); every call gives up after this many ms. */
export const IDB_TIMEOUT_MS = 1500;

/**
 * IndexedDB did not settle within {@link IDB_TIMEOUT_MS}: callers carry on as if storage
 * failed, rather than hang.
 *
 * @example
 * const db = lazyStore('notiflows-push', 'registrations');
 * const record = await guarded(() => get(scope, db())).catch((error) => {
 *   if (error instanceof StorageTimeoutError) return undefined; // wedged: carry on without it
 *   throw error;
 * });
 */
export class StorageTimeoutError extends Error {
  /** Always `'StorageTimeoutError'`, so it survives minification. */
  override readonly name = 'StorageTimeoutError';
}

/** Runs an IndexedDB call, rejecting with StorageTimeoutError if it does not settle in time. */
export function guarded<T>(work: () => Promise<T>, ms = IDB_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new StorageTimeoutError(`IndexedDB did not answer within ${ms} ms`)),
      ms,
    );
    work()
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

/** A lazily opened idb-keyval store of our own (nothing opens at import time). */
export function lazyStore(db: string, name: string): () => UseStore {
  let store: UseStore | undefined;
  return () => (store ??= createStore(db, name));
}
