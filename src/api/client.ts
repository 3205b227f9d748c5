import { NotiflowsClientBase, type RequestOptions } from './client-base.js';
import * as api from './requests.js';
import type {
  ChannelSettings,
  ChannelSubscription,
  Preferences,
  PreferencesUpdate,
  PushSubscriptionLike,
  WebPushSettings,
} from './types.js';

export {
  checkApiKey,
  DEFAULT_API_URL,
  NotiflowsClientBase,
  type NotiflowsClientOptions,
  type RequestOptions,
  type RetryOptions,
} from './client-base.js';

/**
 * The Notiflows user API, as the signed-in user.
 *
 * Every request is safe to repeat, so all of them are retried on transient failures:
 * GET reads, PUT and DELETE are idempotent, and POST of a channel subscription is an
 * upsert on `identifier` (the endpoint), so a repeat updates the same row.
 *
 * `PreferencesStore`, `PushSubscriber` and `logout()` send through the client's own request
 * code, not these methods: to observe or wrap every request (logging, a proxy), pass `fetch`.
 *
 * @example
 * const client = new NotiflowsClient({ apiKey: 'pk_live_…', userKeyProvider: () => fetch('/notiflows/user-key').then((r) => r.text()) });
 * const prefs = await client.getPreferences();
 * await client.updatePreferences({ channel_types: { sms: false } });
 */
export class NotiflowsClient extends NotiflowsClientBase {
  /** The signed-in user's preferences: channel-type switches and per-notiflow overrides (`GET /preferences`). */
  getPreferences(options?: RequestOptions): Promise<Preferences> {
    return api.getPreferences(this, options);
  }

  /** Partial update: only the keys present change. Returns the full preferences. */
  updatePreferences(update: PreferencesUpdate, options?: RequestOptions): Promise<Preferences> {
    return api.updatePreferences(this, update, options);
  }

  /** Every subscription of the signed-in user on a channel, e.g. their browsers for web push (`GET /channels/{id}/subscriptions`). */
  listSubscriptions(channelId: string, options?: RequestOptions): Promise<ChannelSubscription[]> {
    return api.listSubscriptions(this, channelId, options);
  }

  /** Registers (or updates) this browser's push subscription; `identifier` is the endpoint. */
  addSubscription(
    channelId: string,
    subscription: PushSubscription | PushSubscriptionLike | WebPushSettings,
    options?: RequestOptions,
  ): Promise<ChannelSubscription> {
    return api.addSubscription(this, channelId, subscription, options);
  }

  /** Removes a subscription. Resolves `false` when the server no longer had it (404). */
  removeSubscription(
    channelId: string,
    identifier: string,
    options?: RequestOptions,
  ): Promise<boolean> {
    return api.removeSubscription(this, channelId, identifier, options);
  }

  /** Sets the user's own settings for a channel (`PUT /channels/{id}/settings`). */
  updateChannelSettings(
    channelId: string,
    settings: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<ChannelSettings> {
    return api.updateChannelSettings(this, channelId, settings, options);
  }

  /** Removes the user's own settings for a channel (`DELETE /channels/{id}/settings`). */
  deleteChannelSettings(channelId: string, options?: RequestOptions): Promise<void> {
    return api.deleteChannelSettings(this, channelId, options);
  }
}
