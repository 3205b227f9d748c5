/** The push states the element shows (stable names; part of the public surface). */
export type PushState =
  | 'unsupported'
  | 'ios-needs-install'
  | 'prompt'
  | 'denied'
  | 'subscribing'
  | 'subscribed'
  | 'unsubscribed'
  | 'error';

/**
 * Extra advice for a state: Brave's push switch, Windows' push service, Chrome's quiet
 * prompt; `other-account`: this browser's notifications go to another user of it; `slow`:
 * the push service has not answered for a few seconds (still `subscribing`).
 */
export type PushHint =
  'brave' | 'edge' | 'quiet-prompt' | 'other-account' | 'removed-elsewhere' | 'slow';

/** What {@link detectPushEnvironment} found about this browser. */
export interface PushEnvironment {
  /** Web push can work here: a secure context with service workers, PushManager and Notification (iOS: only as a Home Screen app). */
  supported: boolean;
  /** iPhone/iPad Safari outside a Home Screen web app: push needs "Add to Home Screen" first. */
  iosNeedsInstall: boolean;
  /** The browser family, for browser-specific advice when the push service fails ({@link PushHint}). */
  browser: 'brave' | 'edge' | 'firefox' | 'safari' | 'chrome' | 'other';
}

/** Reads the platform; call it when needed, never at import time. */
export function detectPushEnvironment(g: typeof globalThis = globalThis): PushEnvironment {
  const nav = g.navigator as (Navigator & { brave?: unknown; standalone?: boolean }) | undefined;
  if (!nav || typeof g.window === 'undefined')
    return { supported: false, iosNeedsInstall: false, browser: 'other' };
  const ua = nav.userAgent;
  const ios = /iPad|iPhone|iPod/.test(ua) || (/Macintosh/.test(ua) && nav.maxTouchPoints > 1);
  const standalone =
    nav.standalone === true || !!g.matchMedia?.('(display-mode: standalone)').matches;
  const supported =
    !!g.isSecureContext && 'serviceWorker' in nav && 'PushManager' in g && 'Notification' in g;
  const browser = nav.brave
    ? 'brave'
    : /Edg\//.test(ua)
      ? 'edge'
      : /Firefox\//.test(ua)
        ? 'firefox'
        : /Chrome\//.test(ua)
          ? 'chrome'
          : /Safari\//.test(ua)
            ? 'safari'
            : 'other';
  return {
    supported: supported && !(ios && !standalone),
    iosNeedsInstall: ios && !standalone,
    browser,
  };
}

/** Advice to attach to a push service failure, by browser. */
export function hintFor(env: PushEnvironment): PushHint | undefined {
  return env.browser === 'brave' ? 'brave' : env.browser === 'edge' ? 'edge' : undefined;
}
