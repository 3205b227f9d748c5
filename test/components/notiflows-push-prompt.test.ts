import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { NotiflowsPush } from '../../src/index.js';
import { keyval, update } from '../../src/internal/idb.js';
import { userHashOf } from '../../src/internal/user-hash.js';
import { promptStats, type PromptRecord } from '../../src/push/prompt-memory.js';
import {
  command,
  createProject,
  hasPush,
  ORDER_UPDATES,
  type Project,
  usePushScope,
  WEEKLY_DIGEST,
} from '../helpers.js';

const part = (el: Element, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part~=${name}]`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const memory = keyval<Partial<PromptRecord>>('notiflows-prompt', 'memory');

// The prompt shows only while the permission is `default`: Chromium (CDP) and Firefox
// (WebDriver BiDi) get there by a server command. WebKitGTK has no Push API, so there the
// tests check that it stays away.
const askable = hasPush;

describe('<notiflows-push-prompt>', function () {
  this.timeout(60_000);
  let project: Project;
  let events: string[];
  const scope = usePushScope('prompt');

  beforeEach(async () => {
    project = await createProject();
    events = [];
    await memory.run('readwrite', async (s) => s.clear());
  });
  afterEach(() => project.dispose());

  const attrs = async (user: string) => ({
    'api-key': project.apiKey,
    'api-url': project.apiUrl,
    'user-key': await project.sign(user),
    'channel-id': project.channelId,
    'vapid-public-key': project.vapidPublicKey,
    'sw-scope': scope.path,
    locale: 'en',
  });

  async function mountPrompt(rules: Record<string, string> = {}, user = 'alice') {
    const el = document.createElement('notiflows-push-prompt');
    for (const [k, v] of Object.entries({ ...(await attrs(user)), ...rules }))
      el.setAttribute(k, v);
    for (const type of ['show', 'accept', 'dismiss', 'permission'])
      el.addEventListener(`notiflows-prompt-${type}`, (e) =>
        events.push(
          type === 'permission' ? `permission:${(e as CustomEvent).detail.permission}` : type,
        ),
      );
    const wrap = await fixture<HTMLElement>(html`<div><button id="page">page</button></div>`);
    wrap.append(el);
    return el;
  }

  /** This page view counted as the user's `visits`th: earlier ones are stored as done. */
  async function visitedBefore(user: string, visits: number) {
    const hash = await userHashOf({ apiKey: project.apiKey, resolveUserId: async () => user });
    await update(memory, [hash], () => [{ visits }]);
  }

  it('stays away where the browser cannot be asked (permission already answered, or no push)', async () => {
    if (askable) await command('grant-notifications');
    const el = await mountPrompt({ 'after-visits': '1', delay: '0' });
    await waitUntil(
      () => (el.pushState && el.pushState !== 'unsubscribed') || el.pushState === 'unsubscribed',
    );
    await sleep(500);
    expect(part(el, 'prompt')).to.equal(null);
    expect(events).to.deep.equal([]);
  });

  (askable ? describe : describe.skip)('permission not asked yet', () => {
    beforeEach(() => command('reset-permissions'));
    after(() => command('grant-notifications'));

    it('never on the first page view by default; on the second after `delay`', async () => {
      const first = await mountPrompt({ delay: '0' });
      await waitUntil(() => first.pushState === 'prompt', `state ${first.pushState}`);
      await sleep(500);
      expect(part(first, 'prompt'), 'shown on the first page view').to.equal(null);
      first.remove();

      await memory.run('readwrite', async (s) => s.clear());
      await visitedBefore('bob', 1);
      const second = await mountPrompt({ delay: '0.6' }, 'bob');
      await waitUntil(() => second.pushState === 'prompt');
      expect(part(second, 'prompt'), 'shown before its delay').to.equal(null);
      await waitUntil(() => part(second, 'prompt'), 'not shown on the second page view');
      expect(events).to.deep.equal(['show']);
    });

    it('shows without taking focus, is announced, axe clean; Escape is "Not now" and snoozes', async () => {
      // The page's field sits in a shadow root of its own, as in another web component.
      const host = document.createElement('div');
      const page = document.createElement('input');
      host.attachShadow({ mode: 'open' }).append(page);
      document.body.append(host);
      page.focus();
      const focused = () => document.activeElement === host && host.shadowRoot!.activeElement;
      const el = await mountPrompt({ 'after-visits': '1', delay: '0', placement: 'bottom' });
      await waitUntil(() => part(el, 'prompt'), 'not shown');
      expect(el.hasAttribute('open'), 'open attribute while shown').to.equal(true);
      expect(focused()).to.equal(page);
      expect(part(el, 'status')!.textContent).to.include('Turn on notifications?');
      expect(getComputedStyle(part(el, 'prompt')!).position).to.equal('fixed');
      await expect(el).to.be.accessible();
      part(el, 'prompt-allow')!.focus();
      part(el, 'prompt')!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
      );
      await el.updateComplete;
      expect(part(el, 'prompt')).to.equal(null);
      expect(focused(), 'focus back where it was before the prompt').to.equal(page);
      expect(el.hasAttribute('open')).to.equal(false);
      expect(events).to.deep.equal(['show', 'dismiss']);
      host.remove();
      // Snoozed: another prompt for this user stays away, on this page view and later ones.
      const again = await mountPrompt({ 'after-visits': '1', delay: '0' });
      await waitUntil(() => again.pushState === 'prompt');
      await sleep(400);
      expect(part(again, 'prompt')).to.equal(null);
      expect(await promptStats()).to.deep.include({ shows: 1, dismissals: 1, accepts: 0 });
    });

    it('max-shows: once shown and dismissed (no snooze), it does not come back', async () => {
      const rules = { 'after-visits': '1', delay: '0', 'max-shows': '1', 'snooze-days': '0' };
      const el = await mountPrompt(rules);
      await waitUntil(() => part(el, 'prompt'), 'not shown');
      part(el, 'prompt-dismiss')!.click();
      await el.updateComplete;
      const again = await mountPrompt(rules);
      await waitUntil(() => again.pushState === 'prompt');
      await sleep(400);
      expect(part(again, 'prompt')).to.equal(null);
      expect(events).to.deep.equal(['show', 'dismiss']);
    });

    it('Allow asks inside the click and subscribes in one step; a push element on the page follows: one POST', async () => {
      const push = document.createElement('notiflows-push') as NotiflowsPush;
      for (const [k, v] of Object.entries(await attrs('alice'))) push.setAttribute(k, v);
      document.body.append(push);
      const el = await mountPrompt({ 'after-visits': '1', delay: '0' });
      await waitUntil(() => part(el, 'prompt'), 'not shown');
      let clicking = false;
      let askedInClick: boolean | undefined;
      const original = Notification.requestPermission;
      // The user answers "Allow": a real grant (a server command), then the browser's answer.
      Notification.requestPermission = () => {
        askedInClick = clicking;
        return command('grant-notifications').then(() => 'granted' as const);
      };
      try {
        clicking = true;
        part(el, 'prompt-allow')!.click();
        clicking = false;
        await waitUntil(() => events.includes('permission:granted'), `events ${events}`, {
          timeout: 20_000,
        });
      } finally {
        Notification.requestPermission = original;
      }
      expect(askedInClick).to.equal(true);
      await waitUntil(() => push.pushState === 'subscribed', `push element ${push.pushState}`);
      expect(part(el, 'prompt')).to.equal(null);
      expect(events).to.deep.equal(['show', 'accept', 'permission:granted']);
      const posts = (await project.requests()).filter((r) => r.method === 'POST');
      expect(posts).to.have.length(1);
      expect(await promptStats()).to.deep.include({ shows: 1, accepts: 1, granted: 1 });
      push.remove();
    });

    it('Allow, then the page removes the prompt while the browser asks: still one POST', async () => {
      const el = await mountPrompt({ 'after-visits': '1', delay: '0' });
      await waitUntil(() => part(el, 'prompt'), 'not shown');
      el.addEventListener('notiflows-prompt-accept', () => el.remove());
      const original = Notification.requestPermission;
      Notification.requestPermission = () =>
        command('grant-notifications').then(() => 'granted' as const);
      try {
        part(el, 'prompt-allow')!.click();
        await waitUntil(
          async () => (await project.requests()).some((r) => r.method === 'POST'),
          'no POST once the prompt was removed',
          { timeout: 20_000 },
        );
      } finally {
        Notification.requestPermission = original;
      }
    });

    it('topics: the notiflows that can push, ticked by the user, saved with one PUT once allowed', async () => {
      const el = await mountPrompt({
        'after-visits': '1',
        delay: '0',
        topics: `${ORDER_UPDATES}, ${WEEKLY_DIGEST}, no-such-notiflow`,
      });
      await waitUntil(() => part(el, 'prompt'), 'not shown');
      const boxes = [...el.shadowRoot!.querySelectorAll('input[type=checkbox]')];
      // Weekly digest has no web push channel; the unknown id is skipped.
      expect(boxes.map((b) => b.parentElement!.textContent!.trim())).to.deep.equal([
        'Order updates',
      ]);
      await expect(el).to.be.accessible();
      (boxes[0] as HTMLInputElement).click(); // unticked: no pushes for order updates
      const original = Notification.requestPermission;
      Notification.requestPermission = () =>
        command('grant-notifications').then(() => 'granted' as const);
      try {
        part(el, 'prompt-allow')!.click();
        // Answered: a request is logged as it arrives, its body once read.
        await waitUntil(async () =>
          (await project.requests()).some((r) => r.method === 'PUT' && r.status),
        );
      } finally {
        Notification.requestPermission = original;
      }
      const puts = (await project.requests()).filter((r) => r.method === 'PUT');
      expect(puts).to.have.length(1);
      expect(puts[0].body).to.deep.equal({
        notiflows: { [ORDER_UPDATES]: { channel_types: { web_push: false } } },
      });
    });

    it('the install steps on iPhone outside a Home Screen app, instead of asking', async () => {
      Object.defineProperty(navigator, 'userAgent', {
        configurable: true,
        value:
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
      });
      try {
        const el = await mountPrompt({ 'after-visits': '1', delay: '0' });
        await waitUntil(() => part(el, 'prompt'), `not shown (${el.pushState})`);
        part(el, 'prompt-allow')!.click();
        await el.updateComplete;
        expect(part(el, 'prompt')!.textContent).to.include('Add to Home Screen');
        expect(part(el, 'prompt-allow')).to.equal(null);
        await expect(el).to.be.accessible();
        part(el, 'prompt-dismiss')!.click();
        await el.updateComplete;
        expect(part(el, 'prompt')).to.equal(null);
        expect(events).to.deep.equal(['show', 'accept']);
      } finally {
        delete (navigator as { userAgent?: string }).userAgent;
      }
    });
  });
});
