import { expect, waitUntil } from '@open-wc/testing';
import { PushSubscriber } from '../../src/push/push-subscriber.js';
import { idbRegistrationStorage } from '../../src/push/registration-store.js';
import {
  command,
  createProject,
  DEFAULT_CHANNELS,
  isFirefox,
  type Project,
  pushSubscriberFor,
  usePushScope,
} from '../helpers.js';

// A real pushsubscriptionchange: only Firefox fires it (when its push service loses its
// state); Chromium never does, which is why the page also reconciles on every load.
const OLD_CHANNEL = '7c5e0fa9-1a2b-4c3d-8e4f-9a0b1c2d3e55';

(isFirefox ? describe : describe.skip)('pushsubscriptionchange (Firefox)', function () {
  this.timeout(60_000);
  let project: Project;
  let subscriber: PushSubscriber;
  const serverSubs = async () =>
    (await project.snapshot()).users.find((u) => u.external_id === 'alice')!.subscriptions;
  /** Waits until the server holds one subscription of Alice's, and not `old`: the worker's. */
  const replaced = (old: string, message: string) =>
    waitUntil(
      async () => {
        const subs = await serverSubs();
        return subs.length === 1 && subs[0].identifier !== old;
      },
      message,
      { timeout: 30_000 },
    );

  before(() => command('grant-notifications'));
  beforeEach(async () => {
    // A second web push channel, which a record may have moved from.
    project = await createProject({
      channels: [...DEFAULT_CHANNELS, { id: OLD_CHANNEL, type: 'web_push' }],
    });
    subscriber = await pushSubscriberFor(project, scope.path);
    expect(await subscriber.enable()).to.equal('subscribed');
  });
  afterEach(async () => {
    subscriber.dispose();
    await project.dispose();
  });
  const scope = usePushScope('change');

  it('the worker subscribes again and registers the new endpoint with the stored user key', async () => {
    const [old] = await serverSubs();
    await command('autopush-reset');
    await replaced(old.identifier, 'the worker did not replace the subscription');
    const reg = (await navigator.serviceWorker.getRegistration(scope.url))!;
    const live = await reg.pushManager.getSubscription();
    expect(live?.endpoint).to.equal((await serverSubs())[0].identifier);
    const record = (await idbRegistrationStorage.read(scope.url))!;
    expect(record.endpoint).to.equal(live!.endpoint);
    expect(record.staleRows).to.equal(undefined);
    // and the page, loading next, finds everything in sync: no request
    const before = (await project.requests()).length;
    const next = await pushSubscriberFor(project, scope.path);
    expect(await next.start()).to.equal('subscribed');
    next.dispose();
    expect((await project.requests()).length).to.equal(before);
  });

  it('the worker also deletes the rows a failed DELETE left behind, each on its own channel', async () => {
    subscriber.dispose(); // the worker alone does it
    const [old] = await serverSubs();
    const leftBehind = 'https://push.example.test/left-behind';
    const onOldChannel = 'https://push.example.test/on-the-old-channel';
    const now = new Date().toISOString();
    await project.seedDevice('alice', leftBehind, now);
    await project.seedDevice('alice', onOldChannel, now, OLD_CHANNEL);
    const record = (await idbRegistrationStorage.read(scope.url))!;
    await idbRegistrationStorage.write(scope.url, {
      ...record,
      staleRows: [
        { channelId: record.channelId, endpoint: leftBehind },
        { channelId: OLD_CHANNEL, endpoint: onOldChannel },
      ],
    });
    await command('autopush-reset');
    await replaced(old.identifier, 'the worker did not delete every old row');
    await waitUntil(
      async () => !(await idbRegistrationStorage.read(scope.url))!.staleRows,
      'the record still names rows to delete',
    );
  });

  it('a DELETE the worker cannot send keeps its row for later, and the new endpoint is still recorded', async () => {
    subscriber.dispose();
    const [old] = await serverSubs();
    const leftBehind = 'https://push.example.test/left-behind';
    await project.seedDevice('alice', leftBehind, new Date().toISOString());
    const record = (await idbRegistrationStorage.read(scope.url))!;
    const row = { channelId: record.channelId, endpoint: leftBehind };
    await idbRegistrationStorage.write(scope.url, { ...record, staleRows: [row] });
    await project.fail({ drop: true, method: 'DELETE', times: 1000 });
    await command('autopush-reset');
    await waitUntil(
      async () => (await idbRegistrationStorage.read(scope.url))!.endpoint !== old.identifier,
      'the worker did not record the new endpoint',
      { timeout: 30_000 },
    );
    const after = (await idbRegistrationStorage.read(scope.url))!;
    expect(after.staleRows).to.deep.include(row);
    expect(after.staleRows).to.deep.include({
      channelId: record.channelId,
      endpoint: old.identifier,
    });
  });

  it("the worker waits for a page's push lock, so it never rewrites a record being changed", async () => {
    subscriber.dispose();
    const [old] = await serverSubs();
    const name = `notiflows-push:${scope.url}`;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    void navigator.locks.request(name, () => held); // as a page's take-over would hold it
    const before = (await project.requests()).length;
    await command('autopush-reset');
    await waitUntil(
      async () => !!(await navigator.locks.query()).pending?.some((l) => l.name === name),
      'the worker did not ask for the lock',
      { timeout: 30_000 },
    );
    expect((await project.requests()).slice(before)).to.deep.equal([]);
    release();
    await replaced(old.identifier, 'the worker did not finish once the lock was free');
  });

  it('a stored user key that has expired is never sent: the worker subscribes, the next load registers', async () => {
    const [old] = await serverSubs();
    const record = (await idbRegistrationStorage.read(scope.url))!;
    expect(record.userKey).to.be.a('string');
    // Within the 60 s margin: no longer usable.
    await idbRegistrationStorage.write(scope.url, {
      ...record,
      userKeyExpiresAt: Date.now() + 30_000,
    });
    const before = (await project.requests()).length;
    await command('autopush-reset');
    const reg = (await navigator.serviceWorker.getRegistration(scope.url))!;
    await waitUntil(
      async () => {
        const live = await reg.pushManager.getSubscription();
        return !!live && live.endpoint !== old.identifier;
      },
      'the worker did not subscribe again',
      { timeout: 30_000 },
    );
    // The worker stops before any request; its record still names the old endpoint.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await project.requests()).slice(before)).to.deep.equal([]);
    expect((await idbRegistrationStorage.read(scope.url))!.endpoint).to.equal(old.identifier);
    // The page, with a fresh key, finishes: POST the new endpoint, DELETE the old.
    const next = await pushSubscriberFor(project, scope.path);
    expect(await next.start()).to.equal('subscribed');
    next.dispose();
    const subs = await serverSubs();
    expect(subs.map((s) => s.identifier)).to.deep.equal([
      (await reg.pushManager.getSubscription())!.endpoint,
    ]);
  });
});
