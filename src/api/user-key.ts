import { base64urlBytes } from '../internal/base64url.js';
import { isObject } from '../internal/is-object.js';
import { noteServerTime, serverNow } from '../internal/clock.js';
import { KEY_MARGIN_MS } from '../internal/stored-key.js';
import { devMessage, NotiflowsError, toNotiflowsError } from './errors.js';

/**
 * Who the user is: a user key signed by your backend (`userKey`, `userKeyProvider` or both),
 * or in development mode only a plain `userId`. One of them is required.
 */
export interface UserAuthOptions {
  /** RS256 JWT signed by the customer's backend; `sub` is the user's external id. */
  userKey?: string;
  /** Returns a fresh user key; called when none is set, when it expires within 60 s, and once after a 401. */
  userKeyProvider?: () => Promise<string>;
  /** Development mode only: sends `x-notiflows-user-id`. Ignored when a user key or provider is set. */
  userId?: string;
  /**
   * Called when the provider returns a key for another `sub` (the site signed another user
   * in). That key is never used by this client, which stays bound to its first user.
   */
  onUserChange?: (key: string, sub: string) => void;
}

/** The claims of a user key this package reads, from {@link decodeUserKey}. */
export interface DecodedUserKey {
  sub: string;
  /** Expiry in seconds since the epoch, when the key has one. */
  exp?: number;
  /** When it was issued, in seconds since the epoch, when the key says. */
  iat?: number;
}

/** Reads `sub` and `exp` without verifying (verification is the server's job). */
export function decodeUserKey(token: unknown): DecodedUserKey {
  if (typeof token !== 'string' || token.split('.').length !== 3) {
    throw new NotiflowsError('invalid_config', devMessage('user_key_format'));
  }
  const payload = base64urlBytes(token.split('.')[1]);
  let claims: unknown;
  try {
    claims = payload && JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    // not UTF-8 or not JSON: the same error as not base64url, below
  }
  if (!isObject(claims)) {
    throw new NotiflowsError('invalid_config', devMessage('user_key_unreadable'));
  }
  if (typeof claims.sub !== 'string' || !claims.sub) {
    throw new NotiflowsError('invalid_config', devMessage('user_key_sub'));
  }
  const seconds = (v: unknown) => (typeof v === 'number' ? v : undefined);
  return { sub: claims.sub, exp: seconds(claims.exp), iat: seconds(claims.iat) };
}

/** The site's `userKeyProvider` did not answer within a caller's time limit. */
export const providerTimedOut = () => new NotiflowsError('timeout', devMessage('provider_timeout'));

let warnedDevelopmentMode = false;

/**
 * Holds the user's credentials and turns them into request headers. Bound to one user:
 * the first `sub` it sees; a key for any other `sub` is refused, so a change made by one
 * user can never be sent with another user's key. The key itself is kept in memory only
 * (the service worker's short-lived copy aside): never in a URL, a log line or web storage.
 *
 * @example
 * const auth = new UserKeyManager({ userKeyProvider: () => fetch('/notiflows/user-key').then((r) => r.text()) });
 * const headers = await auth.headers(); // calls the provider: { 'x-notiflows-user-key': '…' }
 * const retryHeaders = await auth.headers(true); // after a 401: a fresh key from the provider
 */
export class UserKeyManager {
  #key?: string;
  #decoded?: DecodedUserKey;
  #pending?: Promise<string>;
  /** Counts {@link forget} calls: a provider call that started before one is not kept. */
  #signOuts = 0;
  readonly #provider?: () => Promise<string>;
  readonly #onUserChange?: (key: string, sub: string) => void;
  readonly #devUserId?: string;
  readonly #now: () => number;

  constructor(options: UserAuthOptions, now: () => number = serverNow) {
    this.#provider = options.userKeyProvider;
    this.#onUserChange = options.onUserChange;
    this.#now = now;
    if (options.userKey) this.#accept(options.userKey);
    else if (!this.#provider) this.#devUserId = options.userId || undefined;
    if (!options.userKey && !this.#provider && !this.#devUserId) {
      throw new NotiflowsError('invalid_config', devMessage('no_user'));
    }
  }

  /** Secure mode (user key) or development mode (user id header). */
  get mode(): 'user_key' | 'user_id' {
    return this.#devUserId ? 'user_id' : 'user_key';
  }

  /** The external id of the user, once known (`sub` of the key, or the development user id). */
  get userId(): string | undefined {
    return this.#devUserId ?? this.#decoded?.sub;
  }

  /** Makes sure a usable key is at hand and returns the user's external id. */
  async resolveUserId(): Promise<string> {
    await this.headers();
    return this.userId!;
  }

  /**
   * Auth headers for one request; `refresh` forces a new key from the provider (after a 401).
   * `leaving` (a `keepalive` request as the page goes away) uses a key that has not expired
   * yet rather than wait for the provider, which the page may not live to see.
   */
  async headers(refresh = false, leaving = false): Promise<Record<string, string>> {
    if (this.#devUserId) {
      if (!warnedDevelopmentMode) {
        warnedDevelopmentMode = true;
        console.warn(`[notiflows] ${devMessage('development_mode')}`);
      }
      return { 'x-notiflows-user-id': this.#devUserId };
    }
    // Leaving, any key not yet expired will do (no margin).
    if (this.#provider && (refresh || this.#needsRefresh(leaving ? 0 : KEY_MARGIN_MS)))
      await this.#refresh();
    if (!this.#key) throw new NotiflowsError('unauthenticated', devMessage('user_key_missing'));
    return { 'x-notiflows-user-key': this.#key };
  }

  /** Replaces the key with a fresh one for the same user; a key for another user throws. */
  setKey(key: string): string {
    this.#accept(key);
    return this.#decoded!.sub;
  }

  /**
   * Drops the key in hand (the user signed out): the next request asks the provider again,
   * or fails `unauthenticated` without one. Still bound to the same user: a key for
   * another `sub` is refused as before.
   */
  forget(): void {
    this.#key = undefined;
    this.#pending = undefined;
    this.#signOuts++;
  }

  /** The key in hand and its expiry (ms), for the service worker's record; never log it. */
  current(): { key: string; expiresAt?: number } | undefined {
    if (!this.#key) return undefined;
    return {
      key: this.#key,
      expiresAt: this.#decoded?.exp === undefined ? undefined : this.#decoded.exp * 1000,
    };
  }

  /** Whether a refresh after a 401 could help. */
  get canRefresh(): boolean {
    return !!this.#provider;
  }

  #needsRefresh(margin: number): boolean {
    if (!this.#key) return true;
    const exp = this.#decoded?.exp;
    return exp !== undefined && exp * 1000 - this.#now() < margin;
  }

  // Concurrent requests share one provider call.
  #refresh(): Promise<string> {
    const signOuts = this.#signOuts;
    this.#pending ??= (async () => {
      try {
        const key = await this.#provider!();
        if (signOuts !== this.#signOuts)
          throw new NotiflowsError('unauthenticated', devMessage('signed_out'));
        try {
          this.#accept(key);
        } catch (error) {
          if (error instanceof NotiflowsError && error.details?.reason === 'user_changed')
            this.#onUserChange?.(key, decodeUserKey(key).sub);
          throw error;
        }
        return key;
      } catch (error) {
        throw toNotiflowsError(error, 'unauthenticated', 'The user key provider failed.');
      } finally {
        if (signOuts === this.#signOuts) this.#pending = undefined;
      }
    })();
    return this.#pending;
  }

  #accept(key: string): void {
    const decoded = decodeUserKey(key);
    if (this.#decoded && decoded.sub !== this.#decoded.sub) {
      throw new NotiflowsError('unauthenticated', devMessage('user_changed'), {
        details: { reason: 'user_changed' },
      });
    }
    this.#decoded = decoded;
    this.#key = key;
    // Issued more than a minute in the browser's future: the browser's clock is behind.
    if (decoded.iat && decoded.iat * 1000 - Date.now() > 60_000) noteServerTime(decoded.iat * 1000);
  }
}
