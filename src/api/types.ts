/** Channel types known to Notiflows, in display order. The server may add more. */
export const CHANNEL_TYPES = ['email', 'sms', 'in_app', 'web_push', 'mobile_push', 'chat'] as const;
/** A channel type this package knows by name: one of {@link CHANNEL_TYPES}, labelled in every locale. */
export type KnownChannelType = (typeof CHANNEL_TYPES)[number];
/** A channel type: one of the known ones, or a newer one the server sends. */
export type ChannelType = KnownChannelType | (string & {});

/** One switch per channel type, keyed by type (`email`, `web_push`, …). */
export type ChannelTypeSwitches = { [type: string]: boolean };

/** One notiflow in the user's preferences: its own switch and its per-channel-type switches. */
export interface NotiflowPreference {
  /** The notiflow's own switch: `false` stops it on every channel type, whatever `channel_types` says. */
  enabled: boolean;
  /** Per-notiflow overrides, one per channel type this notiflow uses. */
  channel_types: ChannelTypeSwitches;
  /** Display name, read-only. */
  name?: string;
}

/** `GET/PUT /user/v1/preferences` response. */
export interface Preferences {
  /** The global switch of each channel type: `false` stops every notiflow on that type. */
  channel_types: ChannelTypeSwitches;
  /** The notiflows listed in preferences, by notiflow id. */
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

/** One subscription of the user on a channel; for web push, one browser. */
export interface ChannelSubscription {
  id: string;
  channel_id: string;
  /** Unique per user and channel; for web push, the push endpoint. */
  identifier: string;
  settings: WebPushSettings;
  created_at: string;
  updated_at: string;
}

/** The user's own settings for a channel (mobile push device tokens, Slack ids), as the server stores them. */
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
