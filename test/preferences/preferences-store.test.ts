import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { NotiflowsClient } from '../../src/headless.js';
import { globalKey, overrideKey } from '../../src/preferences/keys.js';
import {
  idbPendingStorage,
  mergePending,
  type PendingStorage,
} from '../../src/preferences/pending-store.js';
import {
  PreferencesStore,
  type PreferencesStoreOptions,
} from '../../src/preferences/preferences-store.js';
import { userHashOf } from '../../src/internal/user-hash.js';
import { createProject, ORDER_UPDATES, pendingValues, type Project } from '../helpers.js';

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
  /** The user hash a store of `user` keeps its queued changes under. */
  const hashOf = async (user: string) =>
    userHashOf(
      new NotiflowsClient({
        apiKey: project.apiKey,
        apiUrl: project.apiUrl,
        userKey: await project.sign(user),
      }),
    );
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
    const stored = async () => pendingValues(await idbPendingStorage.read(await hashOf('alice')));

    it('offline in both, neither tab erases the other tab’s queued change', async () => {
      const a = await make('alice', { retryDelays: [60_000] });
      const b = await make('alice', { retryDelays: [60_000] });
      // A 503 rather than a dropped connection: a browser sends a dropped PUT once more by
      // itself, sometimes after the faults below are cleared, which would race the next visit.
      await project.fail({ status: 503, times: 50, method: 'PUT' });
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
      const before = (await puts()).length;
      a.dispose(); // each sends its change as it goes, and that fails too
      b.dispose();
      await waitUntil(async () => (await puts()).length === before + 2, 'no PUT on dispose');
      await project.clearFaults();
      await make('alice'); // the next visit sends both, from IndexedDB
      await waitUntil(
        async () => {
          const p = await server();
          return p.channel_types.sms === false && p.channel_types.email === false;
        },
        'a queued change was lost',
        { timeout: 5000 },
      );
      expect((await puts()).at(-1)!.body).to.deep.equal({
        channel_types: { sms: false, email: false },
      });
    });

    // Two tabs queue the same value, offline; then one of them is refused (a 4xx) and rolls
    // back. Whichever of the two it was, the other's change stays stored.
    for (const refused of ['first', 'second'] as const) {
      it(`a rollback in one tab keeps the same change queued by another (${refused} refused)`, async () => {
        const a = await make('alice', { retryDelays: [60_000] });
        const b = await make('alice', { retryDelays: [60_000] });
        await project.fail({ status: 503, method: 'PUT', times: 2 });
        a.set(globalKey('sms'), false);
        await oneEvent(a, 'error');
        b.set(globalKey('sms'), false);
        await oneEvent(b, 'error');
        await project.fail({ status: 422, method: 'PUT' });
        const loser = refused === 'first' ? a : b;
        loser.retry();
        await oneEvent(loser, 'error');
        expect(loser.status.get(globalKey('sms'))!.state).to.equal('failed');
        // It released before it said so; IndexedDB runs this later read after that write.
        expect(await stored()).to.deep.equal({ [globalKey('sms')]: false });
      });
    }

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

  it('a stored change the server already has is released at load, not sent again', async () => {
    const a = await make('alice');
    a.set(globalKey('sms'), false);
    await oneEvent(a, 'save');
    const hash = await hashOf('alice');
    await waitUntil(async () => !(await idbPendingStorage.read(hash)), 'a did not release sms');
    // As left by a page that closed while its keepalive PUT was landing.
    await idbPendingStorage.merge(hash, { [globalKey('sms')]: [false, 1] }, {});
    const before = (await puts()).length;
    await make('alice');
    await waitUntil(async () => (await idbPendingStorage.read(hash)) === undefined, 'not released');
    await new Promise((r) => setTimeout(r, 200));
    expect((await puts()).length).to.equal(before);
  });

  it('a release that fails to be written is released with the next write', async () => {
    let refused = 0;
    const storage: PendingStorage = {
      read: (h) => idbPendingStorage.read(h),
      merge: (h, queued, released) => {
        // The first release (sms, after its save) cannot be written.
        if (!refused && Object.keys(released).length) {
          refused++;
          return Promise.reject(new Error('IndexedDB refused'));
        }
        return idbPendingStorage.merge(h, queued, released);
      },
    };
    const a = await make('alice', { storage });
    const hash = await hashOf('alice');
    a.set(globalKey('sms'), false);
    await oneEvent(a, 'save');
    await waitUntil(() => refused === 1, 'no release tried');
    expect(pendingValues(await idbPendingStorage.read(hash))).to.deep.equal({
      [globalKey('sms')]: false,
    });
    a.set(globalKey('email'), false);
    await oneEvent(a, 'save');
    await waitUntil(
      async () => (await idbPendingStorage.read(hash)) === undefined,
      'sms stayed in IndexedDB: sent again on every load',
    );
  });

  it('merging: a change joins the same value, replaces an older other value; a release takes away only its own times', () => {
    const [sms, email, chat, push] = ['sms', 'email', 'chat', 'push'].map(globalKey);
    const stored = { [sms]: [false, [1]], [email]: [true, [5]], [chat]: [false, [1]] };
    expect(
      mergePending(
        stored,
        { [push]: [false, 2], [chat]: [true, 0], [email]: [true, 6] }, // chat: older than stored
        { [sms]: [false, [1]], [email]: [true, [4]] }, // email at 4: not what is stored
      ),
    ).to.deep.equal({ [email]: [true, [5, 6]], [chat]: [false, [1]], [push]: [false, [2]] });
    expect(mergePending({ [sms]: [false, [1]] }, {}, { [sms]: [false, [1]] })).to.equal(undefined);
    expect(mergePending(undefined, { [sms]: [true, 1] }, {})).to.deep.equal({ [sms]: [true, [1]] });
    // Two tabs queued the same value: whichever rolls back, the other's change stays.
    const both = mergePending({ [sms]: [true, [1]] }, { [sms]: [true, 3] }, {});
    expect(mergePending(both, {}, { [sms]: [true, [1]] })).to.deep.equal({ [sms]: [true, [3]] });
    expect(mergePending(both, {}, { [sms]: [true, [3]] })).to.deep.equal({ [sms]: [true, [1]] });
    // A newer other value replaces them all.
    expect(mergePending(both, { [sms]: [false, 4] }, {})).to.deep.equal({ [sms]: [false, [4]] });
    // Older shapes are read; garbage is dropped; a time in the future counts as now.
    const future = Date.now() + 86_400_000;
    const read = mergePending(
      { [sms]: false, [email]: [true, 2], [chat]: 'x', [push]: [true, [future]], other: 5 },
      {},
      {},
    )!;
    expect(read).to.deep.include({ [sms]: [false, [0]], [email]: [true, [2]] });
    expect(Object.keys(read)).to.have.members([sms, email, push]);
    expect(read[push][1][0]).to.be.at.most(Date.now());
  });
});
