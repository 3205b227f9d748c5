import { safeUrl, type NotiflowsNotificationData } from './payload.js';

// Where a notification click goes, and which window shows it. Written against small
// interfaces so the page tests can drive it with plain objects.

export interface WindowLike {
  url: string;
  focus(): Promise<unknown>;
  navigate?(url: string): Promise<unknown>;
}

export interface ClientsLike {
  matchAll(options: {
    type: 'window';
    includeUncontrolled: boolean;
  }): Promise<readonly WindowLike[]>;
  openWindow(url: string): Promise<unknown>;
}

/** Action URL → notification URL → default URL → the site's root; only http(s) (and with `sameOrigin`, only this origin, the default URL included) survives. */
export function clickTarget(
  data: unknown,
  action: string,
  defaultUrl: string | undefined,
  origin: string,
  sameOrigin = false,
): string {
  const d = (
    typeof data === 'object' && data !== null ? data : {}
  ) as Partial<NotiflowsNotificationData>;
  const actions = d.actions && typeof d.actions === 'object' ? d.actions : undefined;
  const fromAction =
    action && actions && Object.hasOwn(actions, action)
      ? safeUrl(actions[action], origin, sameOrigin)
      : undefined;
  return (
    fromAction ??
    safeUrl(d.url, origin, sameOrigin) ??
    safeUrl(defaultUrl, origin, sameOrigin) ??
    new URL('/', origin).href
  );
}

/**
 * Focus a window already at `url`; else focus a same-origin window and navigate it
 * (possible only where this worker controls it); else open a new window.
 */
export async function focusOrOpen(
  clients: ClientsLike,
  url: string,
  origin: string,
): Promise<'focused' | 'navigated' | 'opened'> {
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  const exact = windows.find((w) => w.url === url);
  if (exact) {
    await exact.focus();
    return 'focused';
  }
  if (new URL(url).origin === origin) {
    for (const w of windows) {
      if (new URL(w.url).origin !== origin || !w.navigate) continue;
      try {
        const navigated = await w.navigate(url); // rejects for windows this worker does not control
        if (navigated) {
          await (navigated as WindowLike).focus?.();
          return 'navigated';
        }
      } catch {
        // not ours to navigate: try the next, then open
      }
    }
  }
  await clients.openWindow(url);
  return 'opened';
}
