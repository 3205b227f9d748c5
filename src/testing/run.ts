import type { ChannelSubscription } from '../api/types.js';
import type { FakeUser } from './fake-notiflows.js';
import { renderWebPushPayload, type Delivery } from './delivery.js';
import { invalid, notFound } from './http.js';
import { now, subKey, type Project } from './project.js';
import { isObject } from './validation.js';

// A run of a notiflow, as `POST /admin/v1/notiflows/{id}/run` does it: a delivery recorded
// per recipient and channel the notiflow uses, and for web push per subscription.

/** One run of a notiflow. */
interface Run {
  id: string;
  notiflowId: string;
  /** The web push payload, rendered once for every recipient. */
  payload: string;
}

/** Runs a notiflow for the recipients given (created if new) or a topic's subscribers. */
export async function runNotiflow(
  project: Project,
  notiflowId: string,
  input: { recipients?: unknown; topic?: unknown; data?: unknown },
) {
  const notiflow = project.fake.notiflows.get(notiflowId);
  if (!notiflow) throw notFound('notiflow', notiflowId);
  const recipients = recipientsOf(project, input);
  const data = isObject(input.data) ? input.data : {};
  const run = {
    id: crypto.randomUUID(),
    notiflowId,
    payload: renderWebPushPayload(notiflow, data),
  };
  for (const user of recipients)
    for (const channelId of notiflow.channels) await deliverOn(project, run, user, channelId);
  return { notiflow_run_id: run.id };
}

/** The external ids a run goes to: a topic's subscribers, or the recipients (upserted). */
function recipientsOf(
  project: Project,
  input: { recipients?: unknown; topic?: unknown },
): string[] {
  if ((input.recipients === undefined) === (input.topic === undefined)) {
    throw invalid([
      { field: 'recipients', message: 'give either recipients or topic', reason: 'exclusive' },
    ]);
  }
  if (input.topic !== undefined) {
    if (typeof input.topic !== 'string')
      throw invalid([{ field: 'topic', message: 'must be a string', reason: 'invalid_type' }]);
    return [...(project.topics.get(input.topic)?.subscribers.keys() ?? [])];
  }
  if (!Array.isArray(input.recipients) || !input.recipients.length)
    throw invalid([
      { field: 'recipients', message: 'must be a non-empty list', reason: 'invalid' },
    ]);
  return input.recipients.map((r, i) => {
    const id =
      typeof r === 'string'
        ? r
        : isObject(r) && typeof r.external_id === 'string'
          ? r.external_id
          : undefined;
    if (!id)
      throw invalid([
        { field: `recipients.${i}.external_id`, message: "can't be blank", reason: 'required' },
      ]);
    const { external_id: _, ...fields } = isObject(r) ? r : {};
    project.fake.upsertUser(id, fields as Partial<FakeUser>); // recipients are auto-created
    return id;
  });
}

/** Records the run's deliveries to one user on one channel, as their preferences allow. */
async function deliverOn(project: Project, run: Run, user: string, channelId: string) {
  const { fake } = project;
  const channel = fake.channels.get(channelId);
  if (!channel) return;
  const base = {
    id: crypto.randomUUID(),
    notiflow_run_id: run.id,
    notiflow_id: run.notiflowId,
    channel_id: channelId,
    channel_type: channel.type,
    recipient: user,
    created_at: now(),
  };
  if (!fake.allows(user, run.notiflowId, channel.type)) {
    fake.deliveries.push({ ...base, status: 'skipped', reason: 'preferences' });
    return;
  }
  if (channel.type !== 'web_push') {
    fake.deliveries.push({ ...base, status: 'sent' });
    return;
  }
  const subs = fake.subscriptionsOf(user, channelId);
  if (!subs.length)
    fake.deliveries.push({ ...base, status: 'skipped', reason: 'no_subscriptions' });
  for (const sub of subs) {
    const delivery: Delivery = {
      ...base,
      id: crypto.randomUUID(),
      endpoint: sub.settings.endpoint,
      payload: run.payload,
      status: 'sent',
    };
    await push(project, delivery, sub, subKey(user, channelId, sub.identifier));
    fake.deliveries.push(delivery);
  }
}

/**
 * Sends one web push through the fake's `deliver`, if it has one, and records the push
 * service's answer in the delivery.
 */
async function push(project: Project, delivery: Delivery, sub: ChannelSubscription, key: string) {
  if (!project.fake.deliver) return;
  try {
    delivery.push_status = (
      await project.fake.deliver({
        subscription: {
          endpoint: sub.settings.endpoint,
          keys: { p256dh: sub.settings.p256dh, auth: sub.settings.auth },
        },
        payload: delivery.payload!,
      })
    ).status;
    if (delivery.push_status >= 400) delivery.status = 'failed';
    // Gone at the push service: prune, as a well-behaved sender does.
    if (delivery.push_status === 404 || delivery.push_status === 410)
      project.subscriptions.delete(key);
  } catch (error) {
    delivery.status = 'failed';
    delivery.reason = String(error);
  }
}
