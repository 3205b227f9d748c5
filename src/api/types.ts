/** Channel types known to Notiflows, in display order. The server may add more. */
export const CHANNEL_TYPES = ['email', 'sms', 'in_app', 'web_push', 'mobile_push', 'chat'] as const;
export type KnownChannelType = (typeof CHANNEL_TYPES)[number];
/** A channel type: one of the known ones, or a newer one the server sends. */
export type ChannelType = KnownChannelType | (string & {});

/** One switch per channel type, keyed by type (`email`, `web_push`, …). */
export type ChannelTypeSwitches = { [type: string]: boolean };

export interface NotiflowPreference {
  enabled: boolean;
  /** Per-notiflow overrides, one per channel type this notiflow uses. */
  channel_types: ChannelTypeSwitches;
  /** Display name, read-only. */
  name?: string;
}

/** `GET/PUT /user/v1/preferences` response. */
export interface Preferences {
  channel_types: ChannelTypeSwitches;
  notiflows: Record<string, NotiflowPreference>;
}

/** Body of `PUT /user/v1/preferences`: only the keys present change. */
export interface PreferencesUpdate {
  channel_types?: Partial<ChannelTypeSwitches>;
  notiflows?: Record<string, { enabled?: boolean; channel_types?: Partial<ChannelTypeSwitches> }>;
}

/** Web push subscription settings as Notiflows stores them: flat, not `keys: {...}`. */
export interface WebPushSettings {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface ChannelSubscription {
  id: string;
  channel_id: string;
  identifier: string;
  settings: WebPushSettings;
  created_at: string;
  updated_at: string;
}

export interface ChannelSettings {
  channel_id: string;
  user_id: string;
  settings: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** What `PushSubscription.toJSON()` gives; `addSubscription` also takes the live object. */
export interface PushSubscriptionLike {
  endpoint: string;
  keys?: { p256dh?: string; auth?: string } | Record<string, string>;
}
