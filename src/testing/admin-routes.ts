import { http, type HttpHandler } from 'msw';
import {
  channelSettingsOf,
  deleteChannelSettings,
  putChannelSettings,
} from './channel-settings.js';
import type { FakeNotiflows, FakeUser } from './fake-notiflows.js';
import { invalid, json, noContent, notFound } from './http.js';
import type { Call, Endpoint, Serve } from './pipeline.js';
import { updatePreferences } from './preferences.js';
import { now, type Project } from './project.js';
import { isObject, validateUserUpsert } from './validation.js';

/** The admin API (`/admin/v1`), the part this package needs: what a customer's server does. */
export function adminRoutes(project: Project, serve: Serve): HttpHandler[] {
  const a = `${project.fake.baseUrl}/admin/v1`;
  const admin = (endpoint: Endpoint) => serve('admin', endpoint);
  return [
    http.put(`${a}/users/:userId`, admin(putUser)),
    http.get(`${a}/users/:userId/preferences`, admin(getPreferences)),
    http.put(`${a}/users/:userId/preferences`, admin(putPreferences)),
    http.get(`${a}/users/:userId/channel-settings/:channelId`, admin(getSettings)),
    http.put(`${a}/users/:userId/channel-settings/:channelId`, admin(putSettings)),
    http.delete(`${a}/users/:userId/channel-settings/:channelId`, admin(deleteSettings)),
    http.post(`${a}/users/:userId/subscriptions`, admin(subscribeToTopic)),
    http.delete(`${a}/users/:userId/subscriptions/:topic`, admin(unsubscribeFromTopic)),
    http.post(`${a}/notiflows/:notiflowId/run`, admin(run)),
  ];
}

/** The user a path names; 404 unless they exist. */
function userOf(fake: FakeNotiflows, externalId: string): string {
  if (!fake.users.has(externalId)) throw notFound('user', externalId);
  return externalId;
}

/** Creates or updates a user; a new user's channel settings and preferences come along. */
function putUser(project: Project, { params, body }: Call): Response {
  const errors = validateUserUpsert(body);
  const b = (isObject(body) ? body : {}) as Record<string, unknown>;
  if (
    !project.fake.users.has(params.userId) &&
    b.external_id !== undefined &&
    b.external_id !== params.userId
  ) {
    errors.push({
      field: 'external_id',
      message: 'must match the path',
      reason: 'mismatch',
    });
  }
  if (errors.length) throw invalid(errors);
  const { external_id: _, channel_settings, preferences, ...fields } = b;
  const { user, created } = project.fake.upsertUser(params.userId, fields as Partial<FakeUser>);
  if (created && Array.isArray(channel_settings)) {
    for (const cs of channel_settings)
      if (isObject(cs)) putChannelSettings(project, params.userId, String(cs.channel_id), cs, true);
  }
  if (created && preferences !== undefined) updatePreferences(project, params.userId, preferences);
  return json(user, created ? 201 : 200);
}

function getPreferences({ fake }: Project, { params }: Call): Response {
  return json(fake.preferencesOf(userOf(fake, params.userId)));
}

function putPreferences(project: Project, { params, body }: Call): Response {
  return json(updatePreferences(project, userOf(project.fake, params.userId), body));
}

function getSettings(project: Project, { params }: Call): Response {
  return json(channelSettingsOf(project, userOf(project.fake, params.userId), params.channelId));
}

function putSettings(project: Project, { params, body }: Call): Response {
  const userId = userOf(project.fake, params.userId);
  return json(putChannelSettings(project, userId, params.channelId, body, true));
}

function deleteSettings(project: Project, { params }: Call): Response {
  deleteChannelSettings(project, userOf(project.fake, params.userId), params.channelId);
  return noContent();
}

function subscribeToTopic(project: Project, { params, body }: Call): Response {
  const userId = userOf(project.fake, params.userId);
  if (!isObject(body) || typeof body.topic_name !== 'string' || !body.topic_name) {
    throw invalid([{ field: 'topic_name', message: "can't be blank", reason: 'required' }]);
  }
  const name = body.topic_name;
  let topic = project.topics.get(name);
  if (!topic)
    project.topics.set(name, (topic = { name, created_at: now(), subscribers: new Map() }));
  const existing = topic.subscribers.get(userId);
  const sub = existing ?? { id: crypto.randomUUID(), created_at: now() };
  topic.subscribers.set(userId, sub);
  return json(
    { ...sub, topic_name: name, user_id: project.fake.users.get(userId)!.id },
    existing ? 200 : 201,
  );
}

function unsubscribeFromTopic(project: Project, { params }: Call): Response {
  const userId = userOf(project.fake, params.userId);
  if (!project.topics.get(params.topic)?.subscribers.delete(userId))
    throw notFound('subscription', params.topic);
  return noContent();
}

async function run({ fake }: Project, { params, body }: Call): Promise<Response> {
  if (!isObject(body))
    throw invalid([{ field: 'body', message: 'must be an object', reason: 'invalid' }]);
  return json(await fake.run(params.notiflowId, body), 200);
}
