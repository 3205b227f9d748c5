import type { KeyObject } from 'jose';
import type { ChannelSubscription } from '../api/types.js';
import type { FakeChannel, FakeNotiflows, Fault } from './fake-notiflows.js';
import { ApiError, invalid, notFound } from './http.js';
import { UUID_RE } from './validation.js';

/**
 * One fake project as the handlers see it: the {@link FakeNotiflows} itself (its settings as
 * they are now, its public state and methods) and the state it keeps private. The fake builds
 * it once; it is never exported from the package.
 */
export interface Project {
  readonly fake: FakeNotiflows;
  /** The server's clock in ms. */
  readonly clock: () => number;
  /** The public key that verifies user keys; without one only development mode works. */
  signingKey?: Promise<CryptoKey | Uint8Array | KeyObject>;
  /** Faults injected by `fail()` and not used up yet, in order. */
  readonly faults: Fault[];
  /** Per user: when their recent user API requests arrived (ms), for the rate limit. */
  readonly recent: Map<string, number[]>;
  /** The switches each user set, by external id (everything else is on). */
  readonly preferences: Map<string, StoredPreferences>;
  /** Web push subscriptions, by {@link subKey}. */
  readonly subscriptions: Map<string, ChannelSubscription>;
  /** Channel settings, by `user \n channel`. */
  readonly channelSettings: Map<string, StoredChannelSettings>;
  /** Topics by name. */
  readonly topics: Map<string, Topic>;
}

/** The switches a user set. */
export interface StoredPreferences {
  channel_types: Record<string, boolean>;
  notiflows: Record<string, { enabled?: boolean; channel_types: Record<string, boolean> }>;
}

/** A user's settings on one channel. */
export interface StoredChannelSettings {
  settings: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** A topic and its subscribers by external id. */
export interface Topic {
  name: string;
  created_at: string;
  subscribers: Map<string, { id: string; created_at: string }>;
}

/** The key of a web push subscription in {@link Project.subscriptions}. */
export const subKey = (user: string, channel: string, identifier: string) =>
  `${user}\n${channel}\n${identifier}`;

/** Now, as the API writes times (ISO 8601). */
export const now = () => new Date().toISOString();

/** A copy, so that what the fake answers or shows never aliases its state. */
export const clone = <T>(v: T): T => structuredClone(v);

/** The channel a path names: 400 unless a UUID, 404 unless it exists, 422 unless of `type`. */
export function channelOf(
  fake: FakeNotiflows,
  id: string,
  type?: FakeChannel['type'],
): FakeChannel {
  if (!UUID_RE.test(id))
    throw new ApiError(400, 'bad_request', 'Invalid UUID', {
      reason: 'invalid_uuid',
      param: 'channel_id',
    });
  const channel = fake.channels.get(id);
  if (!channel) throw notFound('channel', id);
  if (type && channel.type !== type) {
    throw invalid([
      {
        field: 'channel_id',
        message: `is a ${channel.type} channel, not ${type}`,
        reason: 'unsupported_channel_type',
      },
    ]);
  }
  return channel;
}
