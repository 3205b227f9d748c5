import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { logout, NotiflowsClient } from '../../src/headless.js';
import { idbPendingStorage } from '../../src/preferences/pending-store.js';
import { globalKey } from '../../src/preferences/keys.js';
import { PreferencesStore } from '../../src/preferences/preferences-store.js';
import { PushSubscriber } from '../../src/push/push-subscriber.js';
import { idbRegistrationStorage } from '../../src/push/registration-store.js';
import { userHashOf } from '../../src/internal/user-hash.js';
import {
  clientFor,
  command,
  createProject,
  itPush,
  pendingValues,
  type Project,
  usePushScope,
} from '../helpers.js';
import { mount, ready, switchNamed } from '../components/element-helpers.js';

// Issue 9: one user's data and one device's notifications never cross to another user.
// Each case below failed on the code before it.
describe('users and devices', function () {
  this.timeout(60_000);
  let project: Project;
  const disposers: (() => void)[] = [];
  const requests = () => project.requests();
  const subWrites = async () =>
    (await requests()).filter((r) => r.path.endsWith('/subscriptions') && r.method !== 'GET');
  const serverUser = async (user: string) =>
    (await project.snapshot()).users.find((u) => u.external_id === user)!;
  const client = async (
    user: string,
    extra: Partial<ConstructorParameters<typeof NotiflowsClient>[0]> = {},
  ) =>
    new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKey: await project.sign(user),
      ...extra,
    });
  const subscriber = async (user: string) => {
    const s = new PushSubscriber({
      client: await client(user),
      channelId: project.channelId,
      vapidPublicKey: project.vapidPublicKey,
      serviceWorkerScope: scope.path,
    });
    disposers.push(() => s.dispose());
    return s;
  };
  const mountWithPush = (user: string) =>
    mount(project, user, {
      channelId: project.channelId,
      vapidPublicKey: project.vapidPublicKey,
      serviceWorkerScope: scope.path,
    });

  before(() => command('grant-notifications'));
  beforeEach(async () => {
    project = await createProject({ users: ['alice', 'bob', 'carol'] });
  });
  afterEach(async () => {
    for (const d of disposers.splice(0)) d();
    await project.dispose();
  });
  const scope = usePushScope('id');

  it("1. a provider that starts returning another user's key never receives the first user's queued change", async () => {
    let user = 'alice';
    const keys = { alice: await project.sign('alice'), bob: await project.sign('bob') };
    const switched: string[] = [];
    const c = new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKeyProvider: async () => keys[user as 'alice' | 'bob'],
      onUserChange: (_key, sub) => switched.push(sub),
    });
    const store = new PreferencesStore({ client: c, coalesceMs: 20, retryDelays: [200, 200] });
    disposers.push(() => store.dispose());
    await store.load();
    await project.fail({ status: 503, method: 'PUT' });
    store.set(globalKey('email'), false);
    await oneEvent(store, 'error');
    user = 'bob'; // the site signed Alice out and Bob in; the provider function is the same
    await project.fail({ status: 401, method: 'PUT' });
    await waitUntil(
      () => store.status.get(globalKey('email'))?.state === 'failed',
      'no final state',
      { timeout: 5000 },
    );
    expect(store.status.get(globalKey('email'))!.error!.code).to.equal('unauthenticated');
    expect(switched).to.deep.equal(['bob']);
    const puts = (await requests()).filter((r) => r.method === 'PUT');
    expect(puts.every((r) => r.user !== 'bob')).to.equal(true, "a PUT went out with Bob's key");
    expect((await serverUser('bob')).preferences.channel_types.email).to.equal(true);
    expect(pendingValues(await idbPendingStorage.read(await userHashOf(c)))).to.deep.equal({
      [globalKey('email')]: false,
    }); // kept for Alice
  });

  it("1b. the element: after the switch it shows Bob, and Alice's change waits for Alice", async () => {
    let user = 'alice';
    const keys = { alice: await project.sign('alice'), bob: await project.sign('bob') };
    const el = await mount(project, 'alice', {
      userKey: undefined,
      userKeyProvider: async () => keys[user as 'alice' | 'bob'],
    });
    el.removeAttribute('user-key');
    await waitUntil(() => !!el.preferences, 'no preferences', { timeout: 10_000 });
    await ready(el);
    await project.fail({ status: 503, method: 'PUT', times: 1 });
    switchNamed(el, 'Email — all notifications').click();
    await waitUntil(async () => (await requests()).some((r) => r.fault === '503'), 'no 503');
    user = 'bob';
    await project.fail({ status: 401, method: 'PUT' });
    await waitUntil(
      async () => (await requests()).some((r) => r.method === 'GET' && r.user === 'bob'),
      'did not switch to Bob',
      { timeout: 10_000 },
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(
      (await requests()).filter((r) => r.method === 'PUT').every((r) => r.user !== 'bob'),
    ).to.equal(true);
    expect((await serverUser('bob')).preferences.channel_types.email).to.equal(true);
    el.remove();
    user = 'alice';
    const back = await mount(project, 'alice'); // Alice signs in again: her change goes out with her key
    await ready(back);
    await waitUntil(
      async () => (await serverUser('alice')).preferences.channel_types.email === false,
      "Alice's change was lost",
      { timeout: 10_000 },
    );
    back.remove();
  });

  itPush(
    '2. two tabs of two users: focus changes never move the device; only the explicit button does',
    async () => {
      const alice = await subscriber('alice');
      const bob = await subscriber('bob');
      await Promise.all([alice.start(), bob.start()]);
      expect(await alice.enable()).to.equal('subscribed');
      await waitUntil(
        () => bob.hint === 'other-account',
        "Bob's tab did not learn that another account owns the device",
      );
      for (let i = 0; i < 8; i++) await (i % 2 ? alice : bob).reconcile(); // what visibilitychange calls
      expect((await subWrites()).map((r) => `${r.method} ${r.user}`)).to.deep.equal(['POST alice']);
      expect(alice.state).to.equal('subscribed');
      expect(bob.state).to.equal('unsubscribed');
      expect(await bob.enable()).to.equal('subscribed'); // Bob takes it over on purpose
      await waitUntil(() => alice.hint === 'other-account', "Alice's tab did not follow");
      expect((await serverUser('alice')).subscriptions).to.deep.equal([]);
      expect((await serverUser('bob')).subscriptions.map((s) => s.identifier)).to.deep.equal([
        await scope.endpoint(),
      ]);
    },
  );

  itPush(
    '3. logout() after the element is gone: server DELETE, local unsubscribe, IndexedDB cleared',
    async () => {
      const el = await mountWithPush('alice');
      await ready(el);
      await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed');
      expect(await el.enablePush()).to.equal('subscribed');
      el.remove();
      await el.logout();
      expect((await serverUser('alice')).subscriptions).to.deep.equal([]);
      expect(await scope.endpoint()).to.equal(undefined);
      expect(await idbRegistrationStorage.read(scope.url)).to.equal(undefined);
      expect((await subWrites()).map((r) => `${r.method} ${r.status} ${r.user}`)).to.deep.equal([
        'POST 201 alice',
        'DELETE 204 alice',
      ]);
    },
  );

  itPush(
    '3b. the headless logout() signs the device out from any page, with the stored key',
    async () => {
      expect(await (await subscriber('alice')).enable()).to.equal('subscribed');
      await logout({ serviceWorkerScope: scope.path });
      expect((await serverUser('alice')).subscriptions).to.deep.equal([]);
      expect(await scope.endpoint()).to.equal(undefined);
      expect(await idbRegistrationStorage.read(scope.url)).to.equal(undefined);
    },
  );

  it('4. a change made just before the element is removed is sent at once', async () => {
    const el = await mount(project, 'alice');
    await ready(el);
    switchNamed(el, 'SMS — all notifications').click();
    el.remove(); // well within the 300 ms coalescing window
    await waitUntil(
      async () => (await serverUser('alice')).preferences.channel_types.sms === false,
      'the change was not sent',
      { timeout: 5000 },
    );
    expect((await requests()).filter((r) => r.method === 'PUT').map((r) => r.user)).to.deep.equal([
      'alice',
    ]);
    const hash = await userHashOf(await client('alice'));
    await waitUntil(
      async () => (await idbPendingStorage.read(hash)) === undefined,
      'a saved change stayed queued (it would be sent again)',
    );
  });

  it("4b. a change made just before the user changes goes to the first user, with the first user's key", async () => {
    const el = await mount(project, 'alice');
    await ready(el);
    switchNamed(el, 'SMS — all notifications').click();
    el.userKey = await project.sign('bob');
    await waitUntil(
      async () => (await serverUser('alice')).preferences.channel_types.sms === false,
      "Alice's change was not sent",
      { timeout: 5000 },
    );
    await waitUntil(() => !!el.preferences, 'Bob not loaded');
    expect((await serverUser('bob')).preferences.channel_types.sms).to.equal(true);
    expect((await requests()).filter((r) => r.method === 'PUT').map((r) => r.user)).to.deep.equal([
      'alice',
    ]);
    el.remove();
  });

  itPush(
    '5. fifteen user switches in a second, push on: no subscription write, the device stays with its owner',
    async () => {
      const el = await mountWithPush('alice');
      await ready(el);
      await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed');
      expect(await el.enablePush()).to.equal('subscribed');
      const keys = await Promise.all(['bob', 'carol', 'alice'].map((u) => project.sign(u)));
      for (let i = 0; i < 15; i++) {
        el.userKey = keys[i % 3];
        await new Promise((r) => setTimeout(r, 60));
      }
      el.userKey = keys[1]; // carol stays
      await waitUntil(() => el.pushState === 'unsubscribed', "carol's panel did not settle", {
        timeout: 10_000,
      });
      await new Promise((r) => setTimeout(r, 500));
      expect((await subWrites()).map((r) => `${r.method} ${r.user}`)).to.deep.equal(['POST alice']);
      expect((await serverUser('alice')).subscriptions.map((s) => s.identifier)).to.deep.equal([
        await scope.endpoint(),
      ]);
      el.remove();
    },
  );

  it('6. a continuous 503 gives a bounded number of writes, then "couldn\'t save" with the change still queued', async () => {
    const c = await client('alice');
    const store = new PreferencesStore({
      client: c,
      coalesceMs: 20,
      retryDelays: [50, 50, 50, 50, 50],
    });
    disposers.push(() => store.dispose());
    await store.load();
    await project.fail({ status: 503, method: 'PUT', times: 1000 });
    store.set(globalKey('sms'), false);
    await waitUntil(() => store.status.get(globalKey('sms'))?.state === 'failed', 'never gave up', {
      timeout: 10_000,
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await requests()).filter((r) => r.method === 'PUT')).to.have.length(6); // one layer: no client retries on top
    expect(store.view!.channel_types.sms).to.equal(false);
    expect(pendingValues(await idbPendingStorage.read(await userHashOf(c)))).to.deep.equal({
      [globalKey('sms')]: false,
    });
  });

  it('6b. Retry-After is honoured by waiting, however long the schedule would have been', async () => {
    const store = new PreferencesStore({
      client: await client('alice'),
      coalesceMs: 20,
      retryDelays: [50],
    });
    disposers.push(() => store.dispose());
    await store.load();
    await project.fail({ status: 429, method: 'PUT', retryAfter: 1 });
    store.set(globalKey('sms'), false);
    const { detail } = await oneEvent(store, 'error');
    expect(detail.error.code).to.equal('rate_limited');
    const failedAt = Date.now();
    await oneEvent(store, 'save');
    expect(Date.now() - failedAt).to.be.at.least(900);
    expect((await requests()).filter((r) => r.method === 'PUT')).to.have.length(2);
  });

  it('6c. a 401 that a fresh key does not fix ends in "session expired", without a loop', async () => {
    const key = await project.sign('alice');
    const c = new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKeyProvider: async () => key,
    });
    const store = new PreferencesStore({ client: c, coalesceMs: 20, retryDelays: [50, 50] });
    disposers.push(() => store.dispose());
    await store.load();
    await project.fail({ status: 401, method: 'PUT', times: 100 });
    store.set(globalKey('sms'), false);
    await waitUntil(() => store.status.get(globalKey('sms'))?.state === 'failed', 'no final state');
    await new Promise((r) => setTimeout(r, 400));
    expect(store.status.get(globalKey('sms'))!.error!.code).to.equal('unauthenticated');
    expect((await requests()).filter((r) => r.method === 'PUT')).to.have.length(2); // the write, and one after the refresh
  });

  it('7. a forged broadcast is validated like a server answer and cannot freeze the panel', async () => {
    const el = await mount(project, 'alice');
    await ready(el);
    const hash = await userHashOf(await client('alice'));
    const channel = new BroadcastChannel('notiflows-preferences');
    channel.postMessage({ userHash: hash, preferences: { notiflows: { x: 'garbage' } } });
    channel.postMessage({ userHash: hash, preferences: 'nonsense' });
    channel.close();
    await new Promise((r) => setTimeout(r, 200));
    await el.updateComplete;
    switchNamed(el, 'SMS — all notifications').click();
    await waitUntil(
      async () => (await serverUser('alice')).preferences.channel_types.sms === false,
      'the panel stopped working',
    );
    el.remove();
  });

  itPush(
    "8. the worker's copy of the user key: only keys that expire within the hour, removed once expired",
    async () => {
      const enableWith = async (expiresIn: number) => {
        const s = new PushSubscriber({
          client: new NotiflowsClient({
            apiKey: project.apiKey,
            apiUrl: project.apiUrl,
            userKey: await project.sign('alice', { expiresIn }),
          }),
          channelId: project.channelId,
          vapidPublicKey: project.vapidPublicKey,
          serviceWorkerScope: scope.path,
          resyncAfter: 0,
        });
        disposers.push(() => s.dispose());
        expect(await s.enable()).to.equal('subscribed');
        return (await idbRegistrationStorage.read(scope.url))!;
      };
      expect((await enableWith(7200)).userKey).to.equal(undefined);
      const short = await enableWith(1800);
      expect(short.userKey).to.be.a('string');
      expect(short.userKeyExpiresAt! - Date.now()).to.be.within(1700_000, 1800_000);
      await idbRegistrationStorage.write(scope.url, {
        ...short,
        userKeyExpiresAt: Date.now() - 1,
      });
      await (await subscriber('bob')).start(); // any reader drops an expired key
      expect((await idbRegistrationStorage.read(scope.url))!.userKey).to.equal(undefined);
    },
  );
});

describe('users and devices: the page going away', function () {
  this.timeout(20_000);
  it('pagehide sends a pending change at once, within the coalescing window', async () => {
    const project = await createProject();
    try {
      const store = new PreferencesStore({
        client: await clientFor(project),
        coalesceMs: 10_000,
      });
      await store.load();
      store.set(globalKey('sms'), false);
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      await oneEvent(store, 'save'); // long before the 10 s window ends
      expect(
        (await project.snapshot()).users.find((u) => u.external_id === 'alice')!.preferences
          .channel_types.sms,
      ).to.equal(false);
      store.dispose();
    } finally {
      await project.dispose();
    }
  });
});
