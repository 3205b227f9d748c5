// A site's own service worker in TypeScript, routing events to the Notiflows worker it imports
// (docs/guide/service-worker.md, "Inside your existing worker"): `self.notiflows` is typed by `@notiflows/web-push/sw`.
import type {} from '@notiflows/web-push/sw';

declare const self: ServiceWorkerGlobalScope;

self.notiflowsOptions = { manual: true, sameOriginLinks: true };
importScripts('/notiflows-sw.js');

self.addEventListener('push', (event) => {
  if (self.notiflows?.isNotiflowsPush(event)) self.notiflows.handlePush(event);
});
self.addEventListener('notificationclick', (event) => {
  if (self.notiflows?.isNotiflowsNotification(event.notification))
    self.notiflows.handleClick(event);
});
self.addEventListener('pushsubscriptionchange', (event) =>
  self.notiflows?.handleSubscriptionChange(event),
);

// Wrong code must not compile.
// @ts-expect-error an option the worker does not read
self.notiflowsOptions = { manul: true };
// @ts-expect-error a click is not a push
self.addEventListener('notificationclick', (event) => self.notiflows?.handlePush(event));
