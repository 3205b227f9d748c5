import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.js';
import { fr } from '../../src/i18n/fr.js';
import type { NotiflowsPreferences, NotiflowsPush } from '../../src/index.js';
import {
  command,
  createProject,
  describePush,
  itPush,
  type Project,
  usePushScope,
  WEB_PUSH_CHANNEL,
} from '../helpers.js';
import { frameWith, ready } from './element-helpers.js';
import { idbRegistrationStorage } from '../../src/push/registration-store.js';
import { NotiflowsError } from '../../src/api/errors.js';
import { enPush } from '../../src/i18n/en/push.js';

const part = (el: Element, name: string) =>
  el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~=${name}]`);
const posts = async (project: Project) =>
  (await project.requests()).filter(
    (r) => r.method === 'POST' && r.path.endsWith('/subscriptions'),
  );

describe('<notiflows-push>', function () {
  this.timeout(60_000);
  let project: Project;
  before(() => command('grant-notifications'));
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(() => project.dispose());
  const scope = usePushScope('push-el');

  /** The element configured for `user` (null: no user, a signed-out visitor), then `attrs`. */
  const pushEl = async (user: string | null = 'alice', attrs: Partial<NotiflowsPush> = {}) => {
    const el = await fixture<NotiflowsPush>(
      html`<notiflows-push
        api-key=${project.apiKey}
        api-url=${project.apiUrl}
        user-key=${ifDefined(user === null ? undefined : await project.sign(user))}
        channel-id=${project.channelId}
        vapid-public-key=${project.vapidPublicKey}
        sw-scope=${scope.path}
        locale="en"
      ></notiflows-push>`,
    );
    Object.assign(el, attrs);
    return el;
  };

  it('the card has its own surface: a dark card reads on a light page', async () => {
    document.body.style.background = '#fff';
    try {
      const el = await pushEl('alice', { theme: 'dark' });
      await waitUntil(() => part(el, 'push'), 'no card');
      const card = getComputedStyle(part(el, 'push')!);
      expect(card.backgroundColor).to.equal('rgb(28, 31, 36)'); // --notiflows-dark-color-surface
    } finally {
      document.body.style.background = '';
    }
  });

  /** `<notiflows-push>` alone in an `about:srcdoc` frame (a preview, an editor), and the frame. */
  const srcdocPush = async () => {
    const frame = await frameWith(`<script type="module">import '/src/push.ts';</script>
      <notiflows-push api-key="${project.apiKey}" api-url="${project.apiUrl}"
        user-key="${await project.sign('alice')}" channel-id="${project.channelId}"
        vapid-public-key="${project.vapidPublicKey}" sw-scope="${scope.path}" locale="en"></notiflows-push>`);
    const el = frame.contentDocument!.querySelector<NotiflowsPush>('notiflows-push')!;
    // Its URLs resolve against the document's base (the page's), not `about:srcdoc`.
    await waitUntil(() => el.pushState !== undefined, 'not checked in a srcdoc frame', {
      timeout: 10_000,
    });
    return { frame, el };
  };

  it('in an about:srcdoc frame (a preview, an editor) it checks this browser as on its own page', async () => {
    const { frame, el } = await srcdocPush();
    try {
      expect(!!part(el, 'push') && !part(el, 'error')).to.equal(true);
    } finally {
      frame.remove();
    }
  });

  itPush(
    'subscribed from an about:srcdoc frame, a notification without a URL opens the site root',
    async () => {
      const { frame, el } = await srcdocPush();
      try {
        expect(await el.enablePush()).to.equal('subscribed');
        const record = await idbRegistrationStorage.read(new URL(scope.path, location.href).href);
        expect(record?.defaultUrl).to.equal(`${location.origin}/`); // not "null/": the frame's location.origin
      } finally {
        frame.remove();
      }
    },
  );

  it('an error code the server made up, even `constructor`, reads as the generic sentence', async () => {
    const el = await pushEl();
    const errorText = (code: string) =>
      (el as unknown as { errorText(e: NotiflowsError): unknown }).errorText(
        new NotiflowsError(code, 'from the server'),
      );
    // Codes are passed through from the server; an object's own keys are not sentences.
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'conflict'])
      expect(errorText(code) === enPush.error.other, code).to.equal(true); // chai would format an object
    expect(errorText('network_error')).to.equal(enPush.error.network_error);
  });

  it('a key provider that never answers: the card leaves "Checking" with a state', async function () {
    this.timeout(40_000);
    const el = await pushEl(null, {
      userKeyProvider: () => new Promise<string>(() => undefined),
    });
    await waitUntil(() => el.pushState !== undefined, 'still checking', { timeout: 35_000 });
    await el.updateComplete;
    expect(part(el, 'push')!.textContent).to.not.include('Checking this browser');
  });

  it('a misconfigured element says so instead of staying blank: no channel id', async () => {
    const errors: string[] = [];
    const el = await fixture<NotiflowsPush>(
      html`<notiflows-push
        api-key=${project.apiKey}
        api-url=${project.apiUrl}
        user-key=${await project.sign('alice')}
        @notiflows-error=${(e: CustomEvent) => errors.push(e.detail.error.code)}
      ></notiflows-push>`,
    );
    const error = console.error;
    console.error = () => undefined;
    try {
      await waitUntil(() => part(el, 'error'), 'no error shown', { timeout: 8_000 });
    } finally {
      console.error = error;
    }
    expect(errors).to.deep.equal(['invalid_config']);
    expect(part(el, 'push')).to.equal(null);
    expect((await project.requests()).length).to.equal(0);
  });

  it('without a user (a signed-out visitor): nothing shown, no error, no request; a user later brings the card', async () => {
    const errors: string[] = [];
    const el = await pushEl(null);
    el.addEventListener('notiflows-error', (e) => errors.push(e.detail.error.code));
    await new Promise((r) => setTimeout(r, 4_500)); // past the grace a missing setting gets
    expect(el.shadowRoot!.textContent!.trim()).to.equal('');
    expect(errors).to.deep.equal([]);
    expect((await project.requests()).length).to.equal(0);
    el.userKey = await project.sign('alice');
    await waitUntil(() => part(el, 'push'), 'no card once the user is set');
  });

  describePush('with push', () => {
    it('is the push card alone: Enable registers this browser with one POST, axe clean', async () => {
      const el = await pushEl();
      await waitUntil(() => el.pushState === 'unsubscribed' || el.pushState === 'prompt');
      await el.updateComplete;
      expect(part(el, 'push')).to.not.equal(null);
      expect(el.shadowRoot!.querySelector('[role=switch]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('[aria-controls=devices-panel]')).to.equal(null);
      await expect(el).to.be.accessible();
      part(el, 'push-button')!.click();
      await waitUntil(() => el.pushState === 'subscribed', `not subscribed: ${el.pushState}`, {
        timeout: 20_000,
      });
      await el.updateComplete;
      expect(part(el, 'push-button')!.textContent).to.include('Turn off');
      expect(part(el, 'push-test')).to.not.equal(null);
      // Said in the live region, as the button that was pressed is gone.
      expect(part(el, 'status')!.textContent).to.include('This browser is registered');
      await expect(el).to.be.accessible();
      expect(await posts(project)).to.have.length(1);
    });

    it('a subscribed browser never shows Enable while it is being checked', async () => {
      const first = await pushEl();
      await waitUntil(() => first.pushState === 'unsubscribed' || first.pushState === 'prompt');
      await first.enablePush();
      first.remove();
      const seen = new Set<string>();
      const events: string[] = [];
      const onChange = (e: Event) => {
        const { previous, state } = (e as CustomEvent).detail;
        events.push(`${previous}→${state}`);
      };
      document.addEventListener('notiflows-push-change', onChange);
      const again = await pushEl();
      const watch = setInterval(() => {
        const button = part(again, 'push-button');
        if (button) seen.add(button.textContent!.trim());
      }, 2);
      await waitUntil(() => again.pushState === 'subscribed' && part(again, 'push-button'));
      await new Promise((r) => setTimeout(r, 100));
      clearInterval(watch);
      document.removeEventListener('notiflows-push-change', onChange);
      expect([...seen]).to.deep.equal(['Turn off on this device']);
      expect(events, 'the first state is told once checked').to.deep.equal([
        'undefined→subscribed',
      ]);
    });

    it('a normal load of a subscribed browser makes no request', async () => {
      const first = await pushEl();
      await waitUntil(() => first.pushState === 'unsubscribed' || first.pushState === 'prompt');
      await first.enablePush();
      expect(first.pushState).to.equal('subscribed');
      first.remove();
      const before = (await project.requests()).length;
      const again = await pushEl();
      await waitUntil(() => again.pushState === 'subscribed', `not subscribed: ${again.pushState}`);
      await new Promise((r) => setTimeout(r, 300));
      expect((await project.requests()).length - before).to.equal(0);
    });

    it('`devices` shows "Your devices" with this browser marked', async () => {
      const el = await pushEl('alice', { devices: true });
      await waitUntil(() => el.pushState === 'unsubscribed' || el.pushState === 'prompt');
      await el.enablePush();
      await el.updateComplete;
      const toggle = () =>
        el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-controls=devices-panel]');
      await waitUntil(toggle, 'no "Your devices" toggle');
      toggle()!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('[part~=current]'), 'no current device');
      await expect(el).to.be.accessible();
    });

    it('"Your devices" brings its strings with its part, in the element\'s locale', async () => {
      const el = await pushEl('alice', { devices: true, locale: 'fr' });
      const toggle = () =>
        el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-controls=devices-panel]');
      await waitUntil(toggle, 'no "Your devices" toggle');
      expect(toggle()!.textContent!.trim()).to.equal(fr.devicesHeading);
      toggle()!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('#devices-panel')!.textContent!.trim());
      expect(el.shadowRoot!.querySelector('#devices-panel')!.textContent).to.not.include(
        'undefined',
      );
    });

    it('a panel and two push elements on one page share one subscriber: one POST, one state', async () => {
      const key = await project.sign('alice');
      const attrs = {
        'api-key': project.apiKey,
        'api-url': project.apiUrl,
        'user-key': key,
        'channel-id': WEB_PUSH_CHANNEL,
        'vapid-public-key': project.vapidPublicKey,
        'sw-scope': scope.path,
        locale: 'en',
      };
      const wrap = await fixture<HTMLElement>(html`<div></div>`);
      const [panel, a, b] = (
        ['notiflows-preferences', 'notiflows-push', 'notiflows-push'] as const
      ).map((tag) => {
        const el = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        wrap.append(el);
        return el;
      }) as [NotiflowsPreferences, NotiflowsPush, NotiflowsPush];
      await ready(panel);
      await waitUntil(() => a.pushState === 'unsubscribed' || a.pushState === 'prompt');
      const changes: string[] = [];
      b.addEventListener('notiflows-push-change', (e) => changes.push(e.detail.state));
      part(a, 'push-button')!.click();
      await waitUntil(() => b.pushState === 'subscribed', `b is ${b.pushState}`, {
        timeout: 20_000,
      });
      await Promise.all([panel.updateComplete, b.updateComplete]);
      expect(panel.pushState).to.equal('subscribed');
      expect(part(b, 'push-button')!.textContent).to.include('Turn off');
      expect(changes).to.deep.equal(['subscribing', 'subscribed']);
      expect(await posts(project)).to.have.length(1);
      // One element going away leaves the subscriber to the others: B's Turn off still works.
      a.remove();
      part(b, 'push-button')!.click();
      await waitUntil(() => panel.pushState === 'unsubscribed', `panel is ${panel.pushState}`);
      const deletes = (await project.requests()).filter((r) => r.method === 'DELETE');
      expect(deletes).to.have.length(1);
    });
  });
});
