import { expect, waitUntil } from '@open-wc/testing';
import { command, createProject, describePush, isFirefox, type Project } from '../helpers.js';
import { vapidKeyBytes } from '../../src/push/push-subscriber.js';

// Our worker inside a site's own worker (importScripts, manual mode): the site decides.
// WebKitGTK's MiniBrowser has no Push API: these need a real subscription (its `unsupported` state is tested in push-card.test.ts).
describePush('service worker via importScripts', function () {
  this.timeout(60_000);
  let project: Project;
  let reg: ServiceWorkerRegistration;

  async function push(data: string) {
    if (isFirefox) {
      const sub = (await reg.pushManager.getSubscription())!.toJSON();
      expect(await command('fake', { op: 'send', subscription: sub, payload: data })).to.equal(201);
    } else {
      await command('deliver-push', { scopeURL: reg.scope, data });
    }
  }
  const titles = async () => (await reg.getNotifications()).map((n) => n.title).sort();

  before(async () => {
    await command('grant-notifications');
    project = await createProject();
    reg = await navigator.serviceWorker.register('/test/fixtures/site-sw.js', {
      scope: `/test/fixtures/site-${Math.random().toString(36).slice(2)}/`,
    });
    await waitUntil(() => !!reg.active, 'site worker did not activate', { timeout: 10_000 });
    if (isFirefox)
      await reg.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: vapidKeyBytes(project.vapidPublicKey),
      });
  });
  after(async () => {
    await (await reg.pushManager.getSubscription())?.unsubscribe();
    await reg.unregister();
    await project.dispose();
  });

  /** Delivers one push; CDP delivery in Chromium occasionally vanishes, so a push not shown in 4 s is sent again. */
  async function pushShown(data: string, title: string) {
    for (let attempt = 0; attempt < 3; attempt++) {
      await push(data);
      try {
        await waitUntil(async () => (await titles()).includes(title), `no "${title}"`, {
          timeout: 4000,
        });
        return;
      } catch {
        // not shown: deliver again
      }
    }
  }

  it('hands Notiflows pushes to our handler and leaves the site its own', async () => {
    await pushShown(
      JSON.stringify({ title: 'From Notiflows', action_url: '/x' }),
      'From Notiflows',
    );
    await pushShown('a message of the site', 'site: a message of the site');
    await waitUntil(async () => (await titles()).length === 2, 'two notifications expected', {
      timeout: 10_000,
    });
    expect(await titles()).to.deep.equal(['From Notiflows', 'site: a message of the site']);
    const ours = (await reg.getNotifications()).find((n) => n.title === 'From Notiflows')!;
    expect(ours.data).to.deep.equal({ notiflows: 1, url: `${location.origin}/x` });
  });

  it('13. a Notiflows push with an empty payload or a blank title is ours: one notification', async () => {
    for (const n of await reg.getNotifications()) n.close();
    await pushShown(
      JSON.stringify({ title: '  ', body: 'Your order shipped' }),
      'New notification',
    );
    const blank = (await reg.getNotifications()).find((n) => n.title === 'New notification')!;
    expect(blank.body).to.equal('Your order shipped');
    blank.close();
    await pushShown('', 'New notification');
    expect(await titles()).to.deep.equal(['New notification']); // not the site's own "site: "
  });
});
