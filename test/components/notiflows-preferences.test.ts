import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NotiflowsPreferences } from '../../src/index.js';
import { CONFIG_GRACE_MS } from '../../src/components/notiflows-controller.js';
import { PreferencesStore } from '../../src/headless.js';
import { globalKey } from '../../src/preferences/keys.js';
import {
  clientFor,
  createProject,
  ORDER_UPDATES,
  WEEKLY_DIGEST,
  type Project,
} from '../helpers.js';
import { checked, mount, ready, sw, switchNamed, text } from './element-helpers.js';

describe('<notiflows-preferences>', function () {
  this.timeout(30_000);
  let project: Project;
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(() => project.dispose());

  const serverPrefs = async (user = 'alice') =>
    (await project.snapshot()).users.find((u) => u.external_id === user)!.preferences;
  const puts = async () => (await project.requests()).filter((r) => r.method === 'PUT');

  describe('states', () => {
    it('loading: a skeleton, busy, accessible', async () => {
      await project.fail({ delay: 1500 });
      const el = await mount(project);
      await waitUntil(() => sw(el, '.skeleton'), 'no skeleton');
      expect(sw(el, '[part=base]')!.getAttribute('aria-busy')).to.equal('true');
      await expect(el).to.be.accessible();
    });

    it('ready: a channel row and a grid of real, named switches', async () => {
      const el = await mount(project);
      await ready(el);
      expect(checked(switchNamed(el, 'Email — all notifications'))).to.equal(true);
      expect(switchNamed(el, 'Order updates — all channels')).to.exist;
      expect(switchNamed(el, 'Order updates — Email')).to.exist;
      expect(switchNamed(el, 'Order updates — Browser push')).to.exist;
      expect(switchNamed(el, 'Weekly digest — Email')).to.exist;
      expect(() => switchNamed(el, 'Weekly digest — Browser push')).to.throw(); // that notiflow has no push step
      expect(el.shadowRoot!.querySelectorAll('[part~=row]')).to.have.length(2);
      await expect(el).to.be.accessible();
    });

    it("a channel type of the server's own is named by its key, even `constructor`", async () => {
      await project.fail({
        method: 'GET',
        path: '/preferences',
        rawBody:
          '{"channel_types":{"email":true,"constructor":false,"pigeon":false},"notiflows":{}}',
      });
      const el = await mount(project);
      await waitUntil(() => sw(el, '[role=switch]'), 'no switches');
      // Its own strings only: the key, not Object's `constructor` function as text.
      expect(!!switchNamed(el, 'constructor — all notifications')).to.equal(true);
      expect(!!switchNamed(el, 'pigeon — all notifications')).to.equal(true);
    });

    it('empty: says there is nothing to set up', async () => {
      await project.dispose();
      project = await createProject({ notiflows: [] });
      const el = await mount(project);
      await waitUntil(
        () => text(el).includes('There are no notifications to set up yet.'),
        'no empty state',
      );
      expect(sw(el, '[role=switch]')).to.equal(null); // no channel in use, none turned off: nothing to switch
      await expect(el).to.be.accessible();
    });

    it('error: a readable message and a Retry that works', async () => {
      await project.fail({ status: 404, times: 1 });
      const el = await mount(project);
      await waitUntil(() => sw(el, '[part~=error]'), 'no error shown');
      await expect(el).to.be.accessible();
      const retry = sw(el, '[part~=error] button') as HTMLButtonElement;
      retry.focus();
      retry.click();
      await ready(el);
      // The button went with the error: focus goes to the panel's first Tab stop.
      await waitUntil(
        () => el.shadowRoot!.activeElement === switchNamed(el, 'Email — all notifications'),
        `focus is on ${el.shadowRoot!.activeElement?.outerHTML.slice(0, 60) ?? 'the page'}`,
      );
    });

    it('a secret key: a visible, typed error and no request at all', async () => {
      const errors: string[] = [];
      const el = document.createElement('notiflows-preferences') as NotiflowsPreferences;
      el.addEventListener('notiflows-error', (e) => errors.push(e.detail.error.code));
      el.setAttribute('api-key', 'sk_live_123');
      el.setAttribute('api-url', project.apiUrl);
      el.setAttribute('user-id', 'alice');
      document.body.append(el);
      await el.updateComplete;
      expect(errors).to.deep.equal(['secret_key_in_browser']);
      expect(sw(el, '[part~=error]')!.textContent).to.include('secret key');
      expect(await project.requests()).to.deep.equal([]);
      el.remove();
    });

    /** An element without a user yet, as a page renders it before its user key arrives. */
    const withoutUser = (apiKey = project.apiKey) => {
      const errors: string[] = [];
      const logged: unknown[] = [];
      const el = document.createElement('notiflows-preferences') as NotiflowsPreferences;
      el.addEventListener('notiflows-error', (e) => errors.push(e.detail.error.code));
      el.setAttribute('api-key', apiKey);
      el.setAttribute('api-url', project.apiUrl);
      el.locale = 'en';
      const original = console.error;
      console.error = (...args: unknown[]) => logged.push(args);
      const restore = () => (console.error = original);
      document.body.append(el);
      return { el, errors, logged, restore, appended: Date.now() };
    };
    const afterGrace = (since: number) =>
      new Promise((r) => setTimeout(r, CONFIG_GRACE_MS + 300 - (Date.now() - since)));

    it('a user key that arrives late: a skeleton meanwhile, no error, no request', async () => {
      const key = await project.sign('alice');
      const { el, errors, logged, restore, appended } = withoutUser();
      try {
        await el.updateComplete;
        await new Promise((r) => setTimeout(r, 300));
        expect(sw(el, '.skeleton')).to.exist;
        expect(sw(el, '[part=base]')!.getAttribute('aria-busy')).to.equal('true');
        expect(sw(el, '[part~=error]')).to.equal(null);
        expect(await project.requests()).to.deep.equal([]);
        el.setAttribute('user-key', key);
        await ready(el);
        await afterGrace(appended); // the wait was called off: nothing reported after it either
        expect(errors).to.deep.equal([]);
        expect(logged).to.deep.equal([]);
        expect((await project.requests()).map((r) => `${r.method} ${r.path}`)).to.deep.equal([
          'GET /user/v1/preferences',
        ]);
      } finally {
        restore();
        el.remove();
      }
    });

    it('a user key still missing after a few seconds: the config error, shown and logged once', async () => {
      const { el, errors, logged, restore, appended } = withoutUser();
      try {
        await waitUntil(() => errors.length, 'no error after the wait', { timeout: 8000 });
        expect(Date.now() - appended).to.be.at.least(CONFIG_GRACE_MS - 100);
        expect(errors).to.deep.equal(['invalid_config']);
        await el.updateComplete;
        expect(sw(el, '[part~=error]')).to.exist;
        expect(sw(el, '.skeleton')).to.equal(null);
        expect(logged).to.have.length(1);
        expect(await project.requests()).to.deep.equal([]);
        el.setAttribute('user-key', await project.sign('alice')); // late, but it still works
        await ready(el);
        expect(sw(el, '[part~=error]')).to.equal(null);
      } finally {
        restore();
        el.remove();
      }
    });

    it('Retry on a project with nothing to show: focus is not taken later, when a switch appears', async () => {
      await project.dispose();
      project = await createProject({ notiflows: [] });
      await project.fail({ status: 404, times: 1 });
      const el = await mount(project);
      await waitUntil(() => sw(el, '[part~=error] button'), 'no error shown');
      const retry = sw(el, '[part~=error] button') as HTMLButtonElement;
      retry.focus();
      retry.click();
      await waitUntil(() => text(el).includes('There are no notifications'), 'no empty state');
      const outside = document.createElement('input');
      document.body.append(outside);
      outside.focus();
      try {
        // Another tab turns SMS off: its switch now shows here, and focus stays where it is.
        const other = new PreferencesStore({ client: await clientFor(project) });
        await other.load();
        other.set(globalKey('sms'), false);
        await oneEvent(other, 'save');
        other.dispose();
        await waitUntil(() => sw(el, '[role=switch]'), 'the SMS switch did not show');
        await el.updateComplete;
        const focused = el.shadowRoot!.activeElement?.getAttribute('aria-label');
        expect(document.activeElement === outside, `focus moved to ${focused}`).to.equal(true);
      } finally {
        outside.remove();
      }
    });

    it('a secret key is refused at once, user or not', async () => {
      const { el, errors, logged, restore } = withoutUser('sk_live_123');
      try {
        await el.updateComplete;
        expect(errors).to.deep.equal(['secret_key_in_browser']);
        expect(logged).to.have.length(1);
        expect(sw(el, '[part~=error]')).to.exist;
      } finally {
        restore();
        el.remove();
      }
    });

    it('the effective state: off because the channel is off everywhere, with a way back', async () => {
      const el = await mount(project);
      await ready(el);
      switchNamed(el, 'Email — all notifications').click();
      await el.updateComplete;
      const row = switchNamed(el, 'Order updates — Email');
      expect(checked(row)).to.equal(false);
      expect(row.getAttribute('aria-disabled')).to.equal('true');
      expect(text(el)).to.include('Off: Email is turned off for all notifications.');
      await expect(el).to.be.accessible();
      const back = [...el.shadowRoot!.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Turn Email on',
      )!;
      back.focus();
      back.click();
      await el.updateComplete;
      expect(checked(switchNamed(el, 'Order updates — Email'))).to.equal(true);
      // The button went with its notice: focus lands on the channel's own switch, now on.
      await waitUntil(
        () => el.shadowRoot!.activeElement === switchNamed(el, 'Email — all notifications'),
        `focus is on ${el.shadowRoot!.activeElement?.outerHTML.slice(0, 80) ?? 'the page'}`,
      );
      expect(checked(switchNamed(el, 'Email — all notifications'))).to.equal(true);
    });

    it('with two channels off, "Turn Email on" still hands focus to Email (the notices go by place)', async () => {
      const el = await mount(project);
      await ready(el);
      switchNamed(el, 'Email — all notifications').click();
      switchNamed(el, 'SMS — all notifications').click();
      await el.updateComplete;
      const buttons = () =>
        [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.notice button')].map((b) =>
          b.textContent!.trim(),
        );
      expect(buttons()).to.deep.equal(['Turn Email on', 'Turn SMS on']);
      const back = el.shadowRoot!.querySelector<HTMLButtonElement>('.notice button')!;
      back.focus();
      back.click();
      await el.updateComplete;
      expect(buttons()).to.deep.equal(['Turn SMS on']);
      await waitUntil(
        () => el.shadowRoot!.activeElement === switchNamed(el, 'Email — all notifications'),
        `focus is on ${el.shadowRoot!.activeElement?.textContent?.trim() ?? 'the page'}`,
      );
    });
  });

  describe('saving', () => {
    it('moves at once, saves, announces; the server ends equal to the screen', async () => {
      const el = await mount(project);
      await ready(el);
      const changes: unknown[] = [];
      el.addEventListener('notiflows-change', (e) => changes.push(e.detail));
      const s = switchNamed(el, 'Order updates — Email');
      s.click();
      await el.updateComplete;
      expect(checked(switchNamed(el, 'Order updates — Email'))).to.equal(false);
      expect(text(el)).to.include('Saving…');
      await expect(el).to.be.accessible();
      expect(changes).to.deep.equal([
        {
          key: `notiflows.${ORDER_UPDATES}.channel_types.email`,
          value: false,
          scope: 'notiflow',
          notiflowId: ORDER_UPDATES,
          channelType: 'email',
        },
      ]);
      await oneEvent(el, 'notiflows-save');
      await el.updateComplete;
      expect(sw(el, '[part~=status]')!.textContent!.trim()).to.equal('Saved');
      expect((await serverPrefs()).notiflows[ORDER_UPDATES].channel_types.email).to.equal(false);
    });

    it('20 toggles within 500 ms: at most 2 PUTs, and the server equals the screen', async () => {
      const el = await mount(project);
      await ready(el);
      const names = [
        'Email — all notifications',
        'SMS — all notifications',
        'Order updates — Email',
        'Order updates — all channels',
        'Weekly digest — Email',
      ];
      for (let i = 0; i < 20; i++) {
        const name = names[i % names.length];
        switchNamed(el, name).click();
        await el.updateComplete;
        await new Promise((r) => setTimeout(r, 20));
      }
      await waitUntil(
        async () => JSON.stringify(await serverPrefs()) === JSON.stringify(el.preferences),
        'server never matched the screen',
        { timeout: 5000 },
      );
      await new Promise((r) => setTimeout(r, 500)); // no late write follows
      expect((await puts()).length).to.be.within(1, 2);
      expect(await serverPrefs()).to.deep.equal(el.preferences);
    });

    it('Retry in a row, pressed from the keyboard, leaves focus in that row', async () => {
      const el = await mount(project);
      await ready(el);
      await project.fail({ status: 503, method: 'PUT', times: 1 });
      switchNamed(el, 'Weekly digest — Email').click();
      await oneEvent(el, 'notiflows-error');
      await el.updateComplete;
      const retry = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.row-status button')];
      expect(retry).to.have.length(1);
      retry[0].focus();
      retry[0].click(); // the status line, and its button, go while the change is sent
      await oneEvent(el, 'notiflows-save');
      await el.updateComplete;
      const active = el.shadowRoot!.activeElement;
      expect(active?.getAttribute('aria-label')).to.equal('Weekly digest — all channels');
    });

    it('a 422 rolls back only the keys of that write', async () => {
      const el = await mount(project);
      await ready(el);
      switchNamed(el, 'SMS — all notifications').click();
      await oneEvent(el, 'notiflows-save');
      await project.fail({ status: 422, method: 'PUT' });
      switchNamed(el, 'Weekly digest — Email').click();
      const { detail } = await oneEvent(el, 'notiflows-error');
      expect(detail.error.code).to.equal('validation_failed');
      await el.updateComplete;
      expect(checked(switchNamed(el, 'Weekly digest — Email'))).to.equal(true); // rolled back
      expect(checked(switchNamed(el, 'SMS — all notifications'))).to.equal(false); // kept
      expect(text(el)).to.include('Couldn’t save');
      await expect(el).to.be.accessible();
    });

    it('503 twice then success: saved, nothing lost', async () => {
      const el = await mount(project);
      await ready(el);
      await project.fail({ status: 503, times: 2, method: 'PUT' });
      switchNamed(el, 'Weekly digest — all channels').click();
      await oneEvent(el, 'notiflows-save');
      expect((await serverPrefs()).notiflows[WEEKLY_DIGEST].enabled).to.equal(false);
    });

    it('offline: the change stays, survives a reload, and is flushed by the next load', async () => {
      const el = await mount(project);
      await ready(el);
      await project.fail({ drop: true, times: 100, method: 'PUT' });
      switchNamed(el, 'Order updates — all channels').click();
      await oneEvent(el, 'notiflows-error');
      await el.updateComplete;
      expect(text(el)).to.include('Not saved yet');
      expect(checked(switchNamed(el, 'Order updates — all channels'))).to.equal(false);
      const before = (await puts()).length;
      el.remove(); // the page goes away: one last try, still offline
      await waitUntil(async () => (await puts()).length > before, 'no last try on removal');
      await project.clearFaults();
      const again = await mount(project);
      await oneEvent(again, 'notiflows-save');
      expect((await serverPrefs()).notiflows[ORDER_UPDATES].enabled).to.equal(false);
    });

    it('two tabs stay in sync', async () => {
      const a = await mount(project);
      const b = await mount(project);
      await Promise.all([ready(a), ready(b)]);
      switchNamed(a, 'Chat — all notifications').click();
      await oneEvent(a, 'notiflows-save');
      await waitUntil(
        () => !checked(switchNamed(b, 'Chat — all notifications')),
        'second tab did not follow',
        { timeout: 3000 },
      );
    });

    it('a user switch mid-write never writes to the new user', async () => {
      const el = await mount(project);
      await ready(el);
      await project.fail({ delay: 800, method: 'PUT' });
      switchNamed(el, 'SMS — all notifications').click();
      await new Promise((r) => setTimeout(r, 400)); // the PUT is out
      el.userKey = await project.sign('bob');
      await waitUntil(() => el.preferences?.channel_types.sms === true, 'bob not shown', {
        timeout: 5000,
      });
      await new Promise((r) => setTimeout(r, 1200));
      expect((await serverPrefs('bob')).channel_types.sms).to.equal(true);
      for (const r of await puts()) expect(r.user).not.to.equal('bob');
    });
  });

  describe('safety, language, keyboard', () => {
    it('renders hostile and RTL names as inert text', async () => {
      await project.dispose();
      const evil = '<img src=x onerror="window.__pwned=1">';
      project = await createProject({
        notiflows: [
          { id: ORDER_UPDATES, name: evil, channels: ['1c9f5a63-7b5f-4b9f-8e63-3a1d3c2a8d22'] },
          {
            id: WEEKLY_DIGEST,
            name: `مرحبا ${'long '.repeat(60)}`,
            channels: ['1c9f5a63-7b5f-4b9f-8e63-3a1d3c2a8d22'],
          },
        ],
      });
      const el = await mount(project);
      await ready(el);
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect(text(el)).to.include(evil);
      expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
      expect(switchNamed(el, `${evil} — Email`)).to.exist;
      await expect(el).to.be.accessible();
    });

    it('speaks French from the closest lang, and takes string overrides', async () => {
      const wrapper = await fixture(
        html`<div lang="fr-CA">
          <notiflows-preferences
            api-key=${project.apiKey}
            api-url=${project.apiUrl}
            user-key=${await project.sign('alice')}
          ></notiflows-preferences>
        </div>`,
      );
      const el = wrapper.querySelector('notiflows-preferences')!;
      el.strings = { channel: { chat: 'Slack' } };
      await ready(el);
      await waitUntil(() => text(el).includes('Préférences de notification'), 'not French');
      expect(switchNamed(el, 'E-mail — toutes les notifications')).to.exist;
      expect(switchNamed(el, 'Slack — toutes les notifications')).to.exist;
    });

    it('works with the keyboard alone', async () => {
      const el = await mount(project);
      await ready(el);
      switchNamed(el, 'Email — all notifications').focus();
      await sendKeys({ press: ' ' });
      await el.updateComplete;
      expect(checked(switchNamed(el, 'Email — all notifications'))).to.equal(false);
      await sendKeys({ press: 'ArrowRight' });
      expect(el.shadowRoot!.activeElement!.getAttribute('aria-label')).to.equal(
        'SMS — all notifications',
      );
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(checked(switchNamed(el, 'SMS — all notifications'))).to.equal(false);
      await oneEvent(el, 'notiflows-save');
      const prefs = await serverPrefs();
      expect([prefs.channel_types.email, prefs.channel_types.sms]).to.deep.equal([false, false]);
    });

    it('a second define is harmless', async () => {
      const { NotiflowsPreferences: Class } = await import('../../src/index.js');
      expect(customElements.get('notiflows-preferences')).to.equal(Class); // defined by the define import above
      await import('../../src/define.js');
      expect(customElements.get('notiflows-preferences')).to.equal(NotiflowsPreferences);
    });
  });
});

describe('<notiflows-preferences> configuration changes', function () {
  this.timeout(30_000);
  let project: Project;
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(() => project.dispose());

  it('a new userKeyProvider function means a new user: everything is rebuilt for them', async () => {
    const el = await mount(project, 'alice', { userKey: undefined });
    el.userKeyProvider = () => project.sign('alice');
    await ready(el);
    switchNamed(el, 'SMS — all notifications').click();
    await oneEvent(el, 'notiflows-save');
    el.userKeyProvider = () => project.sign('bob');
    await waitUntil(() => el.preferences?.channel_types.sms === true, 'bob not shown', {
      timeout: 5000,
    });
    const gets = (await project.requests()).filter((r) => r.method === 'GET').map((r) => r.user);
    expect(gets.at(-1)).to.equal('bob');
  });

  it('a failed refresh keeps the data usable and says so, with a Retry', async () => {
    const el = await mount(project);
    await ready(el);
    await project.fail({ status: 404, method: 'GET' });
    el.reload();
    await waitUntil(() => sw(el, '[part~=error]'), 'no error shown');
    expect(switchNamed(el, 'Email — all notifications')).to.exist;
    await expect(el).to.be.accessible();
    const retry = sw(el, '[part~=error] button') as HTMLButtonElement;
    retry.focus();
    retry.click();
    await waitUntil(() => !sw(el, '[part~=error]'), 'error did not clear');
    await waitUntil(
      () => el.shadowRoot!.activeElement === switchNamed(el, 'Email — all notifications'),
      `focus is on ${el.shadowRoot!.activeElement?.outerHTML.slice(0, 60) ?? 'the page'}`,
    );
  });
});
