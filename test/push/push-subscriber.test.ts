import { expect, waitUntil } from '@open-wc/testing';
import { NotiflowsClient, type NotiflowsError } from '../../src/headless.js';
import {
  PushSubscriber,
  vapidKeyBytes,
  type PushSubscriberOptions,
} from '../../src/push/push-subscriber.js';
import {
  idbRegistrationStorage,
  type RegistrationStorage,
} from '../../src/push/registration-store.js';
import {
  command,
  createProject,
  DEFAULT_CHANNELS,
  describePush,
  type Project,
  usePushScope,
} from '../helpers.js';

/** A fresh P-256 public key, base64url: a valid VAPID public key. */
async function vapidKey(): Promise<string> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ]);
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

// WebKitGTK's MiniBrowser has no Push API: these need a real subscription (its `unsupported` state is tested in push-card.test.ts).
describePush('PushSubscriber', function () {
  this.timeout(60_000);
  let project: Project;
  let vapid: string;
  const subscribers: PushSubscriber[] = [];

  const make = async (user = 'alice', options: Partial<PushSubscriberOptions> = {}) => {
    const client = new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKey: await project.sign(user),
      retry: { baseDelay: 20 },
    });
    const subscriber = new PushSubscriber({
      client,
      channelId: project.channelId,
      vapidPublicKey: vapid,
      serviceWorkerScope: scope.path,
      ...options,
    });
    subscribers.push(subscriber);
    return subscriber;
  };
  const calls = async () =>
    (await project.requests()).map(
      (r) =>
        `${r.method} ${r.path.replace(/^\/user\/v1/, '')} ${r.status}${r.user ? ` ${r.user}` : ''}`,
    );
  const serverSubs = async (user = 'alice') =>
    (await project.snapshot()).users.find((u) => u.external_id === user)!.subscriptions;
  const registration = () => navigator.serviceWorker.getRegistration(scope.url);

  before(() => command('grant-notifications'));
  beforeEach(async () => {
    project = await createProject();
    vapid = await vapidKey();
  });
  afterEach(async () => {
    for (const s of subscribers.splice(0)) s.dispose();
    await project.dispose();
  });
  const scope = usePushScope('sub');

  it('enables: own worker at own scope, real subscription, flat body to Notiflows', async () => {
    const subscriber = await make();
    expect(await subscriber.start()).to.equal('unsubscribed');
    const states: string[] = [];
    subscriber.addEventListener('change', (e) => states.push((e as CustomEvent).detail.state));
    expect(await subscriber.enable()).to.equal('subscribed');
    expect(states).to.deep.equal(['subscribing', 'subscribed']);
    const reg = await registration();
    expect(reg!.scope).to.equal(scope.url);
    const sub = (await reg!.pushManager.getSubscription())!.toJSON();
    const [stored] = await serverSubs();
    expect(stored.identifier).to.equal(sub.endpoint);
    expect(stored.settings).to.deep.equal({
      endpoint: sub.endpoint,
      p256dh: sub.keys!.p256dh,
      auth: sub.keys!.auth,
    });
    expect(await calls()).to.deep.equal([
      `POST /channels/${project.channelId}/subscriptions 201 alice`,
    ]);
  });

  it('makes no request at all on a load where nothing changed', async () => {
    await (await make()).enable();
    const before = (await project.requests()).length;
    const again = await make();
    expect(await again.start()).to.equal('subscribed');
    expect((await project.requests()).length).to.equal(before);
  });

  it("keeps the stored fallback text until it is given one, then stores that (the element's locale)", async () => {
    const french = { title: 'Nouvelle notification', body: 'Ouvrez pour voir.' };
    await (await make('alice', { fallback: french })).enable();
    const stored = async () => (await idbRegistrationStorage.read(scope.url))?.fallback;
    const writes: unknown[] = [];
    const storage: RegistrationStorage = {
      ...idbRegistrationStorage,
      write: (s, record) => (
        writes.push(record?.fallback),
        idbRegistrationStorage.write(s, record)
      ),
    };
    // The next page, before its locale has loaded: no text yet, so the record keeps its own.
    const next = await make('alice', { storage });
    expect(await next.start()).to.equal('subscribed');
    expect(writes.filter((f) => JSON.stringify(f) !== JSON.stringify(french))).to.deep.equal([]);
    expect(await stored()).to.deep.equal(french);
    // The locale loaded (another one): stored once the queued reconcile has run.
    const english = { title: 'New notification', body: 'Open to see what’s new.' };
    next.setFallback(english);
    await waitUntil(async () => (await stored())?.title === english.title, 'not stored');
    expect(next.state).to.equal('subscribed');
  });

  it('re-confirms an unchanged subscription once it is older than resyncAfter', async () => {
    await (await make()).enable();
    await (await make('alice', { resyncAfter: 0 })).start();
    expect((await calls()).slice(1)).to.deep.equal([
      // Still on the server? (A row removed from another device stays removed.)
      `GET /channels/${project.channelId}/subscriptions 200 alice`,
      `POST /channels/${project.channelId}/subscriptions 200 alice`,
    ]);
  });

  it('VAPID key changed: unsubscribes ours, subscribes again, POSTs the new, DELETEs the old', async () => {
    await (await make()).enable();
    const [old] = await serverSubs();
    vapid = await vapidKey();
    expect(await (await make()).start()).to.equal('subscribed');
    const now = await serverSubs();
    expect(now).to.have.length(1);
    expect(now[0].identifier).not.to.equal(old.identifier);
    expect((await calls()).slice(1)).to.deep.equal([
      `POST /channels/${project.channelId}/subscriptions 201 alice`,
      `DELETE /channels/${project.channelId}/subscriptions 204 alice`,
    ]);
  });

  it('every endpoint left behind by a failed DELETE is deleted later, not only the last', async () => {
    await (await make()).enable();
    await project.fail({ status: 503, method: 'DELETE', times: 1000 });
    vapid = await vapidKey(); // two key rotations while DELETE fails: two old rows stay
    expect(await (await make()).start()).to.equal('subscribed');
    vapid = await vapidKey();
    expect(await (await make()).start()).to.equal('subscribed');
    expect(await serverSubs()).to.have.length(3);
    await project.clearFaults();
    expect(await (await make()).start()).to.equal('subscribed'); // the next load cleans up
    const live = (await (await registration())!.pushManager.getSubscription())!.endpoint;
    expect((await serverSubs()).map((s) => s.identifier)).to.deep.equal([live]);
    const record = (await idbRegistrationStorage.read(scope.url))!;
    expect(record.staleRows).to.equal(undefined);
  });

  it('an old endpoint whose DELETE is refused (403) is not tried again on every load', async () => {
    await (await make()).enable();
    await project.fail({ status: 403, method: 'DELETE', times: 100 });
    vapid = await vapidKey();
    expect(await (await make()).start()).to.equal('subscribed');
    const record = (await idbRegistrationStorage.read(scope.url))!;
    expect(record.staleRows).to.equal(undefined);
    const before = (await project.requests()).length;
    expect(await (await make()).start()).to.equal('subscribed');
    expect((await project.requests()).length).to.equal(before);
  });

  describe('moved to another web push channel', () => {
    const MOVED = '7c5e0fa9-1a2b-4c3d-8e4f-9a0b1c2d3e55';
    const moved = () => make('alice', { channelId: MOVED });
    /** Alice's rows on the server, as `channel endpoint`. */
    const rows = async () =>
      (await serverSubs()).map((s) => `${s.channel_id} ${s.identifier}`).sort();
    const live = async () =>
      (await (await registration())!.pushManager.getSubscription())!.endpoint;

    beforeEach(async () => {
      await project.dispose();
      project = await createProject({
        channels: [...DEFAULT_CHANNELS, { id: MOVED, type: 'web_push' }],
      });
      await (await make()).enable();
    });

    it('POSTs on the new channel and DELETEs on the old one', async () => {
      expect(await (await moved()).start()).to.equal('subscribed');
      expect(await rows()).to.deep.equal([`${MOVED} ${await live()}`]);
      expect((await calls()).slice(1)).to.deep.equal([
        `GET /channels/${project.channelId}/subscriptions 200 alice`,
        `POST /channels/${MOVED}/subscriptions 201 alice`,
        `DELETE /channels/${project.channelId}/subscriptions 204 alice`,
      ]);
    });

    it('a row the old channel kept (its DELETE failed) is deleted there on a later load', async () => {
      await project.fail({ status: 503, method: 'DELETE', times: 1000 });
      expect(await (await moved()).start()).to.equal('subscribed');
      expect(await rows()).to.have.length(2);
      await project.clearFaults();
      expect(await (await moved()).start()).to.equal('subscribed');
      expect(await rows()).to.deep.equal([`${MOVED} ${await live()}`]);
      const record = (await idbRegistrationStorage.read(scope.url))!;
      expect(record.staleRows).to.equal(undefined);
    });

    it('endpoints left behind on the old channel are deleted there, not on the new one', async () => {
      await project.fail({ status: 503, method: 'DELETE', times: 1000 });
      vapid = await vapidKey(); // the old key's row stays on the old channel
      expect(await (await make()).start()).to.equal('subscribed');
      await project.clearFaults();
      expect(await (await moved()).start()).to.equal('subscribed');
      expect(await rows()).to.deep.equal([`${MOVED} ${await live()}`]);
    });

    it("there and back while DELETE fails: the live row stays, the other channel's goes", async () => {
      await project.fail({ status: 503, method: 'DELETE', times: 1000 });
      expect(await (await moved()).start()).to.equal('subscribed'); // the old channel's row stays
      await project.clearFaults();
      expect(await (await make()).start()).to.equal('subscribed'); // back on the first channel
      expect(await rows()).to.deep.equal([`${project.channelId} ${await live()}`]);
      expect(await (await make()).start()).to.equal('subscribed');
      expect(await rows()).to.deep.equal([`${project.channelId} ${await live()}`]);
    });

    it('moved while the browser dropped the subscription: a new one on the new channel, the old row goes', async () => {
      const old = await live();
      await (await (await registration())!.pushManager.getSubscription())!.unsubscribe();
      expect(await (await moved()).start()).to.equal('subscribed');
      expect(await live()).not.to.equal(old);
      expect(await rows()).to.deep.equal([`${MOVED} ${await live()}`]);
    });

    it('a move is claimed before its POST: the record names the new channel and the old row', async () => {
      const endpoint = await live();
      await project.fail({ status: 422, method: 'POST' });
      expect(await (await moved()).start()).to.equal('error');
      const record = (await idbRegistrationStorage.read(scope.url))!;
      expect(record.channelId).to.equal(MOVED);
      expect(record.staleRows).to.deep.equal([{ channelId: project.channelId, endpoint }]);
    });

    it('logout deletes the rows left on the old channel too', async () => {
      await project.fail({ status: 503, method: 'DELETE', times: 1000 });
      const subscriber = await moved();
      expect(await subscriber.start()).to.equal('subscribed');
      await project.clearFaults();
      expect(await subscriber.logout()).to.equal('unsubscribed');
      expect(await rows()).to.deep.equal([]);
    });
  });

  it('endpoint changed (e.g. by pushsubscriptionchange): POSTs the new, DELETEs the old', async () => {
    await (await make()).enable();
    const key = scope.url;
    const record = (await idbRegistrationStorage.read(key))!;
    // What the server and this browser held before the push service rotated the endpoint.
    const oldEndpoint = 'https://push.example.test/rotated-away';
    const client = new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKey: await project.sign('alice'),
    });
    await client.addSubscription(project.channelId, {
      endpoint: oldEndpoint,
      keys: { p256dh: record.p256dh, auth: record.auth },
    });
    await idbRegistrationStorage.write(key, { ...record, endpoint: oldEndpoint });
    const before = (await project.requests()).length;
    expect(await (await make()).start()).to.equal('subscribed');
    expect((await calls()).slice(before)).to.deep.equal([
      `POST /channels/${project.channelId}/subscriptions 200 alice`,
      `DELETE /channels/${project.channelId}/subscriptions 204 alice`,
    ]);
    expect((await serverSubs()).map((s) => s.identifier)).to.deep.equal([record.endpoint]);
  });

  it('another user signs in: no request and no take-over, the card says so; enable() takes it over with the old key deleting the old row', async () => {
    await (await make('alice')).enable();
    const aliceEndpoint = (await serverSubs('alice'))[0].identifier;
    const bob = await make('bob');
    expect(await bob.start()).to.equal('unsubscribed');
    expect(bob.hint).to.equal('other-account');
    expect((await calls()).slice(1)).to.deep.equal([]);
    expect(await bob.enable()).to.equal('subscribed');
    const bobEndpoint = (await serverSubs('bob'))[0].identifier;
    expect(bobEndpoint).not.to.equal(aliceEndpoint);
    expect(await serverSubs('alice')).to.deep.equal([]);
    const live = (await (await registration())!.pushManager.getSubscription())!.endpoint;
    expect(live).to.equal(bobEndpoint);
    expect((await calls()).slice(1)).to.deep.equal([
      `DELETE /channels/${project.channelId}/subscriptions 204 alice`,
      `POST /channels/${project.channelId}/subscriptions 201 bob`,
    ]);
  });

  it('taking over after the old key expired: the old endpoint still dies locally, the stored key is dropped', async () => {
    await (await make('alice')).enable();
    const key = scope.url;
    const record = (await idbRegistrationStorage.read(key))!;
    await idbRegistrationStorage.write(key, { ...record, userKeyExpiresAt: Date.now() - 1000 });
    const bob = await make('bob');
    expect(await bob.start()).to.equal('unsubscribed');
    expect((await idbRegistrationStorage.read(key))!.userKey).to.equal(undefined);
    expect(await bob.enable()).to.equal('subscribed');
    const live = (await (await registration())!.pushManager.getSubscription())!.endpoint;
    expect(live).not.to.equal(record.endpoint);
    expect((await calls()).slice(1)).to.deep.equal([
      `POST /channels/${project.channelId}/subscriptions 201 bob`,
    ]);
  });

  it('logout: DELETE on the server, then the local unsubscribe; nothing left behind', async () => {
    const subscriber = await make();
    await subscriber.enable();
    expect(await subscriber.logout()).to.equal('unsubscribed');
    expect(await serverSubs()).to.deep.equal([]);
    expect(await (await registration())!.pushManager.getSubscription()).to.equal(null);
    expect(await idbRegistrationStorage.read(scope.url)).to.equal(undefined);
    expect((await calls()).slice(1)).to.deep.equal([
      `DELETE /channels/${project.channelId}/subscriptions 204 alice`,
    ]);
  });

  it('disable still kills the endpoint when the server cannot be reached, and says so', async () => {
    const subscriber = await make();
    await subscriber.enable();
    await project.fail({ status: 503, times: 10 });
    const errors: unknown[] = [];
    subscriber.addEventListener('error', (e) => errors.push((e as CustomEvent).detail.error));
    expect(await subscriber.disable()).to.equal('unsubscribed');
    expect(errors).to.have.length(1);
    expect(await (await registration())!.pushManager.getSubscription()).to.equal(null);
  });

  it('a second tab hears about the change and follows without a request', async () => {
    const tabA = await make();
    const tabB = await make();
    await Promise.all([tabA.start(), tabB.start()]);
    await tabA.enable();
    await waitUntil(() => tabB.state === 'subscribed', 'second tab did not follow', {
      timeout: 5000,
    });
    expect(await calls()).to.deep.equal([
      `POST /channels/${project.channelId}/subscriptions 201 alice`,
    ]);
  });

  it('a wedged IndexedDB does not stop an explicit enable, and a later load claims nothing it cannot attribute', async () => {
    const wedged: RegistrationStorage = {
      read: () => new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 50)),
      write: () => Promise.reject(new Error('timeout')),
      remove: () => Promise.reject(new Error('timeout')),
    };
    const subscriber = await make('alice', { storage: wedged });
    expect(await subscriber.enable()).to.equal('subscribed');
    const later = await make('alice', { storage: wedged });
    expect(await later.start()).to.equal('unsubscribed');
    expect(later.hint).to.equal('other-account');
    expect(await calls()).to.deep.equal([
      `POST /channels/${project.channelId}/subscriptions 201 alice`,
    ]);
  });

  it('a server failure while subscribing is an error state with the typed error, and the next load finishes', async () => {
    await project.fail({ status: 422, method: 'POST' });
    const subscriber = await make();
    expect(await subscriber.enable()).to.equal('error');
    expect(subscriber.error!.code).to.equal('validation_failed');
    expect(await (await make()).start()).to.equal('subscribed');
    expect(await serverSubs()).to.have.length(1);
  });

  it('a worker URL that 404s is service_worker_failed, with a readable message', async () => {
    const subscriber = await make('alice', { serviceWorkerUrl: '/no-such-worker.js' });
    expect(await subscriber.enable()).to.equal('error');
    expect(subscriber.error!.code).to.equal('service_worker_failed');
    expect(subscriber.error!.message).to.include('HTTP 404');
    expect(await calls()).to.deep.equal([]);
  });

  it('an HTML fallback page instead of the worker is service_worker_failed', async () => {
    const subscriber = await make('alice', {
      serviceWorkerUrl: '/test/fixtures/spa-fallback.html',
    });
    expect(await subscriber.enable()).to.equal('error');
    expect(subscriber.error!.code).to.equal('service_worker_failed');
    expect(subscriber.error!.message).to.include('not JavaScript');
  });

  it('refuses a malformed VAPID key with invalid_config', async () => {
    vapid = 'not-a-key';
    const subscriber = await make();
    expect(await subscriber.enable()).to.equal('error');
    expect(subscriber.error!.code).to.equal('invalid_config');
  });

  it('refuses a VAPID key that is not a string (bytes, as tutorials pass it) with invalid_config', () => {
    for (const key of [new Uint8Array(65), undefined, null, 5]) {
      let error: unknown;
      try {
        vapidKeyBytes(key as unknown as string);
      } catch (e) {
        error = e;
      }
      expect((error as NotiflowsError).code, String(key)).to.equal('invalid_config');
    }
  });

  it('reports ios-needs-install and unsupported from the environment', async () => {
    expect(
      (
        await make('alice', {
          environment: { supported: false, iosNeedsInstall: true, browser: 'safari' },
        })
      ).state,
    ).to.equal('ios-needs-install');
    const unsupported = await make('alice', {
      environment: { supported: false, iosNeedsInstall: false, browser: 'other' },
    });
    expect(await unsupported.enable()).to.equal('error');
    expect(unsupported.error!.code).to.equal('push_unsupported');
  });

  it('blocked, then allowed again: the row goes at once, and comes back without a prompt', async () => {
    const push = await make();
    await push.start();
    expect(await push.enable()).to.equal('subscribed');
    const original = Notification.requestPermission;
    try {
      await command('deny-notifications');
      // Live, from the permission's change event: no reload, no visibility change.
      await waitUntil(() => push.state === 'denied', 'the block was not seen', { timeout: 5000 });
      await waitUntil(async () => !(await serverSubs()).length, 'the row stayed', {
        timeout: 5000,
      });
      const before = (await calls()).length;
      expect(await (await make()).start(), 'a reload while blocked').to.equal('denied');
      expect((await calls()).slice(before), 'requests while blocked').to.deep.equal([]);
      Notification.requestPermission = () => Promise.reject(new Error('prompted again'));
      await command('grant-notifications'); // the user allows notifications again
      await waitUntil(() => push.state === 'subscribed', 'not subscribed again', {
        timeout: 8000,
      });
      const [row] = await serverSubs();
      expect(row?.identifier).to.equal(
        (await (await registration())!.pushManager.getSubscription())?.endpoint,
      );
    } finally {
      Notification.requestPermission = original;
      await command('grant-notifications');
    }
  });

  it('the permission granted by enable()’s own prompt does not start a second reconcile', async () => {
    await command('reset-permissions');
    const push = await make();
    await push.start();
    const states: string[] = [];
    push.addEventListener('change', (e) => states.push(e.detail.state));
    const original = Notification.requestPermission;
    let answer!: (p: NotificationPermission) => void;
    Notification.requestPermission = () => new Promise((resolve) => (answer = resolve));
    try {
      const enabled = push.enable();
      await command('grant-notifications'); // the user clicks Allow: the change event fires
      await new Promise((r) => setTimeout(r, 500));
      answer('granted');
      expect(await enabled).to.equal('subscribed');
      expect(states, 'back to unsubscribed mid-subscribe').to.not.include('unsubscribed');
    } finally {
      Notification.requestPermission = original;
      await command('grant-notifications');
    }
  });

  it('permission revoked while subscribed: DELETE on the server, state denied', async () => {
    await (await make()).enable();
    await command('deny-notifications');
    try {
      expect(await (await make()).start()).to.equal('denied');
      expect(await serverSubs()).to.deep.equal([]);
      expect((await calls()).slice(1)).to.deep.equal([
        `DELETE /channels/${project.channelId}/subscriptions 204 alice`,
      ]);
      const denied = await make();
      expect(await denied.enable()).to.equal('denied');
      expect(denied.error!.code).to.equal('push_denied');
    } finally {
      await command('grant-notifications');
    }
  });
});
