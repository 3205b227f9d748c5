import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import { NotiflowsError, push, type NotiflowsPush } from '../../src/index.js';
import { command, createProject, describePush, type Project, usePushScope } from '../helpers.js';
import { shareClient } from '../../src/push/page-shared.js';

describe('Notiflows.push (headless, for a UI of your own)', function () {
  this.timeout(60_000);
  let project: Project;
  before(() => command('grant-notifications'));
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(async () => {
    push.release();
    await project.dispose();
  });
  const scope = usePushScope('page-push');

  it('before configure(): enable() rejects with a typed error, and nothing is asked', async () => {
    const error = await push.enable().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NotiflowsError);
    expect((error as NotiflowsError).code).to.equal('invalid_config');
    expect(push.state).to.equal(undefined);
  });

  it('refuses a secret key at configure()', () => {
    expect(() =>
      push.configure({
        apiKey: 'sk_live_abc',
        userId: 'alice',
        channelId: project.channelId,
        vapidPublicKey: project.vapidPublicKey,
      }),
    ).to.throw(NotiflowsError);
    expect(push.state).to.equal(undefined);
  });

  it('refuses a missing channel id or VAPID key at configure()', () => {
    const base = { apiKey: project.apiKey, userId: 'alice', channelId: project.channelId };
    for (const options of [{ ...base, channelId: '' }, base])
      expect(() => push.configure({ vapidPublicKey: '', ...options }))
        .to.throw(NotiflowsError)
        .with.property('code', 'invalid_config');
  });

  it('the page shares a client per user: a user-id never passes for a key of that name; a fresher key is taken', async () => {
    const { apiKey, apiUrl } = project;
    const byKey = shareClient({ apiKey, apiUrl, userKey: await project.sign('alice') });
    const byId = shareClient({ apiKey, apiUrl, userId: 'key:alice' });
    const fresh = await project.sign('alice', { expiresIn: 7200 });
    const again = shareClient({ apiKey, apiUrl, userKey: fresh });
    try {
      expect(byId.value.client).to.not.equal(byKey.value.client);
      expect(again.value.client).to.equal(byKey.value.client);
      expect(byKey.value.client.currentUserKey()?.key).to.equal(fresh);
    } finally {
      [byKey, byId, again].forEach((h) => h.release());
    }
  });

  describePush('with push', () => {
    it('shares the subscriber of a <notiflows-push> configured alike: one POST, one state, events', async () => {
      const userKey = await project.sign('alice');
      const el = await fixture<NotiflowsPush>(
        html`<notiflows-push
          api-key=${project.apiKey}
          api-url=${project.apiUrl}
          user-key=${userKey}
          channel-id=${project.channelId}
          vapid-public-key=${project.vapidPublicKey}
          sw-scope=${scope.path}
        ></notiflows-push>`,
      );
      push.configure({
        apiKey: project.apiKey,
        apiUrl: project.apiUrl,
        userKey,
        channelId: project.channelId,
        vapidPublicKey: project.vapidPublicKey,
        serviceWorkerScope: scope.path,
      });
      expect(await push.ready).to.equal('unsubscribed');
      const states: string[] = [];
      push.addEventListener('change', (e) => states.push(e.detail.state));
      expect(await push.enable()).to.equal('subscribed');
      await waitUntil(() => el.pushState === 'subscribed', `element is ${el.pushState}`);
      // A reconcile queued before the click (the element's locale arriving) no longer shows
      // the state before it; one already running may still (Firefox, here): first and last.
      expect([states[0], states.at(-1)]).to.deep.equal(['subscribing', 'subscribed']);
      const posts = (await project.requests()).filter((r) => r.method === 'POST');
      expect(posts).to.have.length(1);
      // Released here, the element keeps the subscriber: its Turn off still works.
      push.release();
      expect(push.state).to.equal(undefined);
      await el.disablePush();
      expect(el.pushState).to.equal('unsubscribed');
    });
  });
});
