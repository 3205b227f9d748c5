import type { Transport } from './transport.js';
import { devMessage, NotiflowsError } from './errors.js';
import { UserKeyManager, type UserAuthOptions } from './user-key.js';

export const DEFAULT_API_URL = 'https://api.notiflows.com/user/v1';

/**
 * How a {@link NotiflowsClient} retries a request that failed transiently (network error,
 * timeout, 5xx, 429): exponential backoff with jitter, bounded in tries and in total time.
 */
export interface RetryOptions {
  /** Total tries, the first included. Default 4. */
  attempts: number;
  /** First backoff delay in ms; doubles each time, with jitter. Default 400. */
  baseDelay: number;
  /** Cap of one backoff delay in ms. Default 8000. */
  maxDelay: number;
  /** No retry starts after this many ms since the first try. Default 30000. */
  maxElapsed: number;
}

/** Options of {@link NotiflowsClient}: the project's public key, the user, and how requests go out. */
export interface NotiflowsClientOptions extends UserAuthOptions {
  /** Public key `pk_…`. A secret key `sk_…` is refused before any request. */
  apiKey: string;
  /**
   * A stable name of your Notiflows project (its slug, say). Queued changes and this browser's
   * device are kept per project and user: with it they survive a rotation of `apiKey`;
   * without it the key names the project. Never sent.
   */
  project?: string;
  /** Default `https://api.notiflows.com/user/v1`. A relative URL resolves against `document.baseURI`. */
  apiUrl?: string;
  /** Per try, in ms: a try that takes longer fails with `timeout`, which is retried. Default 15000. */
  timeout?: number;
  /** Backoff for network errors, timeouts, 5xx and 429; `false` turns retries off. */
  retry?: Partial<RetryOptions> | false;
  /** The `fetch` to send with, for tests and non-browser runtimes. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** Per-call options of the {@link NotiflowsClient} methods. */
export interface RequestOptions {
  /** Aborts the request and any backoff wait; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** `false`: one try only, for callers that schedule their own retries (the preferences store). */
  retry?: false;
  /** Let the request outlive the page (sent with `keepalive`, e.g. on `pagehide`). */
  keepalive?: boolean;
  /**
   * The whole call, retries and a provider call included, gives up after this many ms: with a
   * `timeout` error, or the last try's error when no further try fits.
   */
  deadline?: number;
}

const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  baseDelay: 400,
  maxDelay: 8000,
  maxElapsed: 30_000,
};

/** Refuses secret keys and anything that is not a public key, before any request. */
export function checkApiKey(apiKey: unknown): asserts apiKey is string {
  if (typeof apiKey === 'string' && apiKey.startsWith('sk_')) {
    throw new NotiflowsError('secret_key_in_browser', devMessage('secret_key'));
  }
  if (typeof apiKey !== 'string' || !apiKey.startsWith('pk_')) {
    throw new NotiflowsError('invalid_config', devMessage('api_key'));
  }
}

/** What a request needs of each client, kept off the instance: the user key manager included. */
const transports = new WeakMap<NotiflowsClientBase, Transport>();

/**
 * What a request of `client` needs (src/api/requests.ts); a client of another copy of this
 * package has none here. @internal
 */
export function transportOf(client: NotiflowsClientBase): Transport {
  const transport = transports.get(client);
  if (!transport) throw new NotiflowsError('invalid_config', devMessage('foreign_client'));
  return transport;
}

/**
 * Who a {@link NotiflowsClient} speaks for, without its requests: the project's key, the API,
 * the user and their key. What a page needs until it sends something, so a page that sends
 * nothing on load (a subscribed browser's `<notiflows-push>`) does not load the request code;
 * the calls themselves are in src/api/requests.ts. A {@link NotiflowsClient} is one, with the
 * calls as methods; pass either wherever a client is asked for.
 *
 * @example
 * // The user a push subscriber registers this browser for: a full client works as well.
 * const client = new NotiflowsClientBase({ apiKey: 'pk_live_…', userKeyProvider });
 * const push = new PushSubscriber({ client, channelId, vapidPublicKey });
 */
export class NotiflowsClientBase {
  /** The API base URL requests go to: absolute (a relative `apiUrl` is resolved against the page), no trailing slash. */
  readonly apiUrl: string;
  readonly #apiKey: string;
  readonly #project?: string;
  readonly #auth: UserKeyManager;

  constructor(options: NotiflowsClientOptions) {
    checkApiKey(options.apiKey);
    let url: URL;
    try {
      // A relative URL (a same-origin proxy path) resolves against the page.
      url = new URL(
        options.apiUrl || DEFAULT_API_URL,
        typeof document === 'undefined' ? undefined : document.baseURI,
      );
    } catch (cause) {
      throw new NotiflowsError('invalid_config', devMessage('api_url'), { cause });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new NotiflowsError('invalid_config', devMessage('api_url'));
    this.apiUrl = url.href.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    if (options.project !== undefined && (typeof options.project !== 'string' || !options.project))
      throw new NotiflowsError('invalid_config', devMessage('project'));
    this.#project = options.project;
    this.#auth = new UserKeyManager(options);
    transports.set(this, {
      apiUrl: this.apiUrl,
      apiKey: this.#apiKey,
      auth: this.#auth,
      timeout: options.timeout ?? 15_000,
      retry:
        options.retry === false
          ? { ...DEFAULT_RETRY, attempts: 1 }
          : { ...DEFAULT_RETRY, ...options.retry },
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    });
  }

  /** The project public key (`pk_…`; public by design). */
  get apiKey(): string {
    return this.#apiKey;
  }

  /** The project's name given as `project`, if any. */
  get project(): string | undefined {
    return this.#project;
  }

  /**
   * The user key in hand and its expiry, so the service worker can re-register after a
   * `pushsubscriptionchange`. Undefined in development mode. Never log it.
   */
  currentUserKey(): { key: string; expiresAt?: number } | undefined {
    return this.#auth.current();
  }

  /** Replaces the user key; returns the `sub` it names (the caller decides if that is another user). */
  setUserKey(key: string): string {
    return this.#auth.setKey(key);
  }

  /**
   * Drops the user key this client holds (the user signed out; `logout()` calls it): the
   * next request asks `userKeyProvider` again, or fails `unauthenticated` without one. The
   * client stays bound to its user, so a key for someone else is still refused.
   */
  signOut(): void {
    this.#auth.forget();
  }

  /** `user_key` (secure mode) or `user_id` (development mode). */
  get mode(): 'user_key' | 'user_id' {
    return this.#auth.mode;
  }

  /** External id of the signed-in user, once known. */
  get userId(): string | undefined {
    return this.#auth.userId;
  }

  /** Obtains a key if needed (calling the provider) and returns the user's external id. */
  resolveUserId(): Promise<string> {
    return this.#auth.resolveUserId();
  }
}
