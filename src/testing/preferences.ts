import { CHANNEL_TYPES, type Preferences } from '../api/types.js';
import type { FakeChannel, FakeNotiflow } from './fake-notiflows.js';
import { invalid, invalidJson } from './http.js';
import type { Project } from './project.js';
import { validatePreferencesUpdate } from './validation.js';

const ALL_SWITCHES = Object.fromEntries(CHANNEL_TYPES.map((t) => [t, true])) as Record<
  string,
  boolean
>;

/** A user's preferences as the API shows them: every switch on that the user did not turn off. */
export function preferencesView(project: Project, userId: string): Preferences {
  const stored = project.preferences.get(userId);
  const notiflows: Preferences['notiflows'] = {};
  for (const n of project.fake.notiflows.values()) {
    if (n.include_in_preferences === false) continue;
    const own = stored?.notiflows[n.id];
    const channel_types: Record<string, boolean> = {};
    for (const type of typesOf(project, n)) channel_types[type] = own?.channel_types[type] ?? true;
    notiflows[n.id] = { enabled: own?.enabled ?? true, channel_types, name: n.name };
  }
  return { channel_types: { ...ALL_SWITCHES, ...stored?.channel_types }, notiflows };
}

/** The channel types a notiflow delivers on, in the API's order. */
function typesOf(project: Project, n: FakeNotiflow): string[] {
  const types = n.channels
    .map((id) => project.fake.channels.get(id)?.type)
    .filter((t): t is FakeChannel['type'] => !!t);
  return CHANNEL_TYPES.filter((t) => types.includes(t));
}

/** Applies a `PUT …/preferences` body (only the switches it names) and returns the result. */
export function updatePreferences(project: Project, userId: string, body: unknown): Preferences {
  if (body === undefined) throw invalidJson();
  const errors = validatePreferencesUpdate(body, new Set(project.fake.notiflows.keys()));
  if (errors.length) throw invalid(errors);
  const update = body as {
    channel_types?: Record<string, boolean>;
    notiflows?: Record<string, { enabled?: boolean; channel_types?: Record<string, boolean> }>;
  };
  const stored = project.preferences.get(userId) ?? { channel_types: {}, notiflows: {} };
  Object.assign(stored.channel_types, update.channel_types);
  for (const [id, n] of Object.entries(update.notiflows ?? {})) {
    const own = (stored.notiflows[id] ??= { channel_types: {} });
    if (n.enabled !== undefined) own.enabled = n.enabled;
    Object.assign(own.channel_types, n.channel_types);
  }
  project.preferences.set(userId, stored);
  return project.fake.preferencesOf(userId);
}
