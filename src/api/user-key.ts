import { decodeJwt } from 'jose';
import { NotiflowsError, toNotiflowsError } from './errors.js';

/** Refresh a key that expires within this many milliseconds. */
export const REFRESH_MARGIN_MS = 60_000;

export interface UserAuthOptions {
  /** RS256 JWT signed by the customer's backend; `sub` is the user's external id. */
  userKey?: string;
  /** Returns a fresh user key; called when none is set, when it expires within 60 s, and once after a 401. */
  userKeyProvider?: () => Promise<string>;
  /** Development mode only: sends `x-notiflows-user-id`. Ignored when a user key or provider is set. */
  userId?: string;
}

export interface DecodedUserKey {
  sub: string;
  /** Expiry in seconds since the epoch, when the key has one. */
  exp?: number;
}

/** Reads `sub` and `exp` without verifying (verification is the server's job). */
export function decodeUserKey(token: unknown): DecodedUserKey {
  if (typeof token !== 'string' || token.split('.').length !== 3) {
    throw new NotiflowsError('invalid_config', 'The user key is not a JWT (expected three dot-separated parts).');
  }
  let claims;
  try {
    claims = decodeJwt(token);
  } catch (cause) {
    throw new NotiflowsError('invalid_config', 'The user key is not a readable JWT.', { cause });
  }
  if (typeof claims.sub !== 'string' || !claims.sub) {
    throw new NotiflowsError('invalid_config', 'The user key has no `sub` claim (the user external id).');
  }
  return { sub: claims.sub, exp: typeof claims.exp === 'number' ? claims.exp : undefined };
}

let warnedDevelopmentMode = false;

/**
 * Holds the user's credentials and turns them into request headers. The key itself is
 * kept in memory only: never in a URL, a log line or web storage.
 */
export class UserKeyManager {
  #key?: string;
  #decoded?: DecodedUserKey;
  #pending?: Promise<string>;
  readonly #provider?: () => Promise<string>;
  readonly #devUserId?: string;
  readonly #now: () => number;

  constructor(options: UserAuthOptions, now: () => number = Date.now) {
    this.#provider = options.userKeyProvider;
    this.#now = now;
    if (options.userKey) this.#accept(options.userKey);
    else if (!this.#provider) this.#devUserId = options.userId || undefined;
    if (!options.userKey && !this.#provider && !this.#devUserId) {
      throw new NotiflowsError('invalid_config', 'Set a user key (user-key or userKeyProvider), or user-id in development mode.');
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

  /** Auth headers for one request; `refresh` forces a new key from the provider (after a 401). */
  async headers(refresh = false): Promise<Record<string, string>> {
    if (this.#devUserId) {
      if (!warnedDevelopmentMode) {
        warnedDevelopmentMode = true;
        console.warn('[notiflows] Development mode: x-notiflows-user-id lets anyone act as any user. Use a signed user key in production.');
      }
      return { 'x-notiflows-user-id': this.#devUserId };
    }
    if (this.#provider && (refresh || this.#needsRefresh())) await this.#refresh();
    if (!this.#key) throw new NotiflowsError('unauthenticated', 'No user key is available.');
    return { 'x-notiflows-user-key': this.#key };
  }

  /** Replaces the key (e.g. the host refreshed it); returns the user it names. */
  setKey(key: string): string {
    this.#accept(key);
    return this.#decoded!.sub;
  }

  /** The key in hand and its expiry (ms), for the service worker's record; never log it. */
  current(): { key: string; expiresAt?: number } | undefined {
    if (!this.#key) return undefined;
    return { key: this.#key, expiresAt: this.#decoded?.exp === undefined ? undefined : this.#decoded.exp * 1000 };
  }

  /** Whether a refresh after a 401 could help. */
  get canRefresh(): boolean {
    return !!this.#provider;
  }

  #needsRefresh(): boolean {
    if (!this.#key) return true;
    const exp = this.#decoded?.exp;
    return exp !== undefined && exp * 1000 - this.#now() < REFRESH_MARGIN_MS;
  }

  // Concurrent requests share one provider call.
  #refresh(): Promise<string> {
    this.#pending ??= (async () => {
      try {
        const key = await this.#provider!();
        this.#accept(key);
        return key;
      } catch (error) {
        throw toNotiflowsError(error, 'unauthenticated', 'The user key provider failed.');
      } finally {
        this.#pending = undefined;
      }
    })();
    return this.#pending;
  }

  #accept(key: string): void {
    this.#decoded = decodeUserKey(key);
    this.#key = key;
  }
}
