/**
 * base64url (padded or not) → bytes; undefined when `value` is not base64url. The one
 * decoder of the package: VAPID keys, user-key JWT payloads and the fake's validation.
 */
export function base64urlBytes(value: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]*={0,2}$/.test(value)) return undefined;
  const b64 = value.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  try {
    return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) =>
      c.charCodeAt(0),
    );
  } catch {
    return undefined; // a length no encoder produces (4n + 1)
  }
}
