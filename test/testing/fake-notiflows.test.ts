import { expect } from '@open-wc/testing';
import {
  createProject,
  EMAIL_CHANNEL,
  fakeSubscription,
  ORDER_UPDATES,
  WEB_PUSH_CHANNEL,
  WEEKLY_DIGEST,
  type Project,
} from '../helpers.js';

// The fake's contract, over plain HTTP as any client would see it.

const MOBILE_CHANNEL = '4f2c8d96-ae8c-4ecd-9b96-6d4a6f5db055';
const SLACK_CHANNEL = '5a3d9ea7-bf9d-4fde-8ca7-7e5b7a6ec166';

describe('fake Notiflows', () => {
  let project: Project;
  let key: string;
  const user = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    fetch(`${project.apiUrl}${path}`, {
      method,
      headers: {
        'x-notiflows-api-key': project.apiKey,
        'x-notiflows-user-key': key,
        'content-type': 'application/json',
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const envelope = async (response: Response) => (await response.json()).error;

  beforeEach(async () => {
    project = await createProject({
      channels: [
        { id: WEB_PUSH_CHANNEL, type: 'web_push' },
        { id: EMAIL_CHANNEL, type: 'email' },
        { id: MOBILE_CHANNEL, type: 'mobile_push' },
        { id: SLACK_CHANNEL, type: 'chat' },
      ],
    });
    key = await project.sign('alice');
  });
  afterEach(() => project.dispose());

  describe('error envelope and auth', () => {
    it('answers with the documented envelope and a matching x-request-id', async () => {
      key = await project.sign('mallory');
      const response = await user('GET', '/preferences');
      expect(response.status).to.equal(404);
      const error = await envelope(response);
      expect(error).to.deep.equal({
        type: 'https://docs.notiflows.com/errors/not_found',
        code: 'not_found',
        message: 'User not found',
        status: 404,
        request_id: response.headers.get('x-request-id'),
        details: { resource: 'user', id: 'mallory' },
      });
    });

    it('needs the project public key', async () => {
      const response = await user('GET', '/preferences', undefined, {
        'x-notiflows-api-key': 'pk_other',
      });
      expect(response.status).to.equal(401);
      expect(await envelope(response)).to.include({
        code: 'unauthenticated',
        message: 'Authentication required',
      });
    });

    it('verifies the RS256 signature and expiry of the user key', async () => {
      const other = await createProject();
      key = await other.sign('alice');
      expect((await envelope(await user('GET', '/preferences'))).details).to.deep.equal({
        auth: 'user_key',
        reason: 'invalid',
      });
      key = await project.sign('alice', {
        issuedAt: Math.floor(Date.now() / 1000) - 100,
        expiresIn: 10,
      });
      expect((await envelope(await user('GET', '/preferences'))).details).to.deep.equal({
        auth: 'user_key',
        reason: 'expired',
      });
      const [header, payload] = (await project.sign('alice')).split('.');
      key = `${header}.${payload}.`; // "none"-style: signature stripped
      expect((await user('GET', '/preferences')).status).to.equal(401);
      await other.dispose();
    });

    it('checks user keys like a server: exp required, at most 24 h, iat not ahead, nbf', async () => {
      const t = Math.floor(Date.now() / 1000);
      const reasonFor = async (claims: Parameters<Project['sign']>[1]) => {
        key = await project.sign('alice', claims);
        const response = await user('GET', '/preferences');
        return response.ok ? 'ok' : (await envelope(response)).details.reason;
      };
      expect(await reasonFor({ expiresIn: null })).to.equal('invalid');
      expect(await reasonFor({ expiresIn: 24 * 3600 + 1 })).to.equal('lifetime_too_long');
      expect(await reasonFor({ expiresIn: 24 * 3600 })).to.equal('ok');
      expect(await reasonFor({ issuedAt: t + 120 })).to.equal('issued_in_future');
      expect(await reasonFor({ issuedAt: t + 30 })).to.equal('ok'); // a minute of clock skew
      expect(await reasonFor({ notBefore: t + 120 })).to.equal('not_yet_valid');
    });

    it('answers cross-origin with real CORS: the two key headers allowed, headers exposed', async () => {
      expect(new URL(project.apiUrl).origin).not.to.equal(location.origin);
      const response = await user('GET', '/preferences');
      expect(response.headers.get('x-request-id')).to.match(/^req_/);
      expect(response.headers.get('date')).to.be.a('string');
      // The secret key's header is not allowed from a browser: the preflight refuses it.
      const secret = await user('GET', '/preferences', undefined, {
        'x-notiflows-secret-key': project.secretKey,
      }).then(
        () => 'answered',
        (e: Error) => e.name,
      );
      expect(secret).to.equal('TypeError');
    });

    it('rate-limits each user: 20 requests in 10 s, then 429 with retry_after and Retry-After', async () => {
      const statuses = [];
      for (let i = 0; i < 21; i++) statuses.push((await user('GET', '/preferences')).status);
      expect(statuses.filter((s) => s === 200)).to.have.length(20);
      const limited = await user('GET', '/preferences');
      expect(limited.status).to.equal(429);
      const error = await envelope(limited);
      expect(error.code).to.equal('rate_limited');
      expect(error.details).to.include({ limit: 20, window: 10 });
      expect(error.details.retry_after).to.be.within(1, 10);
      expect(limited.headers.get('retry-after')).to.equal(String(error.details.retry_after));
      key = await project.sign('bob'); // another user has a budget of their own
      expect((await user('GET', '/preferences')).status).to.equal(200);
    });

    it('injects faults after authentication, and after the write is applied', async () => {
      await project.fail({ status: 503, when: 'authenticated' });
      const own = key;
      const other = await createProject();
      key = await other.sign('alice'); // signed by another project's key
      expect((await user('GET', '/preferences')).status, 'refused before the fault').to.equal(401);
      await other.dispose();
      key = own;
      expect((await user('GET', '/preferences')).status).to.equal(503);
      // times: 3, as a browser sends an idempotent request again once on a dropped reused connection
      await project.fail({ drop: true, when: 'applied', method: 'PUT', times: 3 });
      const lost = await user('PUT', '/preferences', { channel_types: { sms: false } }).then(
        () => 'answered',
        (e: Error) => e.name,
      );
      expect(lost).to.equal('TypeError');
      await project.clearFaults();
      const prefs = await (await user('GET', '/preferences')).json();
      expect(prefs.channel_types.sms, 'the write was applied').to.equal(false);
    });

    it('accepts x-notiflows-user-id only in development mode', async () => {
      const dev = (id: string) =>
        fetch(`${project.apiUrl}/preferences`, {
          headers: { 'x-notiflows-api-key': project.apiKey, 'x-notiflows-user-id': id },
        });
      const refused = await dev('alice');
      expect(refused.status).to.equal(401);
      expect((await envelope(refused)).details.reason).to.equal('development_mode_disabled');
      await project.set({ developmentMode: true });
      expect((await dev('alice')).status).to.equal(200);
      expect((await dev('nobody')).status).to.equal(404);
    });

    it('blocks browser origins that are not allowed (all of them when the list is empty)', async () => {
      await project.set({ allowedOrigins: [] });
      // Another origin without CORS headers: the page sees a failed fetch, nothing more.
      const blocked = await user('PUT', '/preferences', { channel_types: { sms: false } }).then(
        () => 'answered',
        (e: Error) => e.name,
      );
      expect(blocked).to.equal('TypeError');
      const logged = (await project.requests()).filter((r) => r.method === 'PUT');
      expect(logged.map((r) => r.status)).to.deep.equal([]); // refused at the preflight
      expect((await project.snapshot()).users[0].preferences.channel_types.sms).to.equal(true);
      await project.set({ allowedOrigins: [location.origin] });
      expect(
        (await user('PUT', '/preferences', { channel_types: { sms: false } })).status,
      ).to.equal(200);
    });

    it('rejects a body that is not JSON with 400 invalid_json', async () => {
      const response = await user('PUT', '/preferences', '{not json');
      expect(response.status).to.equal(400);
      expect(await envelope(response)).to.deep.include({
        code: 'bad_request',
        details: { reason: 'invalid_json' },
      });
    });

    it('logs requests without any credential', async () => {
      await user('GET', '/preferences');
      const [logged] = await project.requests();
      expect(logged).to.include({
        method: 'GET',
        path: '/user/v1/preferences',
        status: 200,
        auth: 'user_key',
        user: 'alice',
      });
      expect(JSON.stringify(logged)).not.to.include(key);
      expect(JSON.stringify(logged)).not.to.include(project.apiKey);
    });
  });

  describe('user preferences', () => {
    it('starts with every channel type on and lists the notiflows with their channel types', async () => {
      const prefs = await (await user('GET', '/preferences')).json();
      expect(prefs).to.deep.equal({
        channel_types: {
          email: true,
          sms: true,
          in_app: true,
          web_push: true,
          mobile_push: true,
          chat: true,
        },
        notiflows: {
          [ORDER_UPDATES]: {
            enabled: true,
            channel_types: { email: true, web_push: true },
            name: 'Order updates',
          },
          [WEEKLY_DIGEST]: { enabled: true, channel_types: { email: true }, name: 'Weekly digest' },
        },
      });
    });

    it('applies the seed page example as a partial update', async () => {
      const response = await user('PUT', '/preferences', {
        channel_types: { sms: false },
        notiflows: { [ORDER_UPDATES]: { channel_types: { email: false }, enabled: true } },
      });
      expect(response.status).to.equal(200);
      const prefs = await response.json();
      expect(prefs.channel_types).to.deep.equal({
        email: true,
        sms: false,
        in_app: true,
        web_push: true,
        mobile_push: true,
        chat: true,
      });
      expect(prefs.notiflows[ORDER_UPDATES]).to.deep.equal({
        enabled: true,
        channel_types: { email: false, web_push: true },
        name: 'Order updates',
      });
      // Only provided fields change.
      const next = await (
        await user('PUT', '/preferences', { notiflows: { [WEEKLY_DIGEST]: { enabled: false } } })
      ).json();
      expect(next.channel_types.sms).to.equal(false);
      expect(next.notiflows[ORDER_UPDATES].channel_types.email).to.equal(false);
      expect(next.notiflows[WEEKLY_DIGEST].enabled).to.equal(false);
    });

    it('rejects wrong types, unknown channel types and unknown notiflows with 422 fields, changing nothing', async () => {
      const response = await user('PUT', '/preferences', {
        channel_types: { email: 'no', pigeon: false },
        notiflows: { nope: { enabled: false }, [ORDER_UPDATES]: { enabled: 1 } },
        extra: 1,
      });
      expect(response.status).to.equal(422);
      const fields = (await envelope(response)).details.fields.map(
        (f: { field: string }) => f.field,
      );
      expect(fields).to.have.members([
        'extra',
        'channel_types.email',
        'channel_types.pigeon',
        'notiflows.nope',
        `notiflows.${ORDER_UPDATES}.enabled`,
      ]);
      expect((await (await user('GET', '/preferences')).json()).channel_types.email).to.equal(true);
    });

    it('ignores the read-only name', async () => {
      const prefs = await (
        await user('PUT', '/preferences', { notiflows: { [ORDER_UPDATES]: { name: 'Hacked' } } })
      ).json();
      expect(prefs.notiflows[ORDER_UPDATES].name).to.equal('Order updates');
    });
  });

  describe('user channel subscriptions', () => {
    it('upserts on identifier: 201 created, 200 updated', async () => {
      const sub = await fakeSubscription();
      const body = { identifier: sub.endpoint, settings: { endpoint: sub.endpoint, ...sub.keys } };
      const created = await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, body);
      expect(created.status).to.equal(201);
      const first = await created.json();
      expect(first).to.include({ channel_id: WEB_PUSH_CHANNEL, identifier: sub.endpoint });
      expect(first.settings).to.deep.equal(body.settings);
      const newKeys = (await fakeSubscription()).keys;
      const updated = await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
        ...body,
        settings: { endpoint: sub.endpoint, ...newKeys },
      });
      expect(updated.status).to.equal(200);
      expect((await updated.json()).id).to.equal(first.id);
      const list = await (await user('GET', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`)).json();
      expect(list.items).to.have.length(1);
      expect(list.items[0].settings.p256dh).to.equal(newKeys.p256dh);
    });

    it('validates web push settings: URL endpoint, P-256 point, 16-byte auth', async () => {
      const response = await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
        identifier: 'x',
        settings: { endpoint: 'ftp://push', p256dh: 'BOxxx', auth: 'AAAA' },
      });
      expect(response.status).to.equal(422);
      const error = await envelope(response);
      expect(error.code).to.equal('validation_failed');
      expect(error.details.fields.map((f: { field: string }) => f.field)).to.deep.equal([
        'settings.endpoint',
        'settings.p256dh',
        'settings.auth',
      ]);
      const nested = await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
        identifier: 'x',
        settings: { endpoint: 'https://p', keys: {} },
      });
      expect(nested.status, 'the browser shape {keys: {...}} is not accepted').to.equal(422);
      const plainHttp = await fakeSubscription('http://push.example.test/1');
      expect(
        (
          await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
            identifier: plainHttp.endpoint,
            settings: { endpoint: plainHttp.endpoint, ...plainHttp.keys },
          })
        ).status,
      ).to.equal(422);
    });

    it('answers 400 invalid_uuid for a malformed channel id, 404 for an unknown one', async () => {
      const malformed = await user('GET', '/channels/01HQXYZ123456789ABCDEFGHIJ/subscriptions');
      expect(malformed.status).to.equal(400);
      expect(await envelope(malformed)).to.deep.include({
        code: 'bad_request',
        details: { reason: 'invalid_uuid', param: 'channel_id' },
      });
      const unknown = await user('GET', `/channels/${crypto.randomUUID()}/subscriptions`);
      expect(unknown.status).to.equal(404);
      expect((await envelope(unknown)).details.resource).to.equal('channel');
    });

    it('refuses subscriptions on a channel that is not web push', async () => {
      const sub = await fakeSubscription();
      const response = await user('POST', `/channels/${EMAIL_CHANNEL}/subscriptions`, {
        identifier: sub.endpoint,
        settings: { endpoint: sub.endpoint, ...sub.keys },
      });
      expect(response.status).to.equal(422);
    });

    it('deletes with a JSON body: 204, then 404; 422 without identifier', async () => {
      const sub = await fakeSubscription();
      await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
        identifier: sub.endpoint,
        settings: { endpoint: sub.endpoint, ...sub.keys },
      });
      expect(
        (await user('DELETE', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {})).status,
      ).to.equal(422);
      expect(
        (
          await user('DELETE', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
            identifier: sub.endpoint,
          })
        ).status,
      ).to.equal(204);
      expect(
        (
          await user('DELETE', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
            identifier: sub.endpoint,
          })
        ).status,
      ).to.equal(404);
    });

    it('requires identifier to equal settings.endpoint', async () => {
      const sub = await fakeSubscription();
      const response = await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
        identifier: `${sub.endpoint}-other`,
        settings: { endpoint: sub.endpoint, ...sub.keys },
      });
      expect(response.status).to.equal(422);
      expect((await envelope(response)).details.fields).to.deep.include({
        field: 'identifier',
        message: 'must equal settings.endpoint',
        reason: 'mismatch',
      });
    });

    it('gives an endpoint to one user at a time: a POST by another user moves it', async () => {
      const sub = await fakeSubscription();
      const body = { identifier: sub.endpoint, settings: { endpoint: sub.endpoint, ...sub.keys } };
      await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, body);
      key = await project.sign('bob');
      expect(
        (await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, body)).status,
      ).to.equal(201);
      const owners = (await project.snapshot()).users
        .filter((u) => u.subscriptions.length)
        .map((u) => u.external_id);
      expect(owners).to.deep.equal(['bob']);
    });

    it("keeps each user's subscriptions apart", async () => {
      const sub = await fakeSubscription();
      await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
        identifier: sub.endpoint,
        settings: { endpoint: sub.endpoint, ...sub.keys },
      });
      key = await project.sign('bob');
      expect(
        (await (await user('GET', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`)).json()).items,
      ).to.deep.equal([]);
      expect(
        (
          await user('DELETE', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
            identifier: sub.endpoint,
          })
        ).status,
      ).to.equal(404);
    });
  });

  describe('user channel settings', () => {
    it('puts and deletes settings; web push has none', async () => {
      const put = await user('PUT', `/channels/${MOBILE_CHANNEL}/settings`, {
        settings: { device_tokens: ['t1'] },
      });
      expect(put.status).to.equal(200);
      expect(Object.keys(await put.json())).to.have.members([
        'channel_id',
        'created_at',
        'settings',
        'updated_at',
        'user_id',
      ]);
      expect((await user('DELETE', `/channels/${MOBILE_CHANNEL}/settings`)).status).to.equal(204);
      expect(
        (await user('PUT', `/channels/${WEB_PUSH_CHANNEL}/settings`, { settings: {} })).status,
      ).to.equal(422);
      expect((await user('PUT', `/channels/${MOBILE_CHANNEL}/settings`, {})).status).to.equal(422);
    });
  });

  describe('admin API', () => {
    it('needs the secret key', async () => {
      const response = await project.admin('GET', '/users/alice/preferences', undefined, {
        'x-notiflows-secret-key': 'sk_wrong',
      });
      expect(response.status).to.equal(401);
      expect((await envelope(response)).details).to.deep.equal({ auth: 'secret_key' });
    });

    it('upserts users: 201 then 200, custom fields deep-merged, fields validated', async () => {
      const created = await project.admin('PUT', '/users/carol', {
        external_id: 'carol',
        email: 'carol@example.test',
        custom_fields: { plan: { tier: 'pro', seats: 3 } },
      });
      expect(created.status).to.equal(201);
      const updated = await project.admin('PUT', '/users/carol', {
        first_name: 'Carol',
        custom_fields: { plan: { seats: 5 } },
      });
      expect(updated.status).to.equal(200);
      const body = await updated.json();
      expect(body).to.include({
        external_id: 'carol',
        email: 'carol@example.test',
        first_name: 'Carol',
      });
      expect(body.custom_fields).to.deep.equal({ plan: { tier: 'pro', seats: 5 } });
      const invalid = await project.admin('PUT', '/users/dave', {
        phone: '555-1234',
        avatar: 'javascript:alert(1)',
      });
      expect(invalid.status).to.equal(422);
      expect(
        (await envelope(invalid)).details.fields.map((f: { field: string }) => f.field),
      ).to.have.members(['phone', 'avatar']);
    });

    it('gets and updates preferences of a user (seed page example)', async () => {
      const response = await project.admin('PUT', '/users/alice/preferences', {
        channel_types: { sms: false },
        notiflows: { [ORDER_UPDATES]: { channel_types: { email: false }, enabled: true } },
      });
      expect(response.status).to.equal(200);
      expect((await response.json()).channel_types.sms).to.equal(false);
      expect(
        (await (await project.admin('GET', '/users/alice/preferences')).json()).notiflows[
          ORDER_UPDATES
        ].channel_types.email,
      ).to.equal(false);
      expect((await project.admin('GET', '/users/nobody/preferences')).status).to.equal(404);
    });

    it('manages channel settings: device tokens, Slack ids (at least one)', async () => {
      const tokens = await project.admin('PUT', `/users/alice/channel-settings/${MOBILE_CHANNEL}`, {
        settings: {
          device_tokens: ['ExampleTokenABCDEF123456789...', 'AnotherTokenXYZ987654321...'],
        },
      });
      expect(tokens.status).to.equal(200);
      const body = await tokens.json();
      expect(body).to.include({ channel_id: MOBILE_CHANNEL, provider: 'apns' });
      expect(body.settings.device_tokens).to.have.length(2);
      expect(
        (await project.admin('GET', `/users/alice/channel-settings/${MOBILE_CHANNEL}`)).status,
      ).to.equal(200);
      expect(
        (
          await project.admin('PUT', `/users/alice/channel-settings/${SLACK_CHANNEL}`, {
            settings: {},
          })
        ).status,
      ).to.equal(422);
      expect(
        (
          await project.admin('PUT', `/users/alice/channel-settings/${SLACK_CHANNEL}`, {
            settings: { slack_user_id: 'U0123456789' },
          })
        ).status,
      ).to.equal(200);
      expect(
        (
          await project.admin('PUT', `/users/alice/channel-settings/${MOBILE_CHANNEL}`, {
            settings: { device_tokens: [] },
          })
        ).status,
      ).to.equal(422);
      expect(
        (await project.admin('DELETE', `/users/alice/channel-settings/${MOBILE_CHANNEL}`)).status,
      ).to.equal(204);
      expect(
        (await project.admin('GET', `/users/alice/channel-settings/${MOBILE_CHANNEL}`)).status,
      ).to.equal(404);
      expect(
        (
          await project.admin('PUT', `/users/alice/channel-settings/01HQXYZ123456789ABCDEFGHIJ`, {
            settings: { device_tokens: ['t'] },
          })
        ).status,
      ).to.equal(400);
    });

    it('subscribes to topics idempotently (seed page example) and unsubscribes', async () => {
      const first = await project.admin('POST', '/users/alice/subscriptions', {
        topic_name: 'order-updates',
      });
      expect(first.status).to.equal(201);
      const body = await first.json();
      expect(Object.keys(body)).to.have.members(['created_at', 'id', 'topic_name', 'user_id']);
      expect(body.topic_name).to.equal('order-updates');
      const again = await project.admin('POST', '/users/alice/subscriptions', {
        topic_name: 'order-updates',
      });
      expect(again.status).to.equal(200);
      expect((await again.json()).id).to.equal(body.id);
      expect((await project.admin('POST', '/users/alice/subscriptions', {})).status).to.equal(422);
      expect(
        (await project.admin('DELETE', '/users/alice/subscriptions/order-updates')).status,
      ).to.equal(204);
      expect(
        (await project.admin('DELETE', '/users/alice/subscriptions/order-updates')).status,
      ).to.equal(404);
    });

    it('runs a notiflow: renders the payload, delivers to each subscription, respects preferences', async () => {
      const sub = await fakeSubscription();
      await user('POST', `/channels/${WEB_PUSH_CHANNEL}/subscriptions`, {
        identifier: sub.endpoint,
        settings: { endpoint: sub.endpoint, ...sub.keys },
      });
      const run = await project.admin('POST', `/notiflows/${ORDER_UPDATES}/run`, {
        recipients: ['alice', { external_id: 'newbie' }],
        data: { order: 'A-17', when: 'Tuesday' },
      });
      expect(run.status).to.equal(200);
      const { notiflow_run_id } = await run.json();
      const snapshot = await project.snapshot();
      const { users } = snapshot;
      let { deliveries } = snapshot;
      const push = deliveries.filter(
        (d) => d.notiflow_run_id === notiflow_run_id && d.channel_type === 'web_push',
      );
      expect(push.map((d) => [d.recipient, d.status, d.reason])).to.deep.equal([
        ['alice', 'sent', undefined],
        ['newbie', 'skipped', 'no_subscriptions'],
      ]);
      expect(JSON.parse(push[0].payload!)).to.deep.equal({
        title: 'Order A-17 shipped',
        body: 'Arrives Tuesday',
        action_url: '/orders/A-17',
      });
      expect(users.map((u) => u.external_id)).to.include('newbie'); // recipients are created on the fly

      await user('PUT', '/preferences', { channel_types: { web_push: false } });
      await project.admin('POST', `/notiflows/${ORDER_UPDATES}/run`, {
        recipients: ['alice'],
        data: {},
      });
      ({ deliveries } = await project.snapshot());
      expect(deliveries.filter((d) => d.channel_type === 'web_push').at(-1)).to.include({
        status: 'skipped',
        reason: 'preferences',
      });
    });

    it('runs for a topic, and refuses recipients together with a topic', async () => {
      await project.admin('POST', '/users/bob/subscriptions', { topic_name: 'digest' });
      expect(
        (await project.admin('POST', `/notiflows/${WEEKLY_DIGEST}/run`, { topic: 'digest' }))
          .status,
      ).to.equal(200);
      const { deliveries } = await project.snapshot();
      expect(deliveries.map((d) => d.recipient)).to.deep.equal(['bob']);
      expect(
        (
          await project.admin('POST', `/notiflows/${WEEKLY_DIGEST}/run`, {
            topic: 'digest',
            recipients: ['bob'],
          })
        ).status,
      ).to.equal(422);
      expect(
        (
          await project.admin('POST', `/notiflows/${crypto.randomUUID()}/run`, {
            recipients: ['bob'],
          })
        ).status,
      ).to.equal(404);
    });
  });
});
