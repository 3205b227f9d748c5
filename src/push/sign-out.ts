import { serverNow } from '../internal/clock.js';
import { NotiflowsClientBase } from '../api/client-base.js';
import { loadRequests } from '../api/load-requests.js';
import { keyUsable } from '../internal/stored-key.js';
import { userHashesOf } from '../internal/user-hash.js';
import {
  atScope,
  forgetHere,
  idbRegistrationStorage,
  subscriptionAt,
  UNDER_LOCK,
  uniqueRows,
  type RegistrationRecord,
  type RegistrationStorage,
} from './registration-store.js';

/** Options of {@link logout}; all optional. */
export interface LogoutOptions {
  /** The scope the worker was registered at. Default `/notiflows-push/`. */
  serviceWorkerScope?: string;
  /** The signed-in user's client, used for the server DELETE when it is the user the record names. */
  client?: NotiflowsClientBase;
  /** Where the registration record lives. Default: IndexedDB, shared with the service worker; for tests. */
  storage?: RegistrationStorage;
}

/**
 * Signs this browser out of push, with or without a mounted element, from any page of the
 * origin: the server rows of the user the stored record names are deleted (with `client`
 * if it is that user, else with the stored key while it is valid), the subscription at our
 * scope is unsubscribed (always: that kills the endpoint even when the server cannot be
 * told), the record (with its copy of the user key) is removed from IndexedDB, and `client`
 * drops its key (see {@link NotiflowsClientBase.signOut}). Queued
 * preference changes are kept: they hold only switch values under a hash, and go out the
 * next time their user opens the panel (a sign-out by another user must not lose them).
 *
 * @example
 * import { logout } from '@notiflows/web-push/headless';
 * signOutButton.onclick = async () => { await logout(); location.href = '/signed-out'; };
 */
export async function logout(options: LogoutOptions = {}): Promise<void> {
  // The request code starts loading now, outside the push lock, which it must not hold.
  loadRequests().catch(() => undefined);
  try {
    await atScope(options.serviceWorkerScope, (scope) => signOutDevice(scope, options));
  } finally {
    options.client?.signOut(); // its next request asks the provider: never the signed-out key
  }
}

/** The body of `logout()` and `disable()`, for callers that hold the lock. Resolves to a server failure, if any. */
export async function signOutDevice(
  scope: string,
  options: LogoutOptions & {
    subscription?: PushSubscription | null;
    /** With no record (IndexedDB lost it), `client` deletes the live endpoint on this channel. */
    channelId?: string;
  },
): Promise<unknown> {
  const storage = options.storage ?? idbRegistrationStorage;
  const record = await storage.read(scope).catch(() => undefined);
  const subscription =
    options.subscription === undefined ? await subscriptionAt(scope) : options.subscription;
  const { client, channelId } = options;
  const failure = record
    ? await deleteRows(record, subscription?.endpoint, client)
    : client && channelId && subscription
      ? await removeRows(client, [{ channelId, endpoint: subscription.endpoint }])
      : undefined;
  await forgetHere(scope, storage, subscription);
  return failure;
}

/**
 * Deletes the rows the record's user holds for this browser: only ever with that user's
 * own key. Without one (expired, never stored) the local unsubscribe still kills the
 * endpoint and the push service's 410 clears the row on the next send.
 */
export async function deleteRows(
  record: RegistrationRecord,
  liveEndpoint?: string,
  client?: NotiflowsClientBase,
): Promise<unknown> {
  let api: NotiflowsClientBase | undefined;
  if (client && (await userHashesOf(client).catch((): string[] => [])).includes(record.userHash))
    api = client;
  else if (record.userKey && keyUsable(record.userKeyExpiresAt, serverNow())) {
    api = new NotiflowsClientBase({
      apiKey: record.apiKey,
      apiUrl: record.apiUrl,
      userKey: record.userKey,
      retry: false,
      timeout: 5_000,
    });
  }
  const { channelId } = record;
  return api
    ? removeRows(api, [record, ...(record.staleRows ?? []), { channelId, endpoint: liveEndpoint }])
    : undefined;
}

/** DELETEs each row once; resolves to the first failure, if any (the request code not loading included). */
async function removeRows(
  api: NotiflowsClientBase,
  rows: { channelId: string; endpoint?: string }[],
): Promise<unknown> {
  let failure: unknown;
  const requests = loadRequests(); // once: a part that did not load fails every row at once
  for (const row of uniqueRows(rows)) {
    await requests
      .then(({ removeSubscription }) =>
        removeSubscription(api, row.channelId, row.endpoint, UNDER_LOCK),
      )
      .catch((error: unknown) => {
        failure ??= error;
      });
  }
  return failure;
}
