import { expect, waitUntil } from '@open-wc/testing';
import { PushSubscriber, vapidKeyBytes } from '../../src/push/push-subscriber.js';
import {
  command,
  createProject,
  describePush,
  isFirefox,
  ORDER_UPDATES,
  type Project,
  pushSubscriberFor,
  usePushScope,
} from '../helpers.js';
import { HOSTILE_PAYLOADS } from './hostile-payloads.js';

// The built worker (dist/notiflows-sw.js) receiving real pushes: CDP in Chromium, and in
// Firefox web-push encryption → the fake autopush → the browser → our worker.
// WebKitGTK's MiniBrowser has no Push API: these need a real subscription (its `unsupported` state is tested in push-card.test.ts).
describePush('service worker', function () {
  this.timeout(120_000);
  let project: Project;
  let subscriber: PushSubscriber;
  const registration = async () => (await navigator.serviceWorker.getRegistration(scope.url))!;

  async function clearNotifications() {
    for (const n of await (await registration()).getNotifications()) n.close();
    await waitUntil(
      async () => (await (await registration()).getNotifications()).length === 0,
      'notifications did not close',
      { timeout: 5000 },
    );
  }

  const messages: { title: string; body?: string; data: { url?: string }; valid: boolean }[] = [];
  const onMessage = (e: MessageEvent) => {
    if (e.data?.type === 'notiflows-push') messages.push(e.data);
  };

  /**
   * Sends one push the way this engine can and returns what the worker reported showing:
   * it posts one message per notification shown. (Headless Chromium evicts notifications
   * from its tray past a few, so getNotifications() cannot count a long run.)
   */
  async function push(data: string, reg: ServiceWorkerRegistration) {
    const before = messages.length;
    const arrived = () =>
      waitUntil(() => messages.length > before, `no notification for ${data.slice(0, 40)}`, {
        timeout: 5_000,
      });
    if (isFirefox) {
      const sub = (await reg.pushManager.getSubscription())!.toJSON();
      expect(await command('fake', { op: 'send', subscription: sub, payload: data })).to.equal(201);
      await arrived();
    } else {
      await command('deliver-push', { scopeURL: reg.scope, data });
      await arrived();
    }
    await new Promise((r) => setTimeout(r, 100)); // a second notification would show by now
    return messages.slice(before);
  }

  before(async () => {
    navigator.serviceWorker.addEventListener('message', onMessage);
    navigator.serviceWorker.startMessages();
    await command('grant-notifications');
    project = await createProject({ deliver: 'web-push' });
    subscriber = await pushSubscriberFor(project, scope.path);
    expect(await subscriber.enable()).to.equal('subscribed');
  });
  after(async () => {
    navigator.serviceWorker.removeEventListener('message', onMessage);
    subscriber.dispose();
    await clearNotifications().catch(() => undefined);
    await project.dispose();
  });
  const scope = usePushScope('sw', { perSuite: true });
  beforeEach(clearNotifications);

  it('shows a Notiflows payload as exactly one notification', async () => {
    const reg = await registration();
    const reported = await push(
      JSON.stringify({ title: 'Hello', body: 'World', action_url: '/orders/1', data: { id: 1 } }),
      reg,
    );
    expect(reported).to.have.length(1);
    const shown = await reg.getNotifications();
    expect(shown).to.have.length(1);
    expect(shown[0].title).to.equal('Hello');
    expect(shown[0].body).to.equal('World');
    expect(shown[0].data).to.deep.equal({
      notiflows: 1,
      url: `${location.origin}/orders/1`,
      data: { id: 1 },
    });
    expect(reported[0]).to.deep.include({ title: 'Hello', body: 'World', valid: true });
  });

  it('runs a notiflow end to end: fake Notiflows → push service → our worker', async function () {
    if (!isFirefox) this.skip(); // Chromium's push service cannot be redirected; CDP covers delivery there
    const run = await project.admin('POST', `/notiflows/${ORDER_UPDATES}/run`, {
      recipients: ['alice'],
      data: { order: 'A-17', when: 'Tuesday' },
    });
    expect(run.status).to.equal(200);
    const delivery = (await project.snapshot()).deliveries.find(
      (d) => d.channel_type === 'web_push',
    )!;
    expect(delivery).to.include({ status: 'sent', push_status: 201 });
    const reg = await registration();
    await waitUntil(
      async () => (await reg.getNotifications()).length === 1,
      'no notification arrived',
      { timeout: 10_000 },
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(await reg.getNotifications()).to.have.length(1);
    const [n] = await reg.getNotifications();
    expect(n.title).to.equal('Order A-17 shipped');
    expect(n.body).to.equal('Arrives Tuesday');
    expect(n.data.url).to.equal(`${location.origin}/orders/A-17`);
  });

  it('same-origin mode (?links=same-origin on the worker URL) drops links that leave the site', async () => {
    const reg = await navigator.serviceWorker.register('/notiflows-sw.js?links=same-origin', {
      scope: `${scope.path}strict/`,
    });
    await waitUntil(() => !!reg.active, 'strict worker did not activate', { timeout: 10_000 });
    if (isFirefox)
      await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: vapidKeyBytes(project.vapidPublicKey),
      });
    try {
      const [away] = await push(
        JSON.stringify({ title: 'Away', action_url: '//evil.example/x' }),
        reg,
      );
      expect(away.data.url).to.equal(undefined);
      const [home] = await push(JSON.stringify({ title: 'Home', action_url: '/orders/2' }), reg);
      expect(home.data.url).to.equal(`${location.origin}/orders/2`);
    } finally {
      await (await reg.pushManager.getSubscription())?.unsubscribe();
      await reg.unregister();
    }
  });

  it(`shows exactly one safe notification for each of ${HOSTILE_PAYLOADS.length} hostile payloads`, async () => {
    // Chromium: CDP needs no subscription, so a bare registration of the same worker.
    const reg = isFirefox
      ? await registration()
      : await navigator.serviceWorker.register('/notiflows-sw.js', {
          scope: `${scope.path}corpus/`,
        });
    await waitUntil(() => !!reg.active, 'corpus worker did not activate', { timeout: 10_000 });
    for (const data of HOSTILE_PAYLOADS) {
      const label = data.slice(0, 40);
      const shown = await push(data, reg);
      expect(shown, label).to.have.length(1);
      expect(shown[0].title, label).not.to.equal('');
      for (const url of [shown[0].data?.url].filter(Boolean) as string[]) {
        expect(/^https?:/.test(url), `${label} kept ${url}`).to.equal(true);
      }
    }
    if (!isFirefox) await reg.unregister();
  });
});
