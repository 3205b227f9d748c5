// A browser's clock can be wrong by hours (set by hand, a flat CMOS battery). Key expiry and
// the order of queued changes are judged on the server's clock instead, estimated from the
// `Date` header of its answers and from the `iat` of a key that is ahead of the browser.

/** Browser clock minus the server's, in ms; 0 until an answer says otherwise. */
let skew = 0;

/** Now on the server's clock, as far as this page can tell (ms since the epoch). */
export const serverNow = (): number => Date.now() - skew;

/**
 * Takes a server time seen just now (ms). Differences under 10 s are noise (a `Date` header
 * has whole seconds, and the answer took time to arrive), so they count as none.
 */
export function noteServerTime(ms: number): void {
  if (!Number.isFinite(ms)) return;
  const seen = Date.now() - ms;
  skew = Math.abs(seen) > 10_000 ? seen : 0;
}
