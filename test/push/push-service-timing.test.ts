import { expect, waitUntil } from '@open-wc/testing';
import {
  command,
  createProject,
  describePush,
  type Project,
  pushSubscriberFor,
  usePushScope,
} from '../helpers.js';
import { mount, ready, sw } from '../components/element-helpers.js';

// A push service that never answers (a firewall, Brave's setting): say so after ~3 s, give
// up with push_service_error after at most 15 s.
// WebKitGTK's MiniBrowser has no Push API: these need a real subscription (its `unsupported` state is tested in push-card.test.ts).
describePush('an unreachable push service', function () {
  this.timeout(60_000);
  let project: Project;
  let original: PushManager['subscribe'];
  before(() => command('grant-notifications'));
  beforeEach(async () => {
    project = await createProject();
    original = PushManager.prototype.subscribe;
    PushManager.prototype.subscribe = () => new Promise<PushSubscription>(() => {});
  });
  afterEach(async () => {
    PushManager.prototype.subscribe = original;
    await project.dispose();
  });
  const scope = usePushScope('slow');

  it('hint "slow" while waiting, then push_service_error', async () => {
    const push = await pushSubscriberFor(project, scope.path, 'alice', {
      slowAfter: 200,
      subscribeTimeout: 800,
    });
    const seen: string[] = [];
    push.addEventListener('change', (e) =>
      seen.push(
        `${(e as CustomEvent).detail.state}${(e as CustomEvent).detail.hint ? `/${(e as CustomEvent).detail.hint}` : ''}`,
      ),
    );
    const started = Date.now();
    expect(await push.enable()).to.equal('error');
    expect(Date.now() - started).to.be.within(700, 5000);
    expect(push.error!.code).to.equal('push_service_error');
    expect(seen.slice(0, 2)).to.deep.equal(['subscribing', 'subscribing/slow']);
    push.dispose();
  });

  it('the card says it is still trying after about 3 s (the defaults)', async () => {
    const el = await mount(project, 'alice', {
      channelId: project.channelId,
      vapidPublicKey: project.vapidPublicKey,
      serviceWorkerScope: scope.path,
    });
    await ready(el);
    await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed');
    const clicked = Date.now();
    (sw(el, '[part~=push-button]') as HTMLButtonElement).click();
    await waitUntil(
      () => sw(el, '[part~=push]')!.textContent!.includes('Still trying'),
      'no "still trying"',
      { timeout: 8000 },
    );
    expect(Date.now() - clicked).to.be.within(2500, 7000);
    await expect(el).to.be.accessible();
    el.remove();
  });
});
