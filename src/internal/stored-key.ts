// The user key kept at rest for the service worker: the least that lets it re-register
// after `pushsubscriptionchange`. Tiny on purpose: the worker imports it.

/** A key is used only while it stays valid for at least this long (ms). */
export const KEY_MARGIN_MS = 60_000;
/** A key is stored only if it expires within this long (ms): never a long-lived one. */
export const MAX_STORED_KEY_MS = 3_600_000;

/** True when a key expiring at `expiresAt` (ms) can still be sent now. */
export function keyUsable(expiresAt: number | undefined, now = Date.now()): expiresAt is number {
  return expiresAt !== undefined && expiresAt - now >= KEY_MARGIN_MS;
}

/** The key to keep in IndexedDB: only one with an `exp` that is usable and at most 1 h away. */
export function keyToStore(
  current: { key: string; expiresAt?: number } | undefined,
  now = Date.now(),
): { userKey?: string; userKeyExpiresAt?: number } {
  if (!current || !keyUsable(current.expiresAt, now) || current.expiresAt - now > MAX_STORED_KEY_MS)
    return {};
  return { userKey: current.key, userKeyExpiresAt: current.expiresAt };
}
