import { expect, waitUntil } from '@open-wc/testing';
import { NotiflowsError } from '../../src/api/errors.js';
import { de } from '../../src/i18n/de.js';
import { enPush } from '../../src/i18n/en/push.js';
import { es } from '../../src/i18n/es.js';
import { fr } from '../../src/i18n/fr.js';
import type { Strings } from '../../src/i18n/localize.js';
import { lazy } from '../../src/internal/lazy.js';
import { idbRegistrationStorage } from '../../src/push/registration-store.js';
import type { NotiflowsPush } from '../../src/components/notiflows-push.js';
import {
  command,
  createProject,
  hasPush,
  isFirefox,
  itPush,
  pushSubscriberFor,
  usePushScope,
  type Project,
} from '../helpers.js';

// What a page loads only on first use (src/internal/lazy.ts): the part that subscribes and
// sends (push-work) with the request code (api/requests, transport, shapes), "Your devices"
// (devices-list), the sign-out of an element without a push subscriber (push/sign-out), what
// loads another locale (i18n/load-strings, with packed and the locale file). Each page here is
// an iframe: a module map of its own, so what it fetched is what its load needed.
const LAZY =
  /push-work|devices-list|push\/sign-out|\/api\/(requests|transport|shapes)\.|\/i18n\/(load-strings|packed|import-locale|fr|de|es)\./;

/** An element's strings so far (protected `text`). */
const textOf = (el: Element) => (el as unknown as { text: Strings }).text;

describe('parts loaded on first use', function () {
  this.timeout(60_000);

  it('a part that does not load is a network_error, tried again on the next call', async () => {
    let calls = 0;
    const load = lazy(
      () =>
        ++calls === 1
          ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
          : Promise.resolve('loaded'),
      'test/part',
    );
    const error = await load().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(NotiflowsError).with.property('code', 'network_error');
    expect(await load()).to.equal('loaded');
    expect(await load()).to.equal('loaded');
    expect(calls).to.equal(2);
  });

  it('offline, a part is not even tried (Firefox would remember the failure for good)', async () => {
    let calls = 0;
    const load = lazy(() => Promise.resolve(++calls), 'test/offline');
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    try {
      const error = await load().catch((e: unknown) => e);
      expect(error).to.be.instanceOf(NotiflowsError).with.property('code', 'network_error');
      expect(calls).to.equal(0);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine; // the prototype's getter again
    }
    expect(await load()).to.equal(1);
  });

  // The cases that need no Push API (the locales, a browser without it) run in WebKit too.
  describe('<notiflows-push> on a page of its own', () => {
    let project: Project;
    before(() => command('grant-notifications'));
    beforeEach(async () => {
      project = await createProject();
    });
    afterEach(async () => {
      await command('fail-requests', null);
      document.querySelectorAll('iframe').forEach((frame) => frame.remove());
      await project.dispose();
    });
    const scope = usePushScope('lazy');

    /** A page with only `import '@notiflows/web-push/push'` and the element (test/fixtures/push-only.html), for alice, once checked. */
    async function pushPage(devices = false, locale = 'en', signedIn = true, noPush = false) {
      const attributes = new URLSearchParams({
        'api-key': project.apiKey,
        'api-url': project.apiUrl,
        ...(signedIn ? { 'user-key': await project.sign('alice') } : {}),
        'channel-id': project.channelId,
        'vapid-public-key': project.vapidPublicKey,
        'sw-scope': scope.path,
        locale,
        ...(devices ? { devices: '' } : {}),
        ...(noPush ? { 'no-push': '' } : {}),
      });
      const frame = document.createElement('iframe');
      frame.src = `/test/fixtures/push-only.html?${attributes}`;
      document.body.append(frame);
      await new Promise((r) => frame.addEventListener('load', r, { once: true }));
      const el = frame.contentDocument!.querySelector('notiflows-push') as NotiflowsPush;
      if (signedIn)
        await waitUntil(() => el.pushState !== undefined, 'never checked', { timeout: 20_000 });
      const errors: string[] = [];
      el.addEventListener('notiflows-error', (e) =>
        errors.push((e as CustomEvent<{ error: NotiflowsError }>).detail.error.code),
      );
      const fetched = () =>
        frame
          .contentWindow!.performance.getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((url) => LAZY.test(url));
      // Ours only (Lit says it is in dev mode).
      const warnings = () =>
        (frame.contentWindow as unknown as { warnings: unknown[][] }).warnings.filter((w) =>
          String(w[0]).startsWith('[notiflows]'),
        );
      return { el, errors, fetched, warnings };
    }

    /** Alice subscribed on this browser, as an earlier visit left it. */
    async function subscribed() {
      const push = await pushSubscriberFor(project, scope.path);
      expect(await push.enable()).to.equal('subscribed');
      push.dispose();
    }

    itPush(
      'a subscribed browser: the normal load fetches none of them and makes no request',
      async () => {
        await subscribed();
        const requests = (await project.requests()).length;
        const { el, fetched } = await pushPage();
        expect(el.pushState).to.equal('subscribed');
        await new Promise((r) => setTimeout(r, 300)); // anything late would show now
        expect(fetched()).to.deep.equal([]);
        expect((await project.requests()).length).to.equal(requests);
      },
    );

    it('a French page loads the locale with its loader, and says it in French', async () => {
      const { el, fetched } = await pushPage(false, 'fr');
      await waitUntil(() => textOf(el).pushHeading === fr.pushHeading, 'not in French');
      expect(fetched().some((url) => url.includes('/i18n/load-strings.'))).to.equal(true);
      expect(fetched().some((url) => url.includes('/i18n/fr.'))).to.equal(true);
      expect(fetched().filter((url) => /push-work|devices-list|\/api\//.test(url))).to.deep.equal(
        [],
      );
    });

    it('a French page whose locale loader cannot load: English and one warning', async () => {
      await command('fail-requests', '*load-strings*');
      const { el, warnings } = await pushPage(false, 'fr');
      await waitUntil(() => warnings().length, 'no warning');
      await new Promise((r) => setTimeout(r, 300)); // a second one would show now
      expect(warnings(), 'one warning').to.have.length(1);
      expect(textOf(el).pushHeading).to.equal(enPush.pushHeading);
      expect(el.shadowRoot!.textContent).to.include(enPush.pushHeading);
    });

    it('a locale asked for offline: English and one warning, nothing tried; online, the next loads', async () => {
      const { el, fetched, warnings } = await pushPage();
      const { navigator } = el.ownerDocument.defaultView!;
      Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
      el.locale = 'fr';
      await waitUntil(() => warnings().length, 'no warning');
      await new Promise((r) => setTimeout(r, 300)); // a second one would show now
      expect(warnings(), 'one warning').to.have.length(1);
      expect(textOf(el).pushHeading).to.equal(enPush.pushHeading);
      expect(fetched()).to.deep.equal([]);
      delete (navigator as { onLine?: boolean }).onLine; // the prototype's getter: online
      el.locale = 'de';
      await waitUntil(() => textOf(el).pushHeading === de.pushHeading, 'not in German');
      expect(warnings()).to.have.length(1);
    });

    it('another locale asked for offline once the loader is there: not tried, so it loads online', async () => {
      const { el, fetched, warnings } = await pushPage(false, 'fr');
      await waitUntil(() => textOf(el).pushHeading === fr.pushHeading, 'not in French');
      const { navigator } = el.ownerDocument.defaultView!;
      Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
      el.locale = 'de';
      await waitUntil(() => warnings().length, 'no warning');
      expect(fetched().some((url) => url.includes('/de.'))).to.equal(false);
      delete (navigator as { onLine?: boolean }).onLine;
      el.locale = 'es';
      await waitUntil(() => textOf(el).pushHeading === es.pushHeading, 'not in Spanish');
    });

    itPush(
      'Enable when the part that subscribes cannot load: network_error shown, nothing subscribed',
      async () => {
        await command('fail-requests', '*push-work*');
        const { el, errors } = await pushPage();
        expect(el.pushState).to.equal('unsubscribed');
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=push-button]')!.click();
        await waitUntil(() => el.pushState === 'error', `state ${el.pushState}`);
        expect(errors).to.include('network_error');
        expect(el.shadowRoot!.querySelector('[part~=error]')?.textContent).to.include('offline');
        expect(await scope.endpoint()).to.equal(undefined);
      },
    );

    for (const part of ['push-work', 'api/requests'])
      itPush(
        `logout() offline, ${part} not loaded: this browser is still signed out here`,
        async () => {
          await subscribed();
          await command('fail-requests', `*${part}*`);
          const { el, errors } = await pushPage();
          expect(el.pushState).to.equal('subscribed');
          expect(await el.logout()).to.equal('unsubscribed');
          expect(await scope.endpoint()).to.equal(undefined); // the endpoint is dead
          expect(await idbRegistrationStorage.read(scope.url)).to.equal(undefined); // key copy gone
          expect(errors).to.include('network_error'); // the server DELETE could not be sent
        },
      );

    itPush(
      'logout() of a signed-out visitor, sign-out not loaded: the last user is still signed out here',
      async () => {
        await subscribed();
        await command('fail-requests', '*push/sign-out*');
        const { el, errors } = await pushPage(false, 'en', false); // no user: no push subscriber
        await el.updateComplete;
        expect(await el.logout()).to.equal(undefined);
        expect(await scope.endpoint()).to.equal(undefined); // unsubscribed: the endpoint is dead
        expect(await idbRegistrationStorage.read(scope.url)).to.equal(undefined); // key copy gone
        expect(errors).to.deep.equal(['network_error']); // said, as the push subscriber says it
      },
    );

    // A page without the Push API (WebKitGTK's own; elsewhere the fixture removes it).
    it('no Push API: "Your devices" is never shown, so never loaded', async () => {
      const { el, fetched } = await pushPage(true, 'en', true, true);
      expect(el.pushState).to.equal('unsupported');
      await new Promise((r) => setTimeout(r, 300)); // a load would show now
      expect(fetched()).to.deep.equal([]);
      expect(
        !!el.shadowRoot!.querySelector('[aria-controls=devices-panel]'),
        'devices shown',
      ).to.equal(false);
    });

    itPush('"Your devices" whose code cannot load: an error with Retry in its place', async () => {
      await command('fail-requests', '*devices-list*');
      const { el } = await pushPage(true);
      const card = () => el.shadowRoot!.querySelector('[part~=push]')!;
      await waitUntil(() => card().querySelector('[part~=error] button'), 'no Retry');
      expect(card().querySelector('[part~=error]')!.textContent).to.include('offline');
    });

    // Firefox keeps a failed dynamic import for the page's life, so there a Retry fails again
    // until a reload (docs/size-and-speed.md); Chromium and WebKit fetch it again.
    (hasPush && !isFirefox ? it : it.skip)(
      '"Your devices" Retry, back online: loads it, once for a double click',
      async () => {
        await command('fail-requests', '*devices-list*');
        const { el } = await pushPage(true);
        const card = () => el.shadowRoot!.querySelector('[part~=push]')!;
        await waitUntil(() => card().querySelector('[part~=error] button'), 'no Retry');
        await command('fail-requests', null);
        let lists = 0; // each list adds its controller to the element
        const add = el.addController.bind(el);
        el.addController = (controller) => (lists++, add(controller));
        const retry = card().querySelector<HTMLButtonElement>('[part~=error] button')!;
        retry.click();
        retry.click();
        await waitUntil(() => card().querySelector('[aria-controls=devices-panel]'), 'no list');
        expect(lists, 'lists made').to.equal(1);
      },
    );
  });
});
