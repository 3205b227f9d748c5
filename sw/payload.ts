// Turns whatever a push carries into exactly one notification. Nothing here throws:
// an unusable payload becomes the fallback text (Safari revokes subscriptions that show nothing).

import type { FallbackText } from '../src/push/registration-store.js';
import { EN_FALLBACK } from '../src/i18n/fallback.js';
import { isObject } from '../src/internal/is-object.js';

/** What we keep in `notification.data`, for the click handler. */
export interface NotiflowsNotificationData {
  notiflows: 1;
  /** Where a click on the notification body goes (http(s) only). */
  url?: string;
  /** Where each action button goes, by action id (http(s) only). */
  actions?: Record<string, string>;
  /** The payload's own `data`, when small enough. */
  data?: unknown;
}

export interface ParsedPush {
  title: string;
  options: NotificationOptions & {
    data: NotiflowsNotificationData;
    image?: string;
    actions?: { action: string; title: string; icon?: string }[];
  };
  /** App badge count: a number sets it, 0 clears it, undefined leaves it. */
  appBadge?: number;
  /** True when the payload was ours and usable (false: fallback shown). */
  valid: boolean;
  /**
   * True when the push is Notiflows' even if unusable: empty (no payload to tell by, and a
   * push must show something), or an object of our shape (`title`, `body`, `action_url`, or
   * declarative) with a blank title. A site's worker routes these to us too.
   */
  ours: boolean;
}

export const DEFAULT_FALLBACK: FallbackText = EN_FALLBACK;

type Json = Record<string, unknown>;

function text(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  // Never cut a surrogate pair in half (it would show as U+FFFD).
  return t ? t.slice(0, /[\uD800-\uDBFF]/.test(t[max - 1] ?? '') ? max - 1 : max) : undefined;
}

/**
 * Absolute http(s) URL, or undefined; relative URLs resolve against `origin`. With
 * `sameOrigin`, a URL of another origin (`//evil.example`, `/\evil.example` included) is dropped.
 */
export function safeUrl(v: unknown, origin: string, sameOrigin = false): string | undefined {
  if (typeof v !== 'string' || !v || v.length > 2048) return undefined;
  try {
    const url = new URL(v, origin);
    if (sameOrigin && url.origin !== origin) return undefined;
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000 ? v : undefined;
}

function depth(v: unknown, limit: number): number {
  if (typeof v !== 'object' || v === null || limit < 0) return 0;
  let max = 0;
  for (const child of Object.values(v)) max = Math.max(max, depth(child, limit - 1));
  return max + 1;
}

/** The payload's `data`, when small and shallow enough for every browser to store it. */
function smallData(v: unknown): unknown {
  if (v === undefined || depth(v, 16) > 16) return undefined;
  try {
    return JSON.stringify(v).length <= 4096 ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Parses the Notiflows shape and the Declarative Web Push shape (`web_push: 8030`). */
export function parsePush(
  raw: string | null | undefined,
  origin: string,
  fallback: FallbackText = DEFAULT_FALLBACK,
  sameOrigin = false,
): ParsedPush {
  const link = (v: unknown) => safeUrl(v, origin, sameOrigin);
  const fallbackPush = (ours = false): ParsedPush => ({
    title: fallback.title,
    options: { body: fallback.body, data: { notiflows: 1 } },
    valid: false,
    ours,
  });
  if (!raw?.trim()) return fallbackPush(true);
  if (raw.length > 16_384) return fallbackPush();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fallbackPush();
  }
  if (!isObject(json)) return fallbackPush();

  const declarative = json.web_push === 8030 && isObject(json.notification);
  const n: Json = declarative ? (json.notification as Json) : json;
  const title = text(n.title, 256);
  const data: NotiflowsNotificationData = { notiflows: 1 };
  const url = link(declarative ? n.navigate : (n.action_url ?? n.url));
  if (url) data.url = url;
  const own = smallData(n.data);
  if (own !== undefined) data.data = own;

  const options: ParsedPush['options'] = {
    data,
    body: text(n.body, 1024) ?? (title ? undefined : fallback.body),
  };
  if (!options.body) delete options.body;
  for (const key of ['icon', 'image', 'badge'] as const) {
    const u = safeUrl(n[key], origin);
    if (u) options[key] = u;
  }
  const tag = text(n.tag, 128);
  if (tag) options.tag = tag;
  const lang = text(n.lang, 35);
  if (lang) options.lang = lang;
  if (n.dir === 'ltr' || n.dir === 'rtl' || n.dir === 'auto') options.dir = n.dir;
  if (typeof n.silent === 'boolean') options.silent = n.silent;
  if (typeof n.renotify === 'boolean' && tag)
    (options as { renotify?: boolean }).renotify = n.renotify;

  if (Array.isArray(n.actions)) {
    const actions: NonNullable<ParsedPush['options']['actions']> = [];
    const targets = new Map<string, string>(); // action ids are data: `constructor` and `__proto__` too
    for (const a of n.actions.slice(0, 4)) {
      if (!isObject(a)) continue;
      const action = text(a.action, 64) ?? `action-${actions.length}`;
      const label = text(a.title, 64);
      if (!label || actions.some((x) => x.action === action)) continue;
      const entry: { action: string; title: string; icon?: string } = { action, title: label };
      const icon = safeUrl(a.icon, origin);
      if (icon) entry.icon = icon;
      actions.push(entry);
      const target = link(a.navigate ?? a.url ?? a.action_url);
      if (target) targets.set(action, target);
    }
    if (actions.length) {
      options.actions = actions;
      data.actions = Object.fromEntries(targets);
    }
  }

  return {
    title: title ?? fallback.title,
    options,
    appBadge: count(json.app_badge ?? n.app_badge),
    valid: !!title,
    ours: !!title || declarative || ['title', 'body', 'action_url'].some((k) => k in n),
  };
}
