// The part of PushSubscriber that changes something: subscribing, registering with the
// server, deleting rows, signing out, registering the worker, "Your devices". Loaded with a
// dynamic import the first time it is needed (a click on Enable or Turn off, a record that
// needs a request, a key or endpoint that changed); a subscribed browser's normal load only
// observes (push-subscriber.ts) and never loads it. The script tag has it inline.
import { serverNow } from '../internal/clock.js';
import { devMessage, NotiflowsError, toNotiflowsError } from '../api/errors.js';
import { addSubscription, listSubscriptions, removeSubscription } from '../api/requests.js';
import { toWebPushSettings } from '../api/web-push-settings.js';
import { keyToStore } from '../internal/stored-key.js';
import { toDevices, type Device } from './devices.js';
import type { PushState } from './environment.js';
import { planReconcile, type ReconcilePlan } from './reconcile-plan.js';
import {
  staleSettled,
  uniqueRows,
  UNDER_LOCK,
  withPushLock,
  type RegistrationRecord,
  type StaleRow,
} from './registration-store.js';
import { preflightWorker, registerWorker } from './service-worker.js';
import { deleteRows, signOutDevice } from './sign-out.js';
import { Superseded, vapidKeyBytes, type Observed, type PushInternals } from './push-subscriber.js';

type S = PushInternals;

const permission = () => (Notification.permission === 'denied' ? 'denied' : 'prompt');

/** The plans that send or change something: revoke, take-over, rotate-key, subscribe, register, restore. */
export async function apply(
  s: S,
  plan: ReconcilePlan,
  { facts, reg, sub, record, userHashes }: Observed,
): Promise<void> {
  // Rows of this user's to DELETE once the current one is registered.
  const stale: StaleRow[] = [];
  switch (plan) {
    case 'revoke':
      // Permission withdrawn: the endpoint is dead for whoever owned it; tell the server.
      // This user's record stays, so that allowing notifications again brings push back.
      s.check();
      if (facts.record === 'this-user') await block(s, record!, sub, userHashes[0]!);
      else await signOut(s, sub);
      return s.set(permission());
    case 'take-over':
      // The previous owner's row goes with their own key while it is valid; the local
      // unsubscribe kills their endpoint either way.
      s.check();
      if (record) await deleteRows(record, sub?.endpoint);
      s.check();
      await sub?.unsubscribe().catch(() => false);
      await s.write(undefined);
      record = undefined;
      sub = null;
      break;
    case 'rotate-key':
      // The old key's subscription cannot receive any more (its row is on the record's channel).
      stale.push({ channelId: record!.channelId, endpoint: sub!.endpoint });
      s.check();
      await sub!.unsubscribe().catch(() => false);
      sub = null;
      break;
  }
  // subscribe, register, restore, rotate-key, take-over
  const own = facts.record === 'this-user' ? record : undefined; // only this user's record names rows to clean up
  // Only for the very subscription the server confirmed: a row pruned after the endpoint
  // changed (the push service's 410) is not a removal, and is registered again below.
  if (!facts.wanted && own && sub?.endpoint === own.endpoint && (await removedElsewhere(s, own)))
    return forgetRemoved(s, own, sub);
  // Its row and those left behind; the one registered below is kept (uniqueRows' `except`).
  if (own)
    stale.push({ channelId: own.channelId, endpoint: own.endpoint }, ...(own.staleRows ?? []));
  await register(s, sub ?? (await subscribeHere(s, reg)), stale, own, userHashes[0]!);
  s.set('subscribed');
}

/**
 * This user's subscription at other scopes of ours (`elsewhere`, found by `start()`) moves
 * here: signed out there, then subscribed here if permission is granted.
 */
export async function moveHere(
  s: S,
  elsewhere: [string, RegistrationRecord][],
  mine: string[],
): Promise<PushState> {
  const { client, storage } = s.o;
  for (const [scope] of elsewhere)
    await withPushLock(scope, async () => {
      // Still this user's, now that the lock is held (another tab may have taken it over).
      if (mine.includes((await storage.read(scope))?.userHash ?? ''))
        await signOutDevice(scope, { client, storage });
    }).catch(() => undefined); // the next start tries again
  if (Notification.permission !== 'granted') return s.push.state;
  return s.exclusive(async () => {
    const observed = await s.observe(true);
    const plan = planReconcile(observed.facts);
    if (plan === 'take-over') return; // only a click takes a device from its owner
    await s.apply(plan, observed);
    s.broadcast();
  });
}

/**
 * `enable()` once loaded: acts on the browser's answer to the prompt (asked from the click),
 * under the lock; nothing when the user signed out while the prompt was open.
 */
export function enable(
  s: S,
  permission: Promise<NotificationPermission>,
  signedOut: () => boolean,
): Promise<PushState> {
  // Answered outside the push lock: a prompt left open must not keep logout() in another
  // tab (or this tab's reconciles) waiting.
  const locked = (answer: () => NotificationPermission) =>
    s.exclusive(async () => {
      const result = answer();
      if (signedOut()) return;
      if (result === 'denied') throw new NotiflowsError('push_denied', devMessage('push_denied'));
      if (result !== 'granted') {
        // Dismissed, or silently held back by Chrome's quiet prompt.
        s.set('prompt', undefined, 'quiet-prompt');
        return;
      }
      const observed = await s.observe(true);
      await s.apply(planReconcile(observed.facts), observed);
      s.broadcast();
    });
  return permission.then(
    (result) => locked(() => result),
    (error: unknown) =>
      locked(() => {
        throw error;
      }),
  );
}

/** A notification from our worker's registration, in the words given (see `showTestNotification`). */
export async function showTestNotification(
  s: S,
  text: { title: string; body: string },
): Promise<void> {
  // Support and permission are checked by the subscriber, before this part loads.
  try {
    const reg = (await s.registration()) ?? (await ensureWorker(s));
    await reg.showNotification(text.title, {
      body: text.body,
      tag: 'notiflows-test', // a second test replaces the first
      data: { notiflows: 1 },
    });
  } catch (error) {
    throw toNotiflowsError(error, 'push_service_error');
  }
}

/** `disable()`, under the lock: server DELETE first, then the local unsubscribe. */
export async function disable(s: S): Promise<void> {
  const { facts } = await s.observe(false);
  if (facts.record !== 'other-user') await signOut(s);
  s.set(
    permission() === 'denied' ? 'denied' : 'unsubscribed',
    undefined,
    facts.record === 'other-user' ? 'other-account' : undefined,
  );
  s.broadcast();
}

/** Every browser of this user on this channel, newest first, this one marked `current`. */
export async function listDevices(s: S, options?: { signal?: AbortSignal }): Promise<Device[]> {
  const subscriptions = await listSubscriptions(s.o.client, s.o.channelId, options);
  const reg = s.env.supported ? await s.registration() : undefined;
  const current = reg ? (await reg.pushManager.getSubscription())?.endpoint : undefined;
  return toDevices(subscriptions, current);
}

/** One of this user's browsers stops receiving; this browser's own entry is `disable()`. */
export async function removeDevice(s: S, identifier: string): Promise<void> {
  const reg = s.env.supported ? await s.registration() : undefined;
  if (reg && (await reg.pushManager.getSubscription())?.endpoint === identifier) {
    await s.push.disable();
    return;
  }
  await removeSubscription(s.o.client, s.o.channelId, identifier);
}

/** Removed from "Your devices" on another device: it stays removed until a click here. */
async function forgetRemoved(s: S, own: RegistrationRecord, sub: PushSubscription): Promise<void> {
  await deleteStale(s, own.staleRows ?? []);
  s.check();
  await sub.unsubscribe().catch(() => false);
  await s.write(undefined);
  s.set('unsubscribed', undefined, 'removed-elsewhere');
}

/** A new subscription at our scope, registering the worker first if need be. */
async function subscribeHere(s: S, reg?: ServiceWorkerRegistration): Promise<PushSubscription> {
  s.check();
  reg ??= await ensureWorker(s);
  s.set('subscribing');
  s.check();
  const sub = await subscribe(s, reg, vapidKeyBytes(s.o.vapidPublicKey));
  if (s.disposed()) {
    await sub.unsubscribe().catch(() => false); // its user is gone: nobody's subscription stays behind
    throw new Superseded();
  }
  return sub;
}

/**
 * Registers `sub` for this user (`userHash`): the record first, then the POST, then the
 * DELETE of every stale row but the one just registered. The record keeps the rows whose
 * DELETE must be tried again.
 */
async function register(
  s: S,
  sub: PushSubscription,
  stale: StaleRow[],
  own: RegistrationRecord | undefined,
  userHash: string,
): Promise<void> {
  const settings = toWebPushSettings(sub);
  const { channelId, client } = s.o;
  const rows = uniqueRows(stale, { channelId, endpoint: settings.endpoint });
  const entry: RegistrationRecord = {
    userHash,
    apiUrl: client.apiUrl,
    apiKey: client.apiKey,
    channelId,
    vapidPublicKey: s.o.vapidPublicKey,
    ...settings,
    syncedAt: 0,
    staleRows: rows.length ? rows : undefined,
    ...keyToStore(client.currentUserKey(), serverNow()),
    fallback: s.o.fallback,
    defaultUrl: s.o.defaultUrl,
  };
  // Claimed before the POST: if the POST fails, the next load finishes it for this user,
  // and a logout deletes the row it may have left on the server.
  if (own?.endpoint !== settings.endpoint || own.channelId !== channelId) await s.write(entry);
  s.check();
  await addSubscription(client, channelId, settings, UNDER_LOCK);
  const left = await deleteStale(s, rows);
  await s.write({
    ...entry,
    syncedAt: Date.now(),
    staleRows: left.length ? left : undefined,
  });
}

/** DELETEs each row with this user's key; resolves to those whose DELETE must be tried again. */
async function deleteStale(s: S, rows: StaleRow[]): Promise<StaleRow[]> {
  const left: StaleRow[] = [];
  for (const row of rows) {
    s.check();
    const done = await removeSubscription(s.o.client, row.channelId, row.endpoint, UNDER_LOCK).then(
      () => true,
      (error: NotiflowsError) => staleSettled(error.status),
    );
    if (!done) left.push(row);
  }
  return left;
}

/**
 * Whether the row this browser registered (and the server confirmed) is gone from the
 * server. Unknown (offline, a server error) counts as not gone: nothing is removed then.
 */
async function removedElsewhere(s: S, own: RegistrationRecord): Promise<boolean> {
  if (!own.syncedAt) return false; // claimed before its POST: the next load finishes that
  s.check();
  const rows = await listSubscriptions(s.o.client, own.channelId, UNDER_LOCK).catch(
    () => undefined,
  );
  return !!rows && !rows.some((row) => row.identifier === own.endpoint);
}

/** Signs this browser out for whoever holds it (see `signOutDevice`); resolves to a server failure, if any. */
export function signOut(s: S, subscription?: PushSubscription | null): Promise<void> {
  return signOutDevice(s.scope, {
    client: s.o.client,
    channelId: s.o.channelId,
    storage: s.o.storage,
    subscription,
  }).then((failure) => s.reportFailure(failure));
}

/**
 * Notifications were blocked while this user had push on here: their rows go and the
 * subscription is dropped, as in a sign-out, but the record stays (without its stored key),
 * marked blocked, so allowing them again is a `restore`, not a new prompt.
 */
async function block(
  s: S,
  record: RegistrationRecord,
  sub: PushSubscription | null,
  userHash: string,
): Promise<void> {
  const failure = await deleteRows(record, sub?.endpoint, s.o.client);
  await sub?.unsubscribe().catch(() => false);
  await s.write({
    ...record,
    userHash,
    blockedAt: Date.now(),
    userKey: undefined,
    userKeyExpiresAt: undefined,
  });
  s.reportFailure(failure);
}

/** Our worker at our scope, registered (after checking its URL serves JavaScript) and active. */
async function ensureWorker(s: S): Promise<ServiceWorkerRegistration> {
  await preflightWorker(s.o.serviceWorkerUrl);
  return registerWorker(s.o.serviceWorkerUrl, s.scope, s.o.activationTimeout);
}

async function subscribe(
  s: S,
  reg: ServiceWorkerRegistration,
  key: Uint8Array<ArrayBuffer>,
): Promise<PushSubscription> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // An unreachable push service (a firewall, Brave's setting) can hang: say so early, give up in time.
  const slow = setTimeout(() => s.set('subscribing', undefined, 'slow'), s.o.slowAfter);
  try {
    return await Promise.race([
      reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new NotiflowsError('push_service_error', devMessage('push_service_timeout'))),
          s.o.subscribeTimeout,
        );
      }),
    ]);
  } catch (error) {
    if (error instanceof NotiflowsError) throw error;
    const name = (error as Error)?.name;
    if (name === 'NotAllowedError')
      throw new NotiflowsError('push_denied', devMessage('push_denied'), {
        cause: error,
      });
    throw new NotiflowsError(
      'push_service_error',
      devMessage('push_service_refused', (error as Error)?.message ?? String(error)),
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
    clearTimeout(slow);
  }
}
