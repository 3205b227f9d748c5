import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { deviceName } from '../../src/headless.js';
import { toDevices } from '../../src/push/devices.js';
import type { NotiflowsPreferences, NotiflowsPush } from '../../src/index.js';
import {
  command,
  createProject,
  describePush,
  type Project,
  pushSubscriberFor,
  usePushScope,
} from '../helpers.js';
import { mount, ready, sw } from './element-helpers.js';

const FCM = 'https://fcm.googleapis.com/fcm/send/dGVzdC1mY20';
const MOZILLA = 'https://updates.push.services.mozilla.com/wpush/v2/gAAAAABtest';

describe('deviceName', () => {
  it('names each push service after its browser, else its host', () => {
    expect(deviceName(FCM)).to.equal('Chrome');
    expect(deviceName('https://android.googleapis.com/gcm/send/x')).to.equal('Chrome');
    expect(deviceName(MOZILLA)).to.equal('Firefox');
    expect(deviceName('https://web.push.apple.com/QGx')).to.equal('Safari');
    expect(deviceName('https://wns2-par02p.notify.windows.com/w/?token=x')).to.equal('Edge');
    expect(deviceName('https://push.example.test/abc')).to.equal('push.example.test');
    expect(deviceName('https://evilfcm.googleapis.com.example/x')).to.equal(
      'evilfcm.googleapis.com.example',
    );
    expect(deviceName('not a url')).to.equal('not a url');
  });

  it('lists newest first and marks this browser', () => {
    const sub = (identifier: string, created_at: string) => ({
      id: identifier,
      channel_id: 'c',
      identifier,
      settings: { endpoint: identifier, p256dh: '', auth: '' },
      created_at,
      updated_at: created_at,
    });
    const devices = toDevices(
      [sub(FCM, '2026-10-01T00:00:00Z'), sub(MOZILLA, '2026-11-03T00:00:00Z')],
      FCM,
    );
    expect(devices.map((d) => [d.name, d.current])).to.deep.equal([
      ['Firefox', false],
      ['Chrome', true],
    ]);
  });

  it('names a device from its identifier when the server sends an endpoint that is not text', () => {
    const spoof = { ['_$litType$']: 1, strings: ['<img src=x>'], values: [] };
    const [device] = toDevices([
      {
        id: 'x',
        channel_id: 'c',
        identifier: FCM,
        settings: { endpoint: spoof as never, p256dh: '', auth: '' },
        created_at: '2026-10-01T00:00:00Z',
        updated_at: '2026-10-01T00:00:00Z',
      },
    ]);
    expect(device!.name).to.equal('Chrome'); // text, rendered as text
  });

  it('a creation date that is not text sorts and shows as unknown instead of throwing', () => {
    const odd = { toString: 1, valueOf: 1 }; // JSON can send it; Date.parse(odd) throws
    const devices = toDevices([
      {
        id: 'x',
        channel_id: 'c',
        identifier: FCM,
        settings: { endpoint: FCM, p256dh: '', auth: '' },
        created_at: odd as never,
        updated_at: '',
      },
      {
        id: 'y',
        channel_id: 'c',
        identifier: MOZILLA,
        settings: { endpoint: MOZILLA, p256dh: '', auth: '' },
        created_at: '2026-10-01T00:00:00Z',
        updated_at: '',
      },
    ]);
    expect(devices.map((d) => [d.name, typeof d.createdAt])).to.deep.equal([
      ['Firefox', 'string'],
      ['Chrome', 'string'],
    ]);
  });
});

// WebKitGTK's MiniBrowser has no Push API: these need a real subscription (its `unsupported` state is tested in push-card.test.ts).
describePush('your devices, in <notiflows-preferences> and <notiflows-push devices>', function () {
  this.timeout(60_000);
  let project: Project;
  const mountWithPush = () =>
    mount(project, 'alice', {
      channelId: project.channelId,
      vapidPublicKey: project.vapidPublicKey,
      serviceWorkerScope: scope.path,
    });
  /** The push card alone, with "Your devices": rendered by our small renderer, not lit-html. */
  const mountPushElement = async () =>
    fixture<NotiflowsPush>(
      html`<notiflows-push
        devices
        api-key=${project.apiKey}
        api-url=${project.apiUrl}
        user-key=${await project.sign('alice')}
        channel-id=${project.channelId}
        vapid-public-key=${project.vapidPublicKey}
        sw-scope=${scope.path}
        locale="en"
      ></notiflows-push>`,
    );
  type WithDevices = NotiflowsPreferences | NotiflowsPush;
  const toggle = (el: WithDevices) => sw(el, '[aria-controls=devices-panel]') as HTMLButtonElement;
  const items = (el: WithDevices) => [
    ...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~=device]'),
  ];
  const names = (el: WithDevices) =>
    items(el).map((i) => i.querySelector('.device-name')!.textContent!.trim());
  const listCalls = async () =>
    (await project.requests())
      .filter((r) => r.path.endsWith('/subscriptions'))
      .map((r) => `${r.method} ${r.status}`);
  // The card shows "Your devices" once this browser has been checked (after the preferences, at times).
  const toggleShown = (el: WithDevices) =>
    waitUntil(() => toggle(el), 'no "Your devices" toggle: push not checked');
  const open = async (el: WithDevices, count: number) => {
    await toggleShown(el);
    toggle(el).click();
    await waitUntil(
      () => items(el).length === count,
      `expected ${count} devices, saw ${items(el).length}`,
    );
  };
  const enabled = async (element: 'panel' | 'push' = 'panel') => {
    const el = element === 'panel' ? await mountWithPush() : await mountPushElement();
    if (element === 'panel') await ready(el as NotiflowsPreferences);
    await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed');
    expect(await el.enablePush()).to.equal('subscribed');
    await toggleShown(el); // "Your devices" is a part of its own: it may still be loading
    return el;
  };

  before(() => command('grant-notifications'));
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(async () => {
    await project.dispose();
  });
  const scope = usePushScope('devices');

  for (const element of ['panel', 'push'] as const)
    it(`${element}: this browser and two others: named, newest first, this one marked; removing one asks inside the item, DELETEs, and the list shrinks`, async () => {
      await project.seedDevice('alice', FCM, '2026-11-03T10:00:00Z');
      await project.seedDevice('alice', MOZILLA, '2026-10-01T10:00:00Z');
      const el = await enabled(element);
      expect(await listCalls()).to.deep.equal(['POST 201']); // the list costs nothing until opened
      expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
      await open(el, 3);
      expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
      expect(names(el).slice(1)).to.deep.equal(['Chrome', 'Firefox']);
      const [current, chrome, firefox] = items(el);
      expect(current.getAttribute('part')).to.equal('device current');
      // devicesStyles, added to the element's own when devices-list.ts loaded
      expect(getComputedStyle(current).display).to.equal('flex');
      expect(current.textContent).to.include('This browser');
      expect(current.querySelector('[part~=device-remove]')).to.equal(null);
      expect(chrome.textContent).to.include('added Nov 3, 2026');
      await expect(el).to.be.accessible();

      const remove = firefox.querySelector<HTMLButtonElement>('[part~=device-remove]')!;
      expect(remove.getAttribute('aria-label')).to.equal('Remove Firefox, added Oct 1, 2026');
      remove.click();
      await waitUntil(
        () => el.shadowRoot!.activeElement?.classList.contains('danger'),
        'focus did not move to the confirmation',
      );
      expect(items(el)[2].textContent).to.include('Stop sending notifications to Firefox?');
      await expect(el).to.be.accessible();
      items(el)[2].querySelector<HTMLButtonElement>('button.danger[part~=device-remove]')!.click();
      await waitUntil(() => items(el).length === 2, 'the list did not shrink');
      await waitUntil(
        () => el.shadowRoot!.activeElement === toggle(el),
        'focus was lost with the removed item',
      );
      expect(names(el).slice(1)).to.deep.equal(['Chrome']);
      const subs = (await project.snapshot()).users
        .find((u) => u.external_id === 'alice')!
        .subscriptions.map((s) => s.identifier);
      expect(subs).not.to.include(MOZILLA);
      expect(subs).to.include(FCM);
      expect((await listCalls()).slice(-2)).to.deep.equal(['GET 200', 'DELETE 204']);
      expect(sw(el, '[role=status]')!.textContent).to.include('Firefox removed');
    });

  it('cancel keeps the device; a failed removal shows the error with Retry, and Retry removes it', async () => {
    await project.seedDevice('alice', FCM, '2026-11-03T10:00:00Z');
    const el = await mountWithPush();
    await ready(el);
    await open(el, 1);
    items(el)[0].querySelector<HTMLButtonElement>('[part~=device-remove]')!.click();
    await el.updateComplete;
    [...items(el)[0].querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Cancel')!
      .click();
    await el.updateComplete;
    expect(items(el)[0].textContent).not.to.include('Stop sending');
    items(el)[0].querySelector<HTMLButtonElement>('[part~=device-remove]')!.click();
    await el.updateComplete;
    await project.fail({ status: 403, method: 'DELETE' });
    items(el)[0].querySelector<HTMLButtonElement>('button.danger')!.click();
    await waitUntil(() => !!items(el)[0].querySelector('[part~=error]'), 'no error shown');
    const retry = items(el)[0].querySelector<HTMLButtonElement>('button.danger')!;
    expect(retry.textContent!.trim()).to.equal('Retry');
    await waitUntil(() => el.shadowRoot!.activeElement === retry, 'focus was lost on the failure');
    await expect(el).to.be.accessible();
    retry.click();
    await waitUntil(() => items(el).length === 0, 'not removed on retry');
    expect(el.shadowRoot!.textContent).to.include('No browser receives your notifications.');
  });

  it('more than three: the first three, then "Show all (N)"', async () => {
    for (let i = 0; i < 5; i++)
      await project.seedDevice(
        'alice',
        `https://push.example.test/${i}`,
        `2026-0${i + 1}-01T00:00:00Z`,
      );
    const el = await mountWithPush();
    await ready(el);
    await open(el, 3);
    const more = [
      ...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.devices button.link'),
    ].find((b) => b.textContent!.includes('Show all'))!;
    expect(more.textContent!.trim()).to.equal('Show all (5)');
    more.click();
    await waitUntil(() => items(el).length === 5, 'not all shown');
    await waitUntil(
      () => el.shadowRoot!.activeElement === items(el)[3].querySelector('button'),
      'focus did not move to the first newly shown device',
    );
    expect(names(el)).to.deep.equal(Array(5).fill('push.example.test'));
  });

  it('a list that cannot load says so, with Retry', async () => {
    const el = await mountWithPush();
    await ready(el);
    await project.fail({ status: 403, method: 'GET', path: '/subscriptions' });
    await toggleShown(el);
    toggle(el).click();
    await waitUntil(() => !!sw(el, '#devices-panel [part~=error]'), 'no error');
    (sw(el, '#devices-panel [part~=error] button') as HTMLButtonElement).click();
    await waitUntil(
      () => el.shadowRoot!.textContent!.includes('No browser receives your notifications.'),
      'retry did not load',
    );
  });

  it('headless: listDevices() and removeDevice()', async () => {
    await project.seedDevice('alice', MOZILLA, '2026-10-01T10:00:00Z');
    const push = await pushSubscriberFor(project, scope.path);
    expect(await push.enable()).to.equal('subscribed');
    const devices = await push.listDevices();
    expect(devices.map((d) => [d.name, d.current])).to.deep.include(['Firefox', false]);
    expect(devices.filter((d) => d.current)).to.have.length(1);
    await push.removeDevice(MOZILLA);
    expect((await push.listDevices()).map((d) => d.identifier)).not.to.include(MOZILLA);
    await push.removeDevice(devices.find((d) => d.current)!.identifier); // this browser: like disable()
    expect(push.state).to.equal('unsubscribed');
    expect(await push.listDevices()).to.deep.equal([]);
    push.dispose();
  });
});
