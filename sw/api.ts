/// <reference lib="webworker" preserve="true" />
// The types of `@notiflows/web-push/sw`, for a site's own worker written in TypeScript:
// `import type {} from '@notiflows/web-push/sw'` types `self.notiflows` and
// `self.notiflowsOptions` (see docs/guide/service-worker.md, "Inside your existing worker").

/** `self.notiflows`: the worker's handlers, for a site's worker that routes events itself. */
export interface NotiflowsWorkerApi {
  /** True when the push is Notiflows': a payload of either shape (a blank title too), or an empty one. */
  isNotiflowsPush(event: PushEvent): boolean;
  /** Shows exactly one notification for the push (a fallback text for an unusable payload). */
  handlePush(event: PushEvent): void;
  /** True when the notification was shown by this worker. */
  isNotiflowsNotification(notification: Notification): boolean;
  /** Opens or focuses the notification's (or action's) URL. */
  handleClick(event: NotificationEvent): void;
  /** Subscribes again and registers the new endpoint, if a still-valid user key is stored. */
  handleSubscriptionChange(event: Event): void;
}

/** `self.notiflowsOptions`, set before `importScripts`; `sameOriginLinks` also via `?links=same-origin` on the worker URL. */
export interface NotiflowsWorkerOptions {
  /** Only expose `self.notiflows`: the site's worker adds the listeners. */
  manual?: boolean;
  /** Drop every link (body, actions) that leaves this site's origin. Default: any http(s) link. */
  sameOriginLinks?: boolean;
}

declare global {
  interface ServiceWorkerGlobalScope {
    /** Set by `importScripts('/notiflows-sw.js')`. */
    notiflows?: NotiflowsWorkerApi;
    /** Read by the Notiflows worker when it is imported: set it before `importScripts`. */
    notiflowsOptions?: NotiflowsWorkerOptions;
  }
}
