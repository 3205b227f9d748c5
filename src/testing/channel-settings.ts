import type { FakeChannel } from './fake-notiflows.js';
import { invalid, notFound } from './http.js';
import { channelOf, clone, now, type Project, type StoredChannelSettings } from './project.js';
import { validateChannelSettings } from './validation.js';

// A user's settings on a channel (e.g. an email address), through either API; the admin API
// also shows the channel's provider.

const key = (userId: string, channelId: string) => `${userId}\n${channelId}`;

/** A user's settings on a channel, as the admin API shows them; 404 when none are stored. */
export function channelSettingsOf(project: Project, userId: string, channelId: string) {
  const channel = channelOf(project.fake, channelId);
  const stored = project.channelSettings.get(key(userId, channel.id));
  if (!stored) throw notFound('channel_settings', channel.id, 'channel settings');
  return view(project, userId, channel, stored, true);
}

/** Stores a `PUT` body, checked for the channel's type: it replaces the whole blob. */
export function putChannelSettings(
  project: Project,
  userId: string,
  channelId: string,
  body: unknown,
  withProvider: boolean,
) {
  const channel = channelOf(project.fake, channelId);
  const errors = validateChannelSettings(channel.type, body);
  if (errors.length) throw invalid(errors);
  const at = now();
  const stored = {
    settings: clone((body as { settings: Record<string, unknown> }).settings),
    created_at: project.channelSettings.get(key(userId, channel.id))?.created_at ?? at,
    updated_at: at,
  };
  project.channelSettings.set(key(userId, channel.id), stored);
  return view(project, userId, channel, stored, withProvider);
}

/** Forgets a user's settings on a channel (none stored is fine). */
export function deleteChannelSettings(project: Project, userId: string, channelId: string): void {
  const channel = channelOf(project.fake, channelId);
  project.channelSettings.delete(key(userId, channel.id));
}

function view(
  project: Project,
  userId: string,
  channel: FakeChannel,
  stored: StoredChannelSettings,
  withProvider: boolean,
) {
  const defaultProvider =
    channel.type === 'chat' ? 'slack' : channel.type === 'mobile_push' ? 'apns' : channel.type;
  return {
    channel_id: channel.id,
    user_id: project.fake.users.get(userId)!.id,
    settings: clone(stored.settings),
    created_at: stored.created_at,
    updated_at: stored.updated_at,
    ...(withProvider ? { provider: channel.provider ?? defaultProvider } : {}),
  };
}
