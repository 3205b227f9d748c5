import { keyval, type KeyvalStore, type Run } from '../internal/idb.js';
import { withLock } from '../internal/lock.js';

/** Our own scope, where no page lives. */
export const DEFAULT_SCOPE = '/notiflows-push/';

/** Localised text the worker shows when a payload is unusable. */
export interface FallbackText {
  title: string;
  body: string;
}

/**
 * What this browser remembers about its push registration, shared by the page and the
 * service worker (same origin, same IndexedDB). One record per service worker scope.
 */
export interface RegistrationRecord {
  /** SHA-256 of project (or api key) and user (see `userHashesOf`): another value means another user or project. */
  userHash: string;
  apiUrl: string;
  apiKey: string;
  channelId: string;
  vapidPublicKey: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  /** When the server last confirmed this subscription (ms since epoch). */
  syncedAt: number;
  /** Kept so the worker can re-register after `pushsubscriptionchange`; cleared on logout. */
  userKey?: string;
  userKeyExpiresAt?: number;
  /** Rows the server may still hold for this user (a DELETE failed), to DELETE when next possible. */
  staleRows?: StaleRow[];
  /**
   * When notifications were blocked while this user had push on here (ms since epoch): the
   * rows were deleted and the subscription dropped, and the record stays so that allowing
   * them again subscribes this user again without another prompt.
   */
  blockedAt?: number;
  /** Localised fallback text for unusable payloads, and the default click URL. */
  fallback?: FallbackText;
  defaultUrl?: string;
}

/** A server row of this browser's: an endpoint on a channel (a record may have moved channels). */
export interface StaleRow {
  channelId: string;
  endpoint: string;
}

/** Each row once (copied as `{channelId, endpoint}`), without empty ones and without `except` (the row that stays). */
export function uniqueRows(
  rows: { channelId: string; endpoint?: string }[],
  except?: StaleRow,
): StaleRow[] {
  const seen = new Set(['', except && `${except.channelId} ${except.endpoint}`]);
  const unique: StaleRow[] = [];
  for (const { channelId, endpoint } of rows) {
    const key = endpoint ? `${channelId} ${endpoint}` : '';
    if (!seen.has(key)) unique.push({ channelId, endpoint: endpoint! });
    seen.add(key);
  }
  return unique;
}

/** The storage the push code uses, one record per scope; injectable so tests can make it slow or fail. */
export type RegistrationStorage = KeyvalStore<RegistrationRecord>;

export const idbRegistrationStorage: RegistrationStorage & { run: Run } = keyval(
  'notiflows-push',
  'registrations',
);

/**
 * How long a request made while holding the push lock may take, retries included, in ms: a
 * server that never answers must not keep `logout()` in another tab waiting for the lock.
 */
export const LOCK_FETCH_MS = 10_000;

/** Request options for a page's calls under the push lock: {@link LOCK_FETCH_MS} in all. */
export const UNDER_LOCK = { deadline: LOCK_FETCH_MS } as const;

/**
 * One change of a scope's push state at a time: in this tab, across tabs and in the service
 * worker (Web Locks), so a record is never rewritten from what another holder is changing.
 */
export function withPushLock<T>(scope: string, work: () => Promise<T>): Promise<T> {
  return withLock(`notiflows-push:${scope}`, work);
}

/**
 * `url` absolute, as the browser resolves our worker's URL and scope: against the document's
 * base, which an `about:srcdoc` frame (a preview, an editor) takes from its page.
 */
export const pageUrl = (url: string): string =>
  new URL(
    url,
    (globalThis as { document?: { baseURI: string } }).document?.baseURI ?? location.href,
  ).href;

/**
 * `work` for this browser's push at our worker's scope (default {@link DEFAULT_SCOPE}), under
 * the push lock; nothing where there are no service workers.
 */
export async function atScope(
  serviceWorkerScope: string | undefined,
  work: (scope: string) => Promise<unknown>,
): Promise<void> {
  if (typeof navigator === 'undefined' || !navigator.serviceWorker) return;
  const scope = pageUrl(serviceWorkerScope ?? DEFAULT_SCOPE);
  await withPushLock(scope, () => work(scope));
}

/** Our worker's registration at `scope`: never the site's own broader worker's. */
export async function registrationAt(
  scope: string,
): Promise<ServiceWorkerRegistration | undefined> {
  const reg = await navigator.serviceWorker.getRegistration(scope);
  return reg?.scope === scope ? reg : undefined;
}

/** The push subscription of our worker at `scope`, if any. */
export async function subscriptionAt(scope: string): Promise<PushSubscription | null> {
  return (await (await registrationAt(scope))?.pushManager.getSubscription()) ?? null;
}

/**
 * This browser signed out at `scope` with no request, the part of a sign-out that needs no
 * network: unsubscribed (that kills the endpoint, so the push service's 410 clears the server
 * row on the next send) and the record, with its copy of a user key, removed.
 */
export async function forgetHere(
  scope: string,
  storage: RegistrationStorage,
  subscription?: PushSubscription | null,
): Promise<void> {
  await (subscription === undefined ? await subscriptionAt(scope) : subscription)
    ?.unsubscribe()
    .catch(() => false);
  await storage.remove(scope).catch(() => undefined);
}

/**
 * Whether a DELETE of a stale endpoint answered with `status` is settled: gone (404) or refused
 * for good. Without a status (network, timeout), 401, 429 and 5xx it stays for the next try.
 */
export function staleSettled(status: number | undefined): boolean {
  return status !== undefined && status !== 401 && status !== 429 && status < 500;
}
