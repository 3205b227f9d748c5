import { devMessage, NotiflowsError } from './errors.js';
import type { PushSubscriptionLike, WebPushSettings } from './types.js';

type AnySubscription = PushSubscription | PushSubscriptionLike | WebPushSettings;

/**
 * Flattens `PushSubscription.toJSON()` (`{endpoint, keys: {p256dh, auth}}`) into what
 * Notiflows stores; settings that are already flat pass through. Undefined without an
 * endpoint or keys. The service worker uses this one: it needs no error class.
 */
export function webPushSettingsOf(subscription: AnySubscription): WebPushSettings | undefined {
  const json = (
    'toJSON' in subscription ? subscription.toJSON() : subscription
  ) as PushSubscriptionLike & Partial<WebPushSettings>;
  const keys = (json.keys ?? json) as Record<string, string | undefined>;
  return json.endpoint && keys.p256dh && keys.auth
    ? { endpoint: json.endpoint, p256dh: keys.p256dh, auth: keys.auth }
    : undefined;
}

/** {@link webPushSettingsOf}, or `invalid_config` for a subscription without endpoint or keys. */
export function toWebPushSettings(subscription: AnySubscription): WebPushSettings {
  const settings = webPushSettingsOf(subscription);
  if (!settings) throw new NotiflowsError('invalid_config', devMessage('subscription_keys'));
  return settings;
}
