import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { NotiflowsClient } from '../../src/headless.js';
import { globalKey, overrideKey } from '../../src/preferences/keys.js';
import { idbPendingStorage, mergePending } from '../../src/preferences/pending-store.js';
import {
  PreferencesStore,
  type PreferencesStoreOptions,
} from '../../src/preferences/preferences-store.js';
import { userHashOf } from '../../src/internal/user-hash.js';
import { createProject, ORDER_UPDATES, type Project } from '../helpers.js';

// The save pipeline on its own, without Lit.
describe('PreferencesStore', function () {
  this.timeout(20_000);
  let project: Project;
  const stores: PreferencesStore[] = [];
  const make = async (
    user = 'alice',
    options: Omit<PreferencesStoreOptions, 'client' | 'coalesceMs'> = {},
  ) => {
    const client = new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKey: await project.sign(user),
      retry: { attempts: 1 },
    });
    const store = new PreferencesStore({ client, coalesceMs: 50, ...options });
    stores.push(store);
    await store.load();
    return store;
  };
  const puts = async () => (await project.requests()).filter((r) => r.method === 'PUT');
  const server = async (user = 'alice') =>
    (await project.snapshot()).users.find((u) => u.external_id === user)!.preferences;

  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) s.dispose();
    await project.dispose();
  });

  it('shows a change at once and merges close changes into one partial PUT', async () => {
    const store = await make();
    store.set(globalKey('sms'), false);
    store.set(globalKey('chat'), false);
    store.set(overrideKey(ORDER_UPDATES, 'email'), false);
    store.set(globalKey('chat'), true);
    expect(store.view!.channel_types.sms).to.equal(false);
    expect(store.dirty).to.equal(true);
    await oneEvent(store, 'save');
    expect(store.dirty).to.equal(false);
    const [put] = await puts();
    expect(put.body).to.deep.equal({
      channel_types: { sms: false, chat: true },
      notiflows: { [ORDER_UPDATES]: { channel_types: { email: false } } },
    });
    expect(store.status.get(globalKey('sms'))!.state).to.equal('saved');
  });

  it('a permanent failure rolls back only its own keys', async () => {
    const store = await make();
    store.set(globalKey('sms'), false);
    await oneEvent(store, 'save');
    await project.fail({ status: 422, method: 'PUT' });
    store.set(globalKey('email'), false);
    const { detail } = await oneEvent(store, 'error');
    expect(detail.keys).to.deep.equal([globalKey('email')]);
    expect(store.view!.channel_types).to.include({ email: true, sms: false });
    expect(store.status.get(globalKey('email'))!.state).to.equal('failed');
  });

  it('a transient failure keeps the change and retries until saved', async () => {
    const store = await make();
    await project.fail({ status: 503, method: 'PUT' });
    store.set(globalKey('sms'), false);
    await oneEvent(store, 'error');
    expect(store.view!.channel_types.sms).to.equal(false);
    expect(store.status.get(globalKey('sms'))!.state).to.equal('retrying');
    store.retry();
    await oneEvent(store, 'save');
    expect((await server()).channel_types.sms).to.equal(false);
  });

  it("a change queued offline for one user is never flushed into another user's preferences", async () => {
    const alice = await make('alice');
    await project.fail({ drop: true, times: 50, method: 'PUT' });
    alice.set(globalKey('sms'), false);
    await oneEvent(alice, 'error');
    alice.dispose();
    await project.clearFaults();
    const bob = await make('bob');
    await new Promise((r) => setTimeout(r, 300));
    expect(await puts().then((p) => p.filter((r) => r.user === 'bob'))).to.deep.equal([]);
    expect((await server('bob')).channel_types.sms).to.equal(true);
    bob.dispose();
    const aliceAgain = await make('alice'); // alice comes back: her change goes out
    await waitUntil(
      async () => (await server('alice')).channel_types.sms === false,
      'alice change not flushed',
      { timeout: 5000 },
    );
    expect(aliceAgain.view!.channel_types.sms).to.equal(false);
  });

  describe('two tabs of one user', () => {
    // Each tab holds its own queued changes; IndexedDB holds them all, so whichever tab
    // closes or crashes first, the next load sends every one.
    const stored = async () => {
      const client = new NotiflowsClient({
        apiKey: project.apiKey,
        apiUrl: project.apiUrl,
        userKey: await project.sign('alice'),
      });
      return idbPendingStorage.read(await userHashOf(client));
    };

    it('offline in both, neither tab erases the other tab’s queued change', async () => {
      const a = await make('alice', { retryDelays: [60_000] });
      const b = await make('alice', { retryDelays: [60_000] });
      await project.fail({ drop: true, times: 50, method: 'PUT' });
      a.set(globalKey('sms'), false);
      await oneEvent(a, 'error');
      b.set(globalKey('email'), false);
      await oneEvent(b, 'error');
      await waitUntil(
        async () => {
          const s = await stored();
          return s?.[globalKey('sms')] === false && s?.[globalKey('email')] === false;
        },
        'IndexedDB does not hold both tabs’ changes',
        { timeout: 3000 },
      );
      a.dispose();
      b.dispose();
      await project.clearFaults();
      await make('alice'); // the next visit sends both
      await waitUntil(
        async () => {
          const p = await server();
          return p.channel_types.sms === false && p.channel_types.email === false;
        },
        'a queued change was lost',
        { timeout: 5000 },
      );
    });

    it('one tab’s confirmed save keeps the other tab’s queued change stored', async () => {
      const a = await make('alice', { retryDelays: [60_000] });
      const b = await make('alice');
      await project.fail({ status: 503, method: 'PUT' });
      a.set(globalKey('sms'), false); // its write fails transiently: queued
      await oneEvent(a, 'error');
      b.set(globalKey('email'), false);
      await oneEvent(b, 'save');
      // b released what it confirmed, and only that: a crash of tab a now loses nothing.
      await waitUntil(
        async () => {
          const s = await stored();
          return s?.[globalKey('sms')] === false && !(globalKey('email') in (s ?? {}));
        },
        'the other tab’s queued change is gone from IndexedDB',
        { timeout: 3000 },
      );
    });
  });

  it('merging: a tab sets what it queued and removes what it released, unless changed since', () => {
    const [sms, email, chat, push] = ['sms', 'email', 'chat', 'push'].map(globalKey);
    const stored = { [sms]: false, [email]: true, [chat]: false };
    // email was released as false, but another tab has queued true since: it stays.
    expect(mergePending(stored, { [push]: false }, { [sms]: false, [email]: false })).to.deep.equal(
      { [email]: true, [chat]: false, [push]: false },
    );
    expect(mergePending({ [sms]: false }, {}, { [sms]: false })).to.equal(undefined);
    expect(mergePending(undefined, { [sms]: true }, {})).to.deep.equal({ [sms]: true });
    expect(mergePending({ [sms]: false }, { [sms]: true }, { [sms]: false })).to.deep.equal({
      [sms]: true,
    });
  });
});
