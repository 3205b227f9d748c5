/**
 * Settles like `work`, or rejects with `timeout()` after `ms` (never, for an infinite `ms`):
 * for waits that must not hold a lock or a page forever.
 */
export function within<T>(work: Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  if (!Number.isFinite(ms)) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeout()), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
