/// <reference lib="webworker" />
// The Notiflows service worker. Registered on its own scope it handles every push and
// click by itself. `importScripts`-ed into a site's own worker after setting
// `self.notiflowsOptions = { manual: true }`, it only exposes `self.notiflows` and the
// site's worker decides which events to hand over.
import {
  idbRegistrationStorage as storage,
  LOCK_FETCH_MS,
  staleSettled,
  uniqueRows,
  withPushLock,
  type RegistrationRecord,
  type StaleRow,
} from '../src/push/registration-store.js';
import { webPushSettingsOf } from '../src/api/web-push-settings.js';
import { keyUsable } from '../src/internal/stored-key.js';
import { clickTarget, focusOrOpen } from './click.js';
import { parsePush } from './payload.js';
import type { NotiflowsWorkerApi } from './api.js';

declare const self: ServiceWorkerGlobalScope;

const origin = self.location.origin;
const sameOriginOnly =
  !!self.notiflowsOptions?.sameOriginLinks ||
  new URLSearchParams(self.location.search).get('links') === 'same-origin';
const scope = () => self.registration.scope;

async function readRecord(): Promise<RegistrationRecord | undefined> {
  try {
    return await storage.read(scope());
  } catch {
    return undefined; // a wedged IndexedDB must never stop a notification
  }
}

function pushText(event: PushEvent): string | null {
  try {
    return event.data?.text() ?? null;
  } catch {
    return null;
  }
}

async function showPush(event: PushEvent): Promise<void> {
  const record = await readRecord();
  const { title, options, valid, appBadge } = parsePush(
    pushText(event),
    origin,
    record?.fallback,
    sameOriginOnly,
  );
  const { body, tag, data } = options;
  try {
    await self.registration.showNotification(title, options);
  } catch {
    // Something the platform refused (an icon, data it cannot store): still show exactly one.
    await self.registration.showNotification(title, {
      body,
      tag,
      data: { notiflows: 1, url: data.url },
    });
  }
  // Tell open pages (e.g. to refresh an inbox); they hear it on navigator.serviceWorker.
  const message = { type: 'notiflows-push', title, body, tag, data, valid };
  for (const client of await self.clients.matchAll({ type: 'window', includeUncontrolled: true }))
    client.postMessage(message);
  const nav = self.navigator as WorkerNavigator & {
    setAppBadge?(n?: number): Promise<void>;
    clearAppBadge?(): Promise<void>;
  };
  if (appBadge !== undefined && nav.setAppBadge) {
    await (appBadge > 0 ? nav.setAppBadge(appBadge) : nav.clearAppBadge!()).catch(() => undefined);
  }
}

async function resubscribe(
  event: Event & {
    oldSubscription?: PushSubscription | null;
    newSubscription?: PushSubscription | null;
  },
): Promise<void> {
  const record = await readRecord();
  // Blocked for its user: allowing again is the page's `restore`, for whoever is signed in.
  if (!record || record.blockedAt) return;
  const subscription =
    event.newSubscription ??
    (await self.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: record.vapidPublicKey,
    }));
  // Without a still-valid user key, the record keeps the old endpoint: the next page
  // load sees the difference and finishes (POST the new, DELETE the old). An expired key is
  // never sent; the page deletes it (the worker writes nothing without the page's lock).
  const settings = webPushSettingsOf(subscription);
  if (!settings || !record.userKey || !keyUsable(record.userKeyExpiresAt)) return;
  const { channelId } = record;
  // Under the pages' lock: a server that never answers must not hold it.
  const send = async (method: string, rowChannel: string, body: object) => {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), LOCK_FETCH_MS);
    try {
      return await fetch(
        `${record.apiUrl}/channels/${encodeURIComponent(rowChannel)}/subscriptions`,
        {
          method,
          headers: {
            'content-type': 'application/json',
            'x-notiflows-api-key': record.apiKey,
            'x-notiflows-user-key': record.userKey!,
          },
          body: JSON.stringify(body),
          signal: timeout.signal,
        },
      );
    } finally {
      clearTimeout(timer);
    }
  };
  const posted = await send('POST', channelId, { identifier: settings.endpoint, settings });
  if (!posted.ok) return;
  const left: StaleRow[] = [];
  for (const row of uniqueRows([record, ...(record.staleRows ?? [])], {
    channelId,
    endpoint: settings.endpoint,
  })) {
    const deleted = await send('DELETE', row.channelId, { identifier: row.endpoint }).catch(
      () => undefined, // offline: kept for the next try, and the new endpoint still recorded
    );
    if (!deleted?.ok && !staleSettled(deleted?.status)) left.push(row);
  }
  await storage.write(scope(), {
    ...record,
    ...settings,
    syncedAt: Date.now(),
    staleRows: left.length ? left : undefined,
  });
}

const api: NotiflowsWorkerApi = {
  isNotiflowsPush(event) {
    return parsePush(pushText(event), origin).ours;
  },
  handlePush(event) {
    event.waitUntil(showPush(event));
  },
  isNotiflowsNotification(notification) {
    return (notification.data as { notiflows?: unknown } | null)?.notiflows === 1;
  },
  handleClick(event) {
    event.notification.close();
    event.waitUntil(
      (async () => {
        const record = await readRecord();
        const url = clickTarget(
          event.notification.data,
          event.action,
          record?.defaultUrl,
          origin,
          sameOriginOnly,
        );
        await focusOrOpen(
          self.clients as unknown as Parameters<typeof focusOrOpen>[0],
          url,
          origin,
        );
      })(),
    );
  },
  handleSubscriptionChange(event) {
    // Under the pages' lock: the record is re-read inside it, so a take-over by another user
    // in progress in a page is never overwritten, nor its subscription posted for this one.
    (event as ExtendableEvent).waitUntil(
      withPushLock(scope(), () => resubscribe(event)).catch(() => undefined),
    );
  },
};

self.notiflows = api;

if (!self.notiflowsOptions?.manual) {
  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener('push', (event) => api.handlePush(event));
  self.addEventListener('notificationclick', (event) => api.handleClick(event));
  self.addEventListener('pushsubscriptionchange', (event) => api.handleSubscriptionChange(event));
}
