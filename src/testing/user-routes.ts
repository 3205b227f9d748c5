import { http, type HttpHandler } from 'msw';
import type { ChannelSubscription } from '../api/types.js';
import { deleteChannelSettings, putChannelSettings } from './channel-settings.js';
import { invalid, json, noContent, notFound } from './http.js';
import type { Call, Endpoint, Serve } from './pipeline.js';
import { updatePreferences } from './preferences.js';
import { channelOf, subKey, type Project } from './project.js';
import { isObject, validateWebPushSubscription } from './validation.js';

/** The user API (`/user/v1`): what a user's browser reads and changes, as that user. */
export function userRoutes(project: Project, serve: Serve): HttpHandler[] {
  const u = `${project.fake.baseUrl}/user/v1`;
  const user = (endpoint: Endpoint) => serve('user', endpoint);
  return [
    http.get(`${u}/preferences`, user(getPreferences)),
    http.put(`${u}/preferences`, user(putPreferences)),
    http.get(`${u}/channels/:channelId/subscriptions`, user(listSubscriptions)),
    http.post(`${u}/channels/:channelId/subscriptions`, user(subscribe)),
    http.delete(`${u}/channels/:channelId/subscriptions`, user(unsubscribe)),
    http.put(`${u}/channels/:channelId/settings`, user(putSettings)),
    http.delete(`${u}/channels/:channelId/settings`, user(deleteSettings)),
  ];
}

function getPreferences({ fake }: Project, { userId }: Call): Response {
  return json(fake.preferencesOf(userId));
}

function putPreferences(project: Project, { userId, body }: Call): Response {
  return json(updatePreferences(project, userId, body));
}

function listSubscriptions({ fake }: Project, { userId, params }: Call): Response {
  channelOf(fake, params.channelId, 'web_push');
  return json({ items: fake.subscriptionsOf(userId, params.channelId) });
}

function subscribe({ fake }: Project, { userId, params, body }: Call): Response {
  channelOf(fake, params.channelId, 'web_push');
  const errors = validateWebPushSubscription(body);
  if (errors.length) throw invalid(errors);
  const { identifier, settings } = body as {
    identifier: string;
    settings: ChannelSubscription['settings'];
  };
  const { subscription, created } = fake.upsertSubscription(
    userId,
    params.channelId,
    identifier,
    settings,
  );
  return json(subscription, created ? 201 : 200);
}

function unsubscribe(project: Project, { userId, params, body }: Call): Response {
  channelOf(project.fake, params.channelId, 'web_push');
  if (!isObject(body) || typeof body.identifier !== 'string' || !body.identifier) {
    throw invalid([{ field: 'identifier', message: "can't be blank", reason: 'required' }]);
  }
  if (!project.subscriptions.delete(subKey(userId, params.channelId, body.identifier))) {
    throw notFound('channel_subscription', body.identifier, 'subscription');
  }
  return noContent();
}

function putSettings(project: Project, { userId, params, body }: Call): Response {
  return json(putChannelSettings(project, userId, params.channelId, body, false));
}

function deleteSettings(project: Project, { userId, params }: Call): Response {
  deleteChannelSettings(project, userId, params.channelId);
  return noContent();
}
