import { devMessage, NotiflowsError } from './errors.js';
import { isObject } from '../internal/is-object.js';
import type {
  ChannelSettings,
  ChannelSubscription,
  NotiflowPreference,
  Preferences,
} from './types.js';

// Responses are checked before anything trusts them: a wrong shape is `invalid_response`,
// never a crash further down in the UI.

function bad(what: string, requestId?: string): never {
  throw new NotiflowsError('invalid_response', devMessage('bad_response', what), {
    requestId,
  });
}

function switches(v: unknown, where: string, requestId?: string): Record<string, boolean> {
  if (v === undefined || v === null) return {};
  if (!isObject(v)) bad(`${where} is not an object`, requestId);
  for (const [k, b] of Object.entries(v))
    if (typeof b !== 'boolean') bad(`${where}.${k} is not a boolean`, requestId);
  return v as Record<string, boolean>;
}

/** Checks a preferences body and fills its defaults (a notiflow is `enabled` unless it says `false`). */
export function asPreferences(body: unknown, requestId?: string): Preferences {
  if (!isObject(body)) bad('preferences is not an object', requestId);
  const notiflows: Record<string, NotiflowPreference> = {};
  const raw = body.notiflows ?? {};
  if (!isObject(raw)) bad('notiflows is not an object', requestId);
  for (const [id, n] of Object.entries(raw)) {
    if (!isObject(n)) bad(`notiflows.${id} is not an object`, requestId);
    if (n.enabled !== undefined && typeof n.enabled !== 'boolean')
      bad(`notiflows.${id}.enabled is not a boolean`, requestId);
    if (n.name !== undefined && n.name !== null && typeof n.name !== 'string')
      bad(`notiflows.${id}.name is not a string`, requestId);
    notiflows[id] = {
      enabled: n.enabled !== false,
      channel_types: switches(n.channel_types, `notiflows.${id}.channel_types`, requestId),
      ...(typeof n.name === 'string' ? { name: n.name } : {}),
    };
  }
  return { channel_types: switches(body.channel_types, 'channel_types', requestId), notiflows };
}

/** Checks one channel subscription (an `identifier` and `settings`). */
export function asSubscription(body: unknown, requestId?: string): ChannelSubscription {
  if (!isObject(body) || typeof body.identifier !== 'string' || !isObject(body.settings)) {
    bad('channel subscription lacks identifier or settings', requestId);
  }
  return body as unknown as ChannelSubscription;
}

/** Checks a subscription list (`{items: [...]}`) and returns its items. */
export function asSubscriptionList(body: unknown, requestId?: string): ChannelSubscription[] {
  if (!isObject(body) || !Array.isArray(body.items))
    bad('subscription list lacks items', requestId);
  return body.items.map((item) => asSubscription(item, requestId));
}

/** Checks a channel settings body (`settings` present). */
export function asChannelSettings(body: unknown, requestId?: string): ChannelSettings {
  if (!isObject(body) || !isObject(body.settings)) bad('channel settings lack settings', requestId);
  return body as unknown as ChannelSettings;
}
