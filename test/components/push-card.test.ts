import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { NotiflowsPreferences } from '../../src/index.js';
import { command, createProject, itPush, type Project, usePushScope } from '../helpers.js';
import { idbRegistrationStorage } from '../../src/push/registration-store.js';
import { mount, ready, sw, switchNamed, text } from './element-helpers.js';

describe('<notiflows-preferences> push card', function () {
  this.timeout(60_000);
  let project: Project;

  const mountWithPush = (extra: Partial<NotiflowsPreferences> = {}) =>
    mount(project, 'alice', {
      channelId: project.channelId,
      vapidPublicKey: project.vapidPublicKey,
      serviceWorkerScope: scope.path,
      ...extra,
    });
  const card = (el: NotiflowsPreferences) => sw(el, '[part~=push]')!;
  const button = (el: NotiflowsPreferences) =>
    sw(el, '[part~=push-button]') as HTMLButtonElement | null;

  /** Mounts with push, waits for `state`, checks the card's words, its button and axe. */
  async function showsState(state: string, words: string, buttonText: string | null) {
    const el = await mountWithPush();
    await ready(el);
    await waitUntil(() => el.pushState === state, `not ${state} (is ${el.pushState})`);
    await el.updateComplete;
    expect(card(el).textContent).to.include(words);
    expect(button(el)?.textContent?.trim() ?? null).to.equal(buttonText);
    await expect(el).to.be.accessible();
    return el;
  }

  before(() => command('grant-notifications'));
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(async () => {
    await project.dispose();
  });
  const scope = usePushScope('card');

  it('is absent without a channel id', async () => {
    const el = await mount(project);
    await ready(el);
    expect(sw(el, '[part~=push]')).to.equal(null);
  });

  it('push settings set after the user: the card comes, preferences are not fetched again', async () => {
    const el = await mount(project);
    await ready(el);
    let skeleton = false;
    const watch = setInterval(() => (skeleton ||= !!sw(el, '.skeleton')), 5);
    Object.assign(el, {
      channelId: project.channelId,
      vapidPublicKey: project.vapidPublicKey,
      serviceWorkerScope: scope.path,
    });
    await waitUntil(() => sw(el, '[part~=push]'), 'no push card');
    await waitUntil(() => el.pushState && el.pushState !== 'subscribing', 'no push state');
    clearInterval(watch);
    expect(skeleton, 'the panel went back to its skeleton').to.equal(false);
    const gets = (await project.requests()).filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.path)).to.deep.equal(['/user/v1/preferences']);
  });

  it('a fresh key for the same user set together with the push settings is the one used', async () => {
    const el = await fixture<NotiflowsPreferences>(
      html`<notiflows-preferences
        api-key=${project.apiKey}
        api-url=${project.apiUrl}
        user-key=${await project.sign('alice', { expiresIn: 2 })}
        locale="en"
      ></notiflows-preferences>`,
    );
    await ready(el);
    Object.assign(el, {
      userKey: await project.sign('alice'),
      channelId: project.channelId,
      vapidPublicKey: project.vapidPublicKey,
      serviceWorkerScope: scope.path,
    });
    await waitUntil(() => sw(el, '[part~=push]'), 'no push card');
    await new Promise((r) => setTimeout(r, 2500)); // the first key has expired by now
    const saved = new Promise((resolve, reject) => {
      el.addEventListener('notiflows-save', resolve, { once: true });
      el.addEventListener('notiflows-error', (e) => reject(e.detail.error), { once: true });
    });
    switchNamed(el, 'Email — all notifications').click();
    await saved;
  });

  itPush(
    'enable from the button → subscribed → disable; events and the server agree; accessible at each step',
    async () => {
      const el = await mountWithPush();
      await ready(el);
      await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed');
      await expect(el).to.be.accessible();
      const changes: string[] = [];
      el.addEventListener('notiflows-push-change', (e) =>
        changes.push(`${e.detail.previous}→${e.detail.state}`),
      );
      button(el)!.click();
      await waitUntil(() => el.pushState === 'subscribed', 'not subscribed', { timeout: 20_000 });
      await el.updateComplete;
      expect(changes).to.deep.equal(['unsubscribed→subscribing', 'subscribing→subscribed']);
      expect(text(el)).to.include('This browser is registered');
      expect(button(el)!.textContent!.trim()).to.equal('Turn off on this device');
      await expect(el).to.be.accessible();
      const subs = (await project.snapshot()).users.find(
        (u) => u.external_id === 'alice',
      )!.subscriptions;
      expect(subs).to.have.length(1);
      button(el)!.click();
      await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed again', {
        timeout: 10_000,
      });
      expect(
        (await project.snapshot()).users.find((u) => u.external_id === 'alice')!.subscriptions,
      ).to.deep.equal([]);
    },
  );

  itPush(
    'a test notification, shown by the worker in the panel’s language, says what it checks; accessible',
    async () => {
      const el = await mountWithPush({ locale: 'fr' });
      await ready(el);
      await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed');
      expect(sw(el, '[part~=push-test]'), 'a test before subscribing').to.equal(null);
      expect(await el.enablePush()).to.equal('subscribed');
      await el.updateComplete;
      const reg = (await navigator.serviceWorker.getRegistration(scope.url))!;
      for (const n of await reg.getNotifications()) n.close();
      (sw(el, '[part~=push-test]') as HTMLButtonElement).click();
      await waitUntil(
        async () => (await reg.getNotifications({ tag: 'notiflows-test' })).length === 1,
        'no test notification shown',
      );
      const [shown] = await reg.getNotifications({ tag: 'notiflows-test' });
      expect([shown.title, shown.body]).to.deep.equal([
        'Notification de test',
        'Les notifications de ce site s’afficheront ainsi.',
      ]);
      expect(
        (shown.data as { notiflows?: number }).notiflows,
        'clicks routed by our worker',
      ).to.equal(1);
      shown.close();
      await el.updateComplete;
      expect(card(el).textContent).to.include('cela ne teste pas l’envoi');
      expect(card(el).textContent).to.include('Ne pas déranger');
      await expect(el).to.be.accessible();
    },
  );

  itPush(
    "stores the worker's fallback text in the panel's language, and follows a change of locale",
    async () => {
      const record = () => idbRegistrationStorage.read(scope.url);
      const el = await mountWithPush({ locale: 'fr' });
      await ready(el);
      await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed');
      await waitUntil(() => text(el).includes('Canaux'), 'French not loaded');
      button(el)!.click();
      await waitUntil(() => el.pushState === 'subscribed', 'not subscribed', { timeout: 20_000 });
      expect((await record())?.fallback).to.deep.equal({
        title: 'Nouvelle notification',
        body: 'Ouvrez pour voir les nouveautés.',
      });
      // The next page in French: the record never goes English in between.
      el.remove();
      const written: unknown[] = [];
      const write = idbRegistrationStorage.write;
      idbRegistrationStorage.write = (scopeUrl, rec) => {
        written.push(rec?.fallback);
        return write(scopeUrl, rec);
      };
      try {
        const next = await mountWithPush({ locale: 'fr' });
        await waitUntil(() => next.pushState === 'subscribed', 'not subscribed after reload');
        await waitUntil(() => text(next).includes('Canaux'), 'French not loaded');
        await next.updateComplete;
        expect((await record())?.fallback?.title).to.equal('Nouvelle notification');
        // (a new user key may be stored; never with the English text)
        expect(
          written.filter((f) => (f as { title?: string })?.title !== 'Nouvelle notification'),
        ).to.deep.equal([]);
        next.locale = 'en';
        await waitUntil(
          async () => (await record())?.fallback?.title === 'New notification',
          'the stored fallback text did not follow the locale',
        );
        expect(next.pushState).to.equal('subscribed');
      } finally {
        idbRegistrationStorage.write = write;
      }
    },
  );

  it('explains that push is off for the account when web_push is off', async () => {
    const el = await mountWithPush();
    await ready(el);
    switchNamed(el, 'Browser push — all notifications').click();
    // Said once this browser's state is known ("Checking this browser…" until then).
    await waitUntil(
      () => card(el).textContent!.includes('Browser push is turned off for your account'),
      `not said: ${card(el).textContent}`,
    );
    await expect(el).to.be.accessible();
  });

  itPush('a 404 worker: error state with a readable, typed error', async () => {
    const el = await mountWithPush({ serviceWorkerUrl: '/missing-sw.js' });
    await ready(el);
    const errors: string[] = [];
    el.addEventListener('notiflows-error', (e) => errors.push(e.detail.error.code));
    button(el)!.click();
    await waitUntil(() => el.pushState === 'error', 'no error state');
    await el.updateComplete;
    expect(errors).to.include('service_worker_failed');
    expect(card(el).textContent).to.include('not set up correctly');
    await expect(el).to.be.accessible();
  });

  itPush('subscribing: the button is disabled while it works; accessible', async () => {
    const el = await mountWithPush();
    await ready(el);
    await waitUntil(() => el.pushState === 'unsubscribed', 'not unsubscribed');
    await project.fail({ method: 'POST', delay: 2000 });
    button(el)!.click();
    await waitUntil(() => el.pushState === 'subscribing', 'not subscribing');
    await el.updateComplete;
    expect(button(el)!.disabled).to.equal(true);
    expect(card(el).textContent).to.include('Turning on…');
    await expect(el).to.be.accessible();
    await waitUntil(() => el.pushState === 'subscribed', 'not subscribed', { timeout: 20_000 });
  });

  it('unsupported: says so, offers no button; accessible (in WebKitGTK, which has no Push API, for real)', async () => {
    const saved = Object.getOwnPropertyDescriptor(window, 'PushManager');
    if (saved) delete (window as { PushManager?: unknown }).PushManager;
    try {
      const el = await showsState('unsupported', 'can’t receive push notifications', null);
      expect(await el.enablePush()).to.equal('error');
      // Still a browser that cannot push: no "Your devices" (nor its code) after the error.
      await new Promise((r) => setTimeout(r, 300));
      await el.updateComplete;
      const devices = card(el).querySelector('[aria-controls=devices-panel]');
      expect(!!devices, '"Your devices" shown').to.equal(false);
    } finally {
      if (saved) Object.defineProperty(window, 'PushManager', saved);
    }
  });

  it('ios-needs-install: the Add to Home Screen steps; accessible', async () => {
    Object.defineProperty(navigator, 'userAgent', {
      configurable: true,
      get: () =>
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    });
    try {
      await showsState('ios-needs-install', 'Add to Home Screen', null);
    } finally {
      delete (navigator as { userAgent?: string }).userAgent;
    }
  });

  itPush('prompt: permission not asked yet; accessible', async () => {
    await command('reset-permissions');
    try {
      await showsState('prompt', 'even when this site is closed', 'Enable notifications');
    } finally {
      await command('grant-notifications');
    }
  });

  itPush('denied: unblock instructions, no button', async () => {
    await command('deny-notifications');
    try {
      await showsState('denied', 'Notifications are blocked', null);
    } finally {
      await command('grant-notifications');
    }
  });
});
