import { expect, waitUntil } from '@open-wc/testing';
import { PushSubscriber } from '../../src/push/push-subscriber.js';
import { idbRegistrationStorage } from '../../src/push/registration-store.js';
import {
  clearPushScope,
  command,
  createProject,
  isFirefox,
  type Project,
  pushSubscriberFor,
} from '../helpers.js';

// A real pushsubscriptionchange: only Firefox fires it (when its push service loses its
// state); Chromium never does, which is why the page also reconciles on every load.
(isFirefox ? describe : describe.skip)('pushsubscriptionchange (Firefox)', function () {
  this.timeout(60_000);
  let project: Project;
  let scope: string;
  let subscriber: PushSubscriber;
  const scopeUrl = () => new URL(scope, location.href).href;
  const serverSubs = async () =>
    (await project.snapshot()).users.find((u) => u.external_id === 'alice')!.subscriptions;

  beforeEach(async () => {
    project = await createProject();
    scope = `/notiflows-push/change-${Math.random().toString(36).slice(2)}/`;
    subscriber = await pushSubscriberFor(project, scope);
    expect(await subscriber.enable()).to.equal('subscribed');
  });
  afterEach(async () => {
    subscriber.dispose();
    await clearPushScope(scope);
    await project.dispose();
  });

  it('the worker subscribes again and registers the new endpoint with the stored user key', async () => {
    const [old] = await serverSubs();
    await command('autopush-reset');
    await waitUntil(
      async () => {
        const subs = await serverSubs();
        return subs.length === 1 && subs[0].identifier !== old.identifier;
      },
      'the worker did not replace the subscription',
      { timeout: 30_000 },
    );
    const reg = (await navigator.serviceWorker.getRegistration(scopeUrl()))!;
    const live = await reg.pushManager.getSubscription();
    expect(live?.endpoint).to.equal((await serverSubs())[0].identifier);
    const record = (await idbRegistrationStorage.read(scopeUrl()))!;
    expect(record.endpoint).to.equal(live!.endpoint);
    expect(record.staleEndpoint).to.equal(undefined);
    // and the page, loading next, finds everything in sync: no request
    const before = (await project.requests()).length;
    const next = await pushSubscriberFor(project, scope);
    expect(await next.start()).to.equal('subscribed');
    next.dispose();
    expect((await project.requests()).length).to.equal(before);
  });
});
