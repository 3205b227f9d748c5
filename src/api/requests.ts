// The calls of the Notiflows user API, as the user a client speaks for. Functions rather than
// methods so that a page imports them only where it sends: the preferences store and the
// part of web push that subscribes and sends (src/push/push-work.ts) import them; a page with
// only <notiflows-push> loads them with that part, on first use. NotiflowsClient has each as
// a method.
import { devMessage, NotiflowsError } from './errors.js';
import { transportOf, type NotiflowsClientBase, type RequestOptions } from './client-base.js';
import { asChannelSettings, asPreferences, asSubscription, asSubscriptionList } from './shapes.js';
import { request } from './transport.js';
import type {
  ChannelSettings,
  ChannelSubscription,
  Preferences,
  PreferencesUpdate,
  PushSubscriptionLike,
  WebPushSettings,
} from './types.js';
import { toWebPushSettings } from './web-push-settings.js';

type Client = NotiflowsClientBase;
const none = (): undefined => undefined;

/** The signed-in user's preferences: channel-type switches and per-notiflow overrides (`GET /preferences`). */
export async function getPreferences(
  client: Client,
  options?: RequestOptions,
): Promise<Preferences> {
  return request(transportOf(client), 'GET', '/preferences', undefined, asPreferences, options);
}

/** Partial update: only the keys present change. Returns the full preferences. */
export async function updatePreferences(
  client: Client,
  update: PreferencesUpdate,
  options?: RequestOptions,
): Promise<Preferences> {
  return request(transportOf(client), 'PUT', '/preferences', update, asPreferences, options);
}

/** Every subscription of the signed-in user on a channel (`GET /channels/{id}/subscriptions`). */
export async function listSubscriptions(
  client: Client,
  channelId: string,
  options?: RequestOptions,
): Promise<ChannelSubscription[]> {
  const path = `${channelPath(channelId)}/subscriptions`;
  return request(transportOf(client), 'GET', path, undefined, asSubscriptionList, options);
}

/** Registers (or updates) this browser's push subscription; `identifier` is the endpoint. */
export async function addSubscription(
  client: Client,
  channelId: string,
  subscription: PushSubscription | PushSubscriptionLike | WebPushSettings,
  options?: RequestOptions,
): Promise<ChannelSubscription> {
  const settings = toWebPushSettings(subscription);
  const path = `${channelPath(channelId)}/subscriptions`;
  const body = { identifier: settings.endpoint, settings };
  return request(transportOf(client), 'POST', path, body, asSubscription, options);
}

/** Removes a subscription. Resolves `false` when the server no longer had it (404). */
export async function removeSubscription(
  client: Client,
  channelId: string,
  identifier: string,
  options?: RequestOptions,
): Promise<boolean> {
  const path = `${channelPath(channelId)}/subscriptions`;
  try {
    await request(transportOf(client), 'DELETE', path, { identifier }, none, options);
    return true;
  } catch (error) {
    if (error instanceof NotiflowsError && error.code === 'not_found') return false;
    throw error;
  }
}

/** Sets the user's own settings for a channel (`PUT /channels/{id}/settings`). */
export async function updateChannelSettings(
  client: Client,
  channelId: string,
  settings: Record<string, unknown>,
  options?: RequestOptions,
): Promise<ChannelSettings> {
  const path = `${channelPath(channelId)}/settings`;
  return request(transportOf(client), 'PUT', path, { settings }, asChannelSettings, options);
}

/** Removes the user's own settings for a channel (`DELETE /channels/{id}/settings`). */
export async function deleteChannelSettings(
  client: Client,
  channelId: string,
  options?: RequestOptions,
): Promise<void> {
  const path = `${channelPath(channelId)}/settings`;
  await request(transportOf(client), 'DELETE', path, undefined, none, options);
}

function channelPath(channelId: string): string {
  if (typeof channelId !== 'string' || !channelId)
    throw new NotiflowsError('invalid_config', devMessage('channel_id'));
  return `/channels/${encodeURIComponent(channelId)}`;
}
