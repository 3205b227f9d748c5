import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import { within } from './within.js';

/** IndexedDB can wedge (iOS); every call gives up after this many ms. */
export const IDB_TIMEOUT_MS = 1500;

/**
 * IndexedDB did not settle within {@link IDB_TIMEOUT_MS}: callers carry on as if storage
 * failed, rather than hang.
 *
 * @example
 * const store = keyval<string>('notiflows-push', 'registrations');
 * const value = await store.read(scope).catch((error) => {
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
  return within(
    work(),
    ms,
    () => new StorageTimeoutError(`IndexedDB did not answer within ${ms} ms`),
  );
}

/** One object store of our own, by key; each call is {@link guarded}. */
export interface KeyvalStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  remove(key: string): Promise<void>;
}

/** The transaction runner of a {@link keyval} store, for reads and writes of several steps. */
export type Run = <R>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => Promise<R>,
) => Promise<R>;

/**
 * An idb-keyval store of our own, opened on first use (nothing opens at import time). Built
 * on idb-keyval's `createStore` and `promisifyRequest` rather than its `get`/`set`/`del`,
 * which would also ship its default `keyval-store` database.
 */
export function keyval<T>(db: string, name: string): KeyvalStore<T> & { run: Run } {
  let opened: UseStore | undefined;
  const run: Run = (mode, work) => guarded(() => (opened ??= createStore(db, name))(mode, work));
  return {
    run,
    read: (key) => run('readonly', (s) => promisifyRequest<T | undefined>(s.get(key))),
    write: (key, value) =>
      run('readwrite', (s) => (s.put(value, key), promisifyRequest(s.transaction))),
    remove: (key) => run('readwrite', (s) => (s.delete(key), promisifyRequest(s.transaction))),
  };
}

/**
 * Reads, changes and writes some values in a single transaction, so that two tabs updating
 * the same keys never lose each other's change. `change` gets the values of `keys` in order
 * and returns the new ones; an undefined one deletes its key.
 */
export function update<T>(
  store: { run: Run },
  keys: string[],
  change: (values: (T | undefined)[]) => (T | undefined)[],
): Promise<void> {
  return store.run(
    'readwrite',
    (s) =>
      new Promise<void>((resolve, reject) => {
        // The puts happen inside the last get's success event, as idb-keyval's own update
        // does: the transaction is surely still active then, whatever Promise the page has.
        // Requests answer in order, so every get has answered by then.
        const gets = keys.map((key) => s.get(key));
        const last = gets.at(-1)!;
        last.onsuccess = () => {
          try {
            const next = change(gets.map((get) => get.result as T | undefined));
            keys.forEach((key, i) => (next[i] === undefined ? s.delete(key) : s.put(next[i], key)));
            resolve(promisifyRequest(s.transaction));
          } catch (error) {
            reject(error);
          }
        };
        last.onerror = () => reject(last.error);
      }),
  );
}

/** Every key and value of a {@link keyval} store (a function of its own, so the worker does not ship it). */
export function entries<T>(store: { run: Run }): Promise<[string, T][]> {
  return store.run('readonly', async (s) => {
    const [keys, values] = await Promise.all([
      promisifyRequest(s.getAllKeys()),
      promisifyRequest<T[]>(s.getAll()),
    ]);
    return keys.map((key, i): [string, T] => [String(key), values[i]]);
  });
}
