import { isObject } from './validation.js';

/** Web push content of a notiflow; `{{ key }}` / `{{ data.key }}` come from the run's data. */
export interface WebPushTemplate {
  title: string;
  body?: string;
  icon?: string;
  image?: string;
  action_url?: string;
}

/**
 * One delivery the fake recorded for a `run`: per recipient and channel the notiflow uses,
 * and for web push per subscription. Read them in `fake.deliveries`.
 */
export interface Delivery {
  id: string;
  notiflow_run_id: string;
  notiflow_id: string;
  channel_id: string;
  channel_type: string;
  recipient: string;
  status: 'sent' | 'failed' | 'skipped';
  /** Why: `preferences` or `no_subscriptions` when skipped; the error when `deliver` threw. */
  reason?: string;
  endpoint?: string;
  /** The JSON string sent to the push service. */
  payload?: string;
  /** HTTP status of the push service, when a `deliver` function is set. */
  push_status?: number;
  created_at: string;
}

/** A subscription as the `web-push` package takes it: `keys` nested, unlike the flat settings Notiflows stores. */
export interface PushTarget {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Sends one encrypted web push; resolves with the push service's HTTP status. */
export type DeliverFn = (message: {
  subscription: PushTarget;
  payload: string;
}) => Promise<{ status: number }>;

function fill(template: string | undefined, data: Record<string, unknown>): string | undefined {
  if (template === undefined) return undefined;
  return template.replace(/\{\{\s*(?:data\.)?([\w.]+)\s*\}\}/g, (_, path: string) => {
    const value = path.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), data);
    return value === undefined || value === null ? '' : String(value);
  });
}

/** The Notiflows web push payload: `{title, body, icon, image, action_url}`. */
export function renderWebPushPayload(
  notiflow: { name: string; web_push?: WebPushTemplate },
  data: Record<string, unknown>,
): string {
  const t = notiflow.web_push ?? { title: notiflow.name, body: '{{ body }}' };
  const payload: Record<string, string> = {};
  for (const key of ['title', 'body', 'icon', 'image', 'action_url'] as const) {
    const value = fill(t[key], data);
    if (value) payload[key] = value;
  }
  payload.title ||= notiflow.name;
  return JSON.stringify(payload);
}

/** The part of the `web-push` npm package this needs (passed in, so browsers never load it). */
export interface WebPushLibrary {
  generateRequestDetails(
    subscription: PushTarget,
    payload: string,
    options: {
      vapidDetails: { subject: string; publicKey: string; privateKey: string };
      TTL?: number;
    },
  ): {
    endpoint: string;
    method: string;
    headers: Record<string, string | number>;
    body: Uint8Array | string | null;
  };
}

/**
 * A `deliver` function that encrypts with the `web-push` package and POSTs to the
 * subscription's push service (https, or http on loopback for local push services).
 */
export function createWebPushDeliver(
  webpush: WebPushLibrary,
  vapid: { subject: string; publicKey: string; privateKey: string },
): DeliverFn {
  return async ({ subscription, payload }) => {
    const req = webpush.generateRequestDetails(subscription, payload, {
      vapidDetails: vapid,
      TTL: 60,
    });
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const response = await fetch(req.endpoint, {
      method: req.method,
      headers,
      body: req.body as BodyInit | null,
    });
    return { status: response.status };
  };
}
