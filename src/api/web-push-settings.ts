import { NotiflowsError } from './errors.js';
import type { PushSubscriptionLike, WebPushSettings } from './types.js';

/**
 * Flattens `PushSubscription.toJSON()` (`{endpoint, keys: {p256dh, auth}}`) into what
 * Notiflows stores; settings that are already flat pass through.
 */
export function toWebPushSettings(
  subscription: PushSubscription | PushSubscriptionLike | WebPushSettings,
): WebPushSettings {
  const json = (
    'toJSON' in subscription ? subscription.toJSON() : subscription
  ) as PushSubscriptionLike & Partial<WebPushSettings>;
  const keys = (json.keys ?? json) as Record<string, string | undefined>;
  if (!json.endpoint || !keys.p256dh || !keys.auth) {
    throw new NotiflowsError('invalid_config', 'The push subscription has no endpoint or no keys.');
  }
  return { endpoint: json.endpoint, p256dh: keys.p256dh, auth: keys.auth };
}
