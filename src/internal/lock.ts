/** Runs `work` under a Web Lock of this name (one holder across the origin's tabs), or directly where there are none. */
export function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request(name, work) : work();
}
