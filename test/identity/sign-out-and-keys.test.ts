import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { logout, NotiflowsClient } from '../../src/headless.js';
import type { NotiflowsPreferences } from '../../src/index.js';
import { globalKey, type SwitchKey } from '../../src/preferences/keys.js';
import { idbPendingStorage } from '../../src/preferences/pending-store.js';
import { PreferencesStore } from '../../src/preferences/preferences-store.js';
import { PushSubscriber } from '../../src/push/push-subscriber.js';
import { userHashOf } from '../../src/internal/user-hash.js';
import { idbRegistrationStorage } from '../../src/push/registration-store.js';
import {
  API_ORIGIN,
  clientFor,
  pushSubscriberFor,
  command,
  createProject,
  describePush,
  pendingValues,
  type Project,
  usePushScope,
} from '../helpers.js';
import { ready, switchNamed } from '../components/element-helpers.js';

// Issue 19: user keys, providers and sign-out. Each case failed on the code before its fix.
describe('sign-out and user keys', function () {
  this.timeout(30_000);
  let project: Project;
  const requests = () => project.requests();
  const serverUser = async (user: string) =>
    (await project.snapshot()).users.find((u) => u.external_id === user)!;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const within = { timeout: 8000 };
  /** Waits until the server has Email off for `user` (their change was saved). */
  const emailOffFor = (user: string, message: string) =>
    waitUntil(
      async () => (await serverUser(user)).preferences.channel_types.email === false,
      message,
      within,
    );

  /** An element with only the attributes given (no user-key unless `userKey`). */
  const mountWith = async (props: Partial<NotiflowsPreferences>) => {
    const el = await fixture<NotiflowsPreferences>(
      html`<notiflows-preferences
        api-key=${project.apiKey}
        api-url=${project.apiUrl}
        locale="en"
      ></notiflows-preferences>`,
    );
    Object.assign(el, props);
    return el;
  };

  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(() => project.dispose());

  for (const [name, aliceKey] of [
    ['expiring within 60 s', () => project.sign('alice', { expiresIn: 30 })],
    [
      'refused with 401',
      async () => {
        const [head, body] = (await project.sign('alice')).split('.');
        return `${head}.${body}.${'A'.repeat(342)}`; // alice's claims, a signature the server refuses
      },
    ],
  ] as const) {
    it(`1. user-key of Alice ${name} and a provider of Bob's key: Bob is shown, the provider is not called in a loop`, async () => {
      const bobKey = await project.sign('bob');
      let calls = 0;
      const el = await mountWith({
        userKey: await aliceKey(),
        userKeyProvider: async () => (calls++, bobKey),
      });
      await ready(el);
      await pause(3000);
      expect(calls, 'provider calls in 3 s').to.be.at.most(2);
      const gets = (await requests()).filter((r) => r.method === 'GET');
      expect(gets.length, 'GETs in 3 s').to.be.at.most(3);
      expect(gets.at(-1)!.user).to.equal('bob');
      switchNamed(el, 'Email — all notifications').click();
      await emailOffFor('bob', "Bob's change was not saved");
      expect((await serverUser('alice')).preferences.channel_types.email).to.equal(true);
    });
  }

  it('2. after logout() the element never reads or writes as the signed-out user', async () => {
    const keys = { alice: await project.sign('alice'), bob: await project.sign('bob') };
    let user: 'alice' | 'bob' = 'alice';
    const el = await mountWith({ userKeyProvider: async () => keys[user] });
    await ready(el);
    await el.logout();
    const before = (await requests()).length;
    user = 'bob';
    el.reload();
    await waitUntil(
      async () => (await requests()).slice(before).some((r) => r.user === 'bob' && r.status < 300),
      'Bob was never loaded',
      within,
    );
    await ready(el);
    switchNamed(el, 'Email — all notifications').click();
    await emailOffFor('bob', "Bob's change was not saved");
    const after = (await requests()).slice(before);
    expect(
      after.filter((r) => r.user === 'alice').map((r) => `${r.method} ${r.path}`),
    ).to.deep.equal([]);
    expect((await serverUser('alice')).preferences.channel_types.email).to.equal(true);
    el.remove();
  });

  it('2b. headless: a client signed out drops its key; the next request asks the provider again', async () => {
    const keys = { alice: await project.sign('alice'), bob: await project.sign('bob') };
    let user: 'alice' | 'bob' = 'alice';
    let calls = 0;
    const client = new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKeyProvider: async () => (calls++, keys[user]),
    });
    await client.getPreferences();
    client.signOut();
    expect(client.currentUserKey()).to.equal(undefined);
    user = 'bob';
    const error = await client.getPreferences().then(
      () => undefined,
      (e) => e,
    );
    expect(calls).to.equal(2);
    expect(error?.code, "Bob's key is refused by Alice's client").to.equal('unauthenticated');
    expect((await requests()).map((r) => r.user)).to.deep.equal(['alice']);
    user = 'alice'; // Alice signs in again: the same client works for her
    await client.getPreferences();
    expect(calls).to.equal(3);
  });

  it('3. one failed provider call does not break saving for the mount', async () => {
    const key = await project.sign('alice');
    let failNext = true;
    const el = await mountWith({
      userKeyProvider: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('the site could not sign a key');
        }
        return key;
      },
    });
    await waitUntil(
      () => !!el.shadowRoot!.querySelector('[part~=error] button'),
      'no load error',
      within,
    );
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=error] button')!.click();
    await ready(el);
    switchNamed(el, 'Email — all notifications').click();
    await emailOffFor('alice', 'the change was not saved');
    el.remove();
  });

  it('3b. the store: after a failed provider call, a change that cannot be sent is still queued for its user', async () => {
    const key = await project.sign('alice');
    let fail = false;
    const client = new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKeyProvider: async () => {
        if (fail) throw new Error('offline');
        return key;
      },
    });
    const hash = await userHashOf(
      new NotiflowsClient({ apiKey: project.apiKey, apiUrl: project.apiUrl, userKey: key }),
    );
    fail = true;
    const store = new PreferencesStore({ client, coalesceMs: 20, retryDelays: [] });
    await store.load();
    expect(store.loadState).to.equal('error');
    fail = false;
    await store.load();
    await project.fail({ status: 503, method: 'PUT' });
    store.set(globalKey('email'), false);
    await waitUntil(
      () => store.status.get(globalKey('email'))?.state === 'failed',
      'no failure',
      within,
    );
    expect(pendingValues(await idbPendingStorage.read(hash))).to.deep.equal({
      [globalKey('email')]: false,
    });
    store.retry();
    await emailOffFor('alice', 'Retry sent nothing');
    store.dispose();
  });

  for (const [name, keyDue] of [
    ['', false],
    [', also when a provider call is due', true],
  ] as const) {
    it(`6. pagehide while a write is out: every pending change leaves with keepalive${name}`, async () => {
      const sent: { keepalive?: boolean; body: Record<string, unknown> }[] = [];
      let providerCalls = 0;
      const client = new NotiflowsClient({
        apiKey: project.apiKey,
        apiUrl: project.apiUrl,
        userKey: await project.sign('alice', { expiresIn: keyDue ? 30 : 3600 }),
        // One key for the load, then the site's key endpoint is slow: a page going away
        // cannot wait for it.
        userKeyProvider: () =>
          providerCalls++
            ? new Promise<string>(() => {})
            : project.sign('alice', { expiresIn: 30 }),
        fetch: (input, init) => {
          if (init?.method === 'PUT')
            sent.push({ keepalive: init.keepalive, body: JSON.parse(String(init.body)) });
          return fetch(input, init);
        },
      });
      const store = new PreferencesStore({ client, coalesceMs: 300, retryDelays: [] });
      await store.load();
      await project.fail({ delay: 1500, method: 'PUT', times: 1 }); // the first write is slow
      store.set(globalKey('email'), false);
      await pause(keyDue ? 0 : 350);
      store.set(globalKey('sms'), false);
      window.dispatchEvent(new PageTransitionEvent('pagehide'));
      await pause(50);
      const leaving = sent.filter((r) => r.keepalive);
      expect(leaving.length, 'keepalive PUTs').to.be.at.least(1);
      expect(Object.assign({}, ...leaving.map((r) => r.body.channel_types))).to.deep.include({
        email: false,
        sms: false,
      });
      await waitUntil(
        async () => (await serverUser('alice')).preferences.channel_types.sms === false,
        'SMS never reached the server',
        within,
      );
      store.dispose();
    });
  }

  /** A client of `user` on the same project, reached through the page's own origin (a proxy). */
  const proxiedClient = async (user = 'alice') =>
    new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl.replace(API_ORIGIN, location.origin),
      userKey: await project.sign(user),
    });

  it('14. moving api-url to a same-origin proxy keeps the changes queued under the old URL', async () => {
    await project.fail({ status: 503, method: 'PUT', times: 100 });
    const before = new PreferencesStore({
      client: await clientFor(project),
      coalesceMs: 20,
      retryDelays: [],
    });
    await before.load();
    before.set(globalKey('email'), false);
    await waitUntil(
      () => before.status.get(globalKey('email'))?.state === 'failed',
      'no failure',
      within,
    );
    const puts = async () => (await requests()).filter((r) => r.method === 'PUT').length;
    const tried = await puts();
    before.dispose(); // its last try, as the page goes, is refused too: the change stays queued
    await waitUntil(async () => (await puts()) > tried, 'no PUT on dispose', within);
    await project.clearFaults();
    const after = new PreferencesStore({ client: await proxiedClient(), coalesceMs: 20 });
    await after.load(); // the site now sends the API through its own origin
    await emailOffFor('alice', 'the queued change was stranded under the old URL');
    after.dispose();
  });

  /** Alice's client with the project's current public key, naming the project `name` if given. */
  const keyClient = async (name?: string) =>
    new NotiflowsClient({
      apiKey: project.apiKey,
      project: name,
      apiUrl: project.apiUrl,
      userKey: await project.sign('alice'),
    });

  it('14c. changes queued before `project` was set, and before the pk_ key was rotated, are still sent', async () => {
    await project.fail({ status: 503, method: 'PUT', times: 100 });
    const queue = async (client: NotiflowsClient, key: SwitchKey) => {
      const store = new PreferencesStore({ client, coalesceMs: 20, retryDelays: [] });
      await store.load();
      store.set(key, false);
      await waitUntil(() => store.status.get(key)?.state === 'failed', 'no failure', within);
      store.dispose();
      await pause(300); // its last try as the page goes, refused too
    };
    await queue(await keyClient(), globalKey('email')); // before `project`
    await queue(await keyClient('acme'), globalKey('sms')); // `project` set: the old change is adopted
    const oldKey = project.apiKey;
    await project.set({ apiKey: 'pk_test_rotated' }); // the owner rotates the public key
    project.apiKey = 'pk_test_rotated';
    await project.clearFaults();
    const el = await mountWith({ project: 'acme', userKey: await project.sign('alice') }); // the element's `project`
    await waitUntil(
      async () => {
        const t = (await serverUser('alice')).preferences.channel_types;
        return t.email === false && t.sms === false;
      },
      'a change was stranded under the old key',
      within,
    );
    el.remove();
    const refused = (await requests()).filter((r) => r.status === 401);
    expect(refused, 'the old key is refused after the rotation').to.deep.equal([]);
    expect(oldKey).to.not.equal(project.apiKey);
  });

  describePush('with push on', () => {
    const subWrites = async () =>
      (await requests())
        .filter((r) => r.path.endsWith('/subscriptions') && r.method !== 'GET')
        .map((r) => `${r.method} ${r.status} ${r.user}`);
    /** Alice's element with this browser subscribed for her. */
    const aliceSubscribed = async () => {
      const el = await mountWith({
        userKey: await project.sign('alice'),
        channelId: project.channelId,
        vapidPublicKey: project.vapidPublicKey,
        serviceWorkerScope: scope.path,
      });
      await ready(el);
      await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed', within);
      expect(await el.enablePush()).to.equal('subscribed');
      return el;
    };
    const expectSignedOut = async () => {
      expect((await serverUser('alice')).subscriptions).to.deep.equal([]);
      expect(await scope.endpoint()).to.equal(undefined);
      expect(await idbRegistrationStorage.read(scope.url)).to.equal(undefined);
      expect(await subWrites()).to.deep.equal(['POST 201 alice', 'DELETE 204 alice']);
    };

    before(() => command('grant-notifications'));
    const scope = usePushScope('so');
    /** Alice's subscriber with the project's current key, naming the project `name` if given. */
    const keySubscriber = async (name?: string) =>
      new PushSubscriber({
        client: await keyClient(name),
        channelId: project.channelId,
        vapidPublicKey: project.vapidPublicKey,
        serviceWorkerScope: scope.path,
      });

    it('4. logout() finishes its work when the user changes while it runs', async () => {
      const el = await aliceSubscribed();
      const bobKey = await project.sign('bob');
      const done = el.logout();
      el.userKey = bobKey;
      await done;
      await expectSignedOut();
      el.remove();
    });

    it('7. a new sw-scope moves the subscription: one server row, one live subscription', async () => {
      const el = await aliceSubscribed();
      const first = await scope.endpoint();
      const oldScope = scope.url;
      el.serviceWorkerScope = scope.next();
      try {
        await el.updateComplete;
        await waitUntil(
          async () => el.pushState === 'subscribed' && !!(await scope.endpoint()),
          'not subscribed at the new scope',
          within,
        );
        const moved = await scope.endpoint();
        expect(moved).to.be.a('string').and.not.equal(first);
        await waitUntil(
          async () => (await serverUser('alice')).subscriptions.length === 1,
          'two server rows: every push would show twice',
          within,
        );
        expect((await serverUser('alice')).subscriptions.map((s) => s.identifier)).to.deep.equal([
          moved,
        ]);
        const old = await navigator.serviceWorker.getRegistration(oldScope);
        expect(await old?.pushManager.getSubscription(), 'the old scope still subscribed').to.equal(
          null,
        );
        expect(await idbRegistrationStorage.read(oldScope)).to.equal(undefined);
      } finally {
        el.remove();
      }
    });

    it("14b. after a move of api-url to a proxy, the device is still its owner's", async () => {
      const first = await pushSubscriberFor(project, scope.path);
      expect(await first.enable()).to.equal('subscribed');
      first.dispose();
      const moved = new PushSubscriber({
        client: await proxiedClient(),
        channelId: project.channelId,
        vapidPublicKey: project.vapidPublicKey,
        serviceWorkerScope: scope.path,
      });
      expect(await moved.start()).to.equal('subscribed');
      expect(moved.hint, 'the owner was told it is another account').to.equal(undefined);
      moved.dispose();
      const record = await idbRegistrationStorage.read(scope.url);
      expect(record?.apiUrl, 'the worker still has the old URL').to.equal(
        project.apiUrl.replace(API_ORIGIN, location.origin),
      );
    });

    it("14d. a device subscribed before `project` was set stays its owner's after a pk_ key rotation", async () => {
      const first = await keySubscriber();
      expect(await first.enable()).to.equal('subscribed');
      first.dispose();
      const named = await keySubscriber('acme'); // the site adds `project`
      expect(await named.start()).to.equal('subscribed');
      expect(named.hint).to.equal(undefined);
      named.dispose();
      await project.set({ apiKey: 'pk_test_rotated' });
      project.apiKey = 'pk_test_rotated';
      const rotated = await keySubscriber('acme');
      expect(await rotated.start()).to.equal('subscribed');
      expect(rotated.hint, 'the owner was told it is another account').to.equal(undefined);
      rotated.dispose();
      const record = await idbRegistrationStorage.read(scope.url);
      expect(record?.apiKey, 'the worker would send the revoked key').to.equal('pk_test_rotated');
      await logout({ client: await keyClient('acme'), serviceWorkerScope: scope.path });
      expect((await serverUser('alice')).subscriptions, 'logout left the row').to.deep.equal([]);
      expect(await scope.endpoint()).to.equal(undefined);
    });

    it('14e. blocked before `project` was set: allowed again after a key rotation, it comes back for its owner', async () => {
      const first = await keySubscriber();
      expect(await first.enable()).to.equal('subscribed');
      first.dispose();
      await command('deny-notifications');
      try {
        const blocked = await keySubscriber(); // the block is seen before `project` is set
        expect(await blocked.start()).to.equal('denied');
        blocked.dispose();
        const named = await keySubscriber('acme'); // the site adds `project`, still blocked
        expect(await named.start()).to.equal('denied');
        named.dispose();
        await project.set({ apiKey: 'pk_test_rotated' });
        project.apiKey = 'pk_test_rotated';
      } finally {
        await command('grant-notifications');
      }
      const allowed = await keySubscriber('acme');
      expect(await allowed.start(), 'not restored for its owner').to.equal('subscribed');
      expect(allowed.hint).to.equal(undefined);
      allowed.dispose();
      expect((await serverUser('alice')).subscriptions.map((s) => s.identifier)).to.deep.equal([
        await scope.endpoint(),
      ]);
    });

    it('5. a browser removed from another device stays removed: no POST without a click', async () => {
      const subscriber = (options = {}) =>
        pushSubscriberFor(project, scope.path, 'alice', { resyncAfter: 0, ...options });
      const first = await subscriber();
      expect(await first.enable()).to.equal('subscribed');
      first.dispose();
      const endpoint = (await scope.endpoint())!;
      // "Your devices" on Alice's phone removes this browser.
      await (await clientFor(project, 'alice')).removeSubscription(project.channelId, endpoint);
      const before = (await subWrites()).length;
      const later = await subscriber(); // this browser, loaded again a day later
      expect(await later.start()).to.equal('unsubscribed');
      expect(later.hint).to.equal('removed-elsewhere');
      later.dispose();
      expect((await subWrites()).slice(before), 'a write without a click').to.deep.equal([]);
      expect((await serverUser('alice')).subscriptions).to.deep.equal([]);
      expect(await scope.endpoint(), 'the local subscription is gone too').to.equal(undefined);
      expect(await idbRegistrationStorage.read(scope.url)).to.equal(undefined);
      const clicked = await subscriber(); // Enable, clicked: it comes back
      expect(await clicked.enable()).to.equal('subscribed');
      clicked.dispose();
      expect((await serverUser('alice')).subscriptions).to.have.length(1);
    });

    /** Resolves to how long `logout()` in another tab took, in ms, or 'hung' after `limit` ms. */
    const logoutTime = async (limit: number) => {
      const started = performance.now();
      const done = logout({ serviceWorkerScope: scope.path }).then(
        () => performance.now() - started,
      );
      return Promise.race([done, pause(limit).then(() => 'hung' as const)]);
    };

    it('12. an open permission prompt does not hold the push lock: logout() elsewhere goes on', async () => {
      const original = Notification.requestPermission;
      Notification.requestPermission = () => new Promise<NotificationPermission>(() => {}); // the prompt stays open
      try {
        const push = await pushSubscriberFor(project, scope.path);
        void push.enable();
        await pause(100);
        expect(await logoutTime(5000)).to.be.a('number');
        push.dispose();
      } finally {
        Notification.requestPermission = original;
      }
    });

    it('12b. a request under the push lock gives up after 10 s: logout() elsewhere waits no longer', async function () {
      this.timeout(40_000);
      await project.fail({ method: 'POST', delay: 60_000 }); // the server takes the POST and never answers
      const push = await pushSubscriberFor(project, scope.path);
      const enabled = push.enable();
      await waitUntil(
        async () => (await requests()).some((r) => r.method === 'POST'),
        'no POST',
        within,
      );
      const took = await logoutTime(14_000);
      expect(took, 'logout() waited for the lock').to.be.a('number').and.below(11_000);
      expect(await enabled).to.equal('error');
      expect(push.error?.code).to.equal('timeout');
      push.dispose();
    });

    it('5b. an endpoint that changed, its old row pruned by the push service, is registered again', async () => {
      const first = await pushSubscriberFor(project, scope.path, 'alice', { resyncAfter: 0 });
      expect(await first.enable()).to.equal('subscribed');
      first.dispose();
      const endpoint = (await scope.endpoint())!;
      // As after pushsubscriptionchange with no key for the worker: the record still names the
      // old endpoint, whose row the server pruned (410); the new one was never registered.
      const record = (await idbRegistrationStorage.read(scope.url))!;
      await idbRegistrationStorage.write(scope.url, {
        ...record,
        endpoint: 'https://push.example.test/pruned',
      });
      await (await clientFor(project, 'alice')).removeSubscription(project.channelId, endpoint);
      const later = await pushSubscriberFor(project, scope.path, 'alice');
      expect(await later.start()).to.equal('subscribed');
      later.dispose();
      expect((await serverUser('alice')).subscriptions.map((s) => s.identifier)).to.deep.equal([
        endpoint,
      ]);
    });

    it('12c. logout() while the permission prompt is open: the answer does not subscribe anyone', async () => {
      const original = Notification.requestPermission;
      let answer!: (p: NotificationPermission) => void;
      Notification.requestPermission = () => new Promise((resolve) => (answer = resolve));
      try {
        const push = await pushSubscriberFor(project, scope.path);
        const enabled = push.enable();
        await push.logout(); // the family member signs out; the prompt is still open
        answer('granted');
        expect(await enabled).to.equal('unsubscribed');
        push.dispose();
      } finally {
        Notification.requestPermission = original;
      }
      expect(await subWrites()).to.deep.equal([]);
      expect(await scope.endpoint()).to.equal(undefined);
    });

    it("4b. a push subscriber's logout() finishes its work when it is disposed meanwhile", async () => {
      const push = new PushSubscriber({
        client: await clientFor(project, 'alice'),
        channelId: project.channelId,
        vapidPublicKey: project.vapidPublicKey,
        serviceWorkerScope: scope.path,
      });
      expect(await push.enable()).to.equal('subscribed');
      const done = push.logout();
      push.dispose(); // the element went away, or its user changed
      await done;
      await expectSignedOut();
    });
  });
});
