import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import {
  createProject,
  EMAIL_CHANNEL,
  isWebKit,
  SMS_CHANNEL,
  WEB_PUSH_CHANNEL,
  type Project,
} from '../helpers.js';
import type { PreferencesLayout } from '../../src/index.js';
import { checked, ready, switchNamed, sw, text } from './element-helpers.js';

// Issue 10: the panel where users are — any width, the off-everywhere notice said once, the
// channel types a project uses, one Tab stop per grid, relative api-url, console errors.

const NAMES = [
  'Order updates',
  'Weekly digest',
  'Security alerts',
  'Your monthly account statement is ready',
];

async function mountAt(project: Project, width: number, extra: Record<string, unknown> = {}) {
  const host = await fixture<HTMLDivElement>(html`<div style="width:${width}px"></div>`);
  const el = document.createElement('notiflows-preferences');
  Object.assign(el, {
    apiKey: project.apiKey,
    apiUrl: project.apiUrl,
    userKey: await project.sign('alice'),
    locale: 'en',
    ...extra,
  });
  host.append(el);
  await ready(el);
  await el.updateComplete;
  return el;
}

/** Every word of the element's visible text sits on one line. */
function brokenWords(root: ShadowRoot): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (node.parentElement?.closest('.visually-hidden, [hidden], thead')) continue;
    for (const match of node.data.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index!);
      range.setEnd(node, match.index! + match[0].length);
      const lines = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
      );
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}

describe('<notiflows-preferences> layout and keyboard', function () {
  this.timeout(60_000);
  let project: Project;
  beforeEach(async () => {
    project = await createProject({
      channels: [
        { id: WEB_PUSH_CHANNEL, type: 'web_push' },
        { id: EMAIL_CHANNEL, type: 'email' },
        { id: SMS_CHANNEL, type: 'sms' },
      ],
      notiflows: NAMES.map((name, i) => ({
        id: `00000000-0000-4000-8000-00000000000${i}`,
        name,
        channels: i % 2 ? [EMAIL_CHANNEL] : [EMAIL_CHANNEL, SMS_CHANNEL, WEB_PUSH_CHANNEL],
      })),
    });
  });
  afterEach(() => project.dispose());

  for (const width of [320, 375]) {
    it(`at ${width} px: no word split across lines, no horizontal overflow, each name on its own line`, async () => {
      const el = await mountAt(project, width);
      switchNamed(el, 'Email — all notifications').click(); // the notice and a status show too
      await el.updateComplete;
      expect(brokenWords(el.shadowRoot!)).to.deep.equal([]);
      const base = sw(el, '[part~=base]')!;
      expect(base.scrollWidth, 'horizontal overflow').to.be.at.most(base.clientWidth + 1);
      for (const row of el.shadowRoot!.querySelectorAll('[part~=row]')) {
        const name = row.querySelector('[role=rowheader]')!.getBoundingClientRect();
        for (const cell of row.querySelectorAll('[role=switch]'))
          expect(cell.getBoundingClientRect().top).to.be.at.least(name.bottom - 1);
      }
      const label = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.cell-label')].find(
        (l) => l.offsetParent,
      );
      expect(label, 'switches are labelled in the narrow layout').to.exist;
      await expect(el).to.be.accessible();
    });
  }

  it('a laid-out and paused preference center at 320 px, dark, right to left: whole words, no overflow, axe clean', async () => {
    const el = await mountAt(project, 320, {
      theme: 'dark',
      dir: 'rtl',
      layout: {
        sections: [
          { title: 'Orders', description: 'From checkout to your door.', notiflows: [NAMES[0]] },
        ],
        notiflows: { [NAMES[2]]: { required: true, description: 'Sent for every new sign-in.' } },
        channels: { sms: { description: 'Texts to your phone.', why: 'Only when it matters.' } },
      } satisfies PreferencesLayout,
    });
    sw(el, '[part~=pause]')!.click();
    await waitUntil(() => sw(el, '[part~=paused]'), 'not paused');
    expect(sw(el, '[part~=paused]')!.textContent).to.include(NAMES[2]);
    expect(brokenWords(el.shadowRoot!)).to.deep.equal([]);
    const base = sw(el, '[part~=base]')!;
    expect(base.scrollWidth, 'horizontal overflow').to.be.at.most(base.clientWidth + 1);
    // Right to left, the channel description starts at the right, beside its switch.
    const sms = switchNamed(el, 'SMS — all notifications').getBoundingClientRect();
    const about = sw(el, '[part~=channel-description]')!.getBoundingClientRect();
    expect(about.right).to.be.at.most(sms.left + 1);
    await expect(el).to.be.accessible();
  });

  it('wide: a grid whose columns keep their width when a channel goes off everywhere, said once', async () => {
    const el = await mountAt(project, 900);
    const widths = () =>
      [...el.shadowRoot!.querySelectorAll('thead th')].map((th) =>
        Math.round(th.getBoundingClientRect().width),
      );
    const before = widths();
    expect(el.shadowRoot!.querySelector<HTMLElement>('.cell-label')!.offsetParent).to.equal(null); // labels only when narrow
    switchNamed(el, 'Email — all notifications').click();
    await el.updateComplete;
    expect(widths()).to.deep.equal(before);
    expect(text(el).split('Off: Email is turned off for all notifications.').length - 1).to.equal(
      1,
    );
    expect(
      [...el.shadowRoot!.querySelectorAll('button')].filter(
        (b) => b.textContent?.trim() === 'Turn Email on',
      ),
    ).to.have.length(1);
    const cell = switchNamed(el, 'Order updates — Email');
    expect(cell.getAttribute('aria-disabled')).to.equal('true');
    expect(
      el.shadowRoot!.getElementById(cell.getAttribute('aria-describedby')!)!.textContent,
    ).to.include('Email is turned off');
    await expect(el).to.be.accessible();
  });

  it('shows the channel types the notiflows use, plus any turned off; channel-types narrows', async () => {
    const el = await mountAt(project, 900);
    const globals = () =>
      [...el.shadowRoot!.querySelectorAll('.channels [role=switch]')].map(
        (s) => s.getAttribute('aria-label')!.split(' — ')[0],
      );
    expect(globals()).to.deep.equal(['Email', 'SMS', 'Browser push']);
    const client = await import('../../src/headless.js').then(
      (m) =>
        new m.NotiflowsClient({
          apiKey: project.apiKey,
          apiUrl: project.apiUrl,
          userKey: el.userKey!,
        }),
    );
    await client.updatePreferences({ channel_types: { chat: false } }); // off elsewhere: shown, so it can come back
    el.reload();
    await waitUntil(() => globals().includes('Chat'), 'a channel turned off is hidden');
    el.channelTypes = ['email', 'chat'];
    await el.updateComplete;
    expect(globals()).to.deep.equal(['Email', 'Chat']);
  });

  it('one Tab stop per grid: 50 notiflows cost two Tabs (and the pause button and filter box), arrows move inside, Space toggles', async () => {
    await project.dispose();
    project = await createProject({
      channels: [
        { id: EMAIL_CHANNEL, type: 'email' },
        { id: SMS_CHANNEL, type: 'sms' },
      ],
      notiflows: Array.from({ length: 50 }, (_, i) => ({
        id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: `Notiflow ${i}`,
        channels: i === 1 ? [EMAIL_CHANNEL] : [EMAIL_CHANNEL, SMS_CHANNEL],
      })),
    });
    const before = await fixture<HTMLButtonElement>(html`<button>before</button>`);
    const el = await mountAt(project, 900);
    const after = document.createElement('button');
    after.textContent = 'after';
    el.parentElement!.after(after); // Tab must never leave the document (headless Firefox then stops activating buttons)
    before.focus();
    const active = () =>
      document.activeElement === el
        ? (el.shadowRoot!.activeElement?.getAttribute('aria-label') ??
          el.shadowRoot!.activeElement?.textContent?.trim())
        : document.activeElement?.textContent;
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal('Turn everything off');
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal('Email — all notifications');
    await sendKeys({ press: 'Tab' });
    expect(active(), 'a big project has its filter box first').to.equal('Filter notifications');
    await sendKeys({ press: 'Tab' });
    expect(active()).to.equal('Notiflow 0 — all channels');
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement, 'the fifth Tab leaves the element').to.equal(after);
    after.remove();

    switchNamed(el, 'Notiflow 0 — all channels').focus();
    const press = async (key: string) => {
      const [modifier, name] = key.includes('+') ? key.split('+') : [undefined, key];
      if (modifier) await sendKeys({ down: modifier });
      await sendKeys({ press: name });
      if (modifier) await sendKeys({ up: modifier });
      return active();
    };
    expect(await press('ArrowRight')).to.equal('Notiflow 0 — Email');
    expect(await press('End')).to.equal('Notiflow 0 — SMS');
    expect(await press('ArrowDown')).to.equal('Notiflow 1 — Email'); // that row has no SMS: the nearest cell
    expect(await press('Home')).to.equal('Notiflow 1 — all channels');
    expect(await press(' ')).to.equal('Notiflow 1 — all channels');
    await waitUntil(
      () => !checked(switchNamed(el, 'Notiflow 1 — all channels')),
      'Space did not toggle',
    );
    expect(el.shadowRoot!.querySelectorAll('table [role=switch][tabindex="0"]')).to.have.length(1);
    if (isWebKit) return; // WebDriver's sendKeys in the test runner cannot hold a modifier
    expect(await press('Control+End')).to.equal('Notiflow 49 — SMS');
    expect(await press('ArrowUp')).to.equal('Notiflow 48 — SMS');
    expect(await press('Shift+Tab')).to.equal('Filter notifications');
    expect(await press('Shift+Tab')).to.equal('Email — all notifications'); // back to the channel row's one stop
    await sendKeys({ press: 'ArrowRight' });
    expect(active()).to.equal('SMS — all notifications');
  });

  /** A project whose one notiflow uses Email only, alice's panel on it, and a client of hers. */
  async function emailOnlyPanel() {
    await project.dispose();
    project = await createProject({
      channels: [{ id: EMAIL_CHANNEL, type: 'email' }],
      notiflows: [
        {
          id: '20000000-0000-4000-8000-000000000000',
          name: 'Only email',
          channels: [EMAIL_CHANNEL],
        },
      ],
    });
    const el = await mountAt(project, 900);
    const { NotiflowsClient } = await import('../../src/headless.js');
    const client = new NotiflowsClient({
      apiKey: project.apiKey,
      apiUrl: project.apiUrl,
      userKey: el.userKey!,
    });
    return { el, client };
  }

  it('a channel turned back on stays under the user’s hand; turned on elsewhere, it leaves and the row keeps one Tab stop', async () => {
    const { el, client } = await emailOnlyPanel();
    await client.updatePreferences({ channel_types: { sms: false, chat: false } }); // shown only because they are off
    el.reload();
    await waitUntil(() => !!sw(el, '[aria-label="Chat — all notifications"]'), 'Chat not shown');
    const stops = () =>
      [...el.shadowRoot!.querySelectorAll('.channels [role=switch]')].filter(
        (s) => s.getAttribute('tabindex') === '0',
      );
    // Turned back on here: it stays (and keeps focus) until the next visit, so the next
    // press of Space does not land on another channel's switch.
    switchNamed(el, 'Chat — all notifications').focus();
    switchNamed(el, 'Chat — all notifications').click();
    await waitUntil(() => el.preferences!.channel_types.chat === true, 'Chat not on');
    await el.updateComplete;
    expect(checked(switchNamed(el, 'Chat — all notifications'))).to.equal(true);
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal(
      'Chat — all notifications',
    );
    // Turned on in another tab: SMS (the Tab stop now) leaves the row.
    switchNamed(el, 'SMS — all notifications').focus();
    await client.updatePreferences({ channel_types: { sms: true } });
    const tab = new BroadcastChannel('notiflows-preferences');
    const { userHashOf } = await import('../../src/internal/user-hash.js');
    tab.postMessage({
      userHash: await userHashOf(client),
      preferences: await client.getPreferences(),
    });
    tab.close();
    await waitUntil(() => !sw(el, '[aria-label="SMS — all notifications"]'), 'SMS still shown');
    expect(stops()).to.have.length(1);
  });

  it('a channel one user turned in this visit is not kept shown for the next user of the panel', async () => {
    const { el, client: alice } = await emailOnlyPanel();
    await alice.updatePreferences({ channel_types: { chat: false } }); // shown because it is off
    el.reload();
    await waitUntil(() => !!sw(el, '[aria-label="Chat — all notifications"]'), 'Chat not shown');
    switchNamed(el, 'Chat — all notifications').click();
    await waitUntil(() => el.preferences!.channel_types.chat === true, 'Chat not on');
    await el.updateComplete;
    const chatShown = () => !!sw(el, '[aria-label="Chat — all notifications"]');
    expect(chatShown(), 'kept under alice’s hand').to.equal(true);
    // Bob signs in on this panel: his Chat is on and no notification uses it.
    const loaded = oneEvent(el, 'notiflows-load');
    el.userKey = await project.sign('bob');
    await loaded;
    await el.updateComplete;
    expect(!!sw(el, '[aria-label="Email — all notifications"]')).to.equal(true);
    expect(chatShown(), 'Chat shown for bob').to.equal(false);
  });

  it('a relative api-url (a same-origin proxy path) resolves against the page', async () => {
    const el = await mountAt(project, 600, { apiUrl: new URL(project.apiUrl).pathname });
    expect(el.preferences).to.exist;
  });

  it('a configuration error is also logged once in the console, without the key', async () => {
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => {
      logged.push(args.join(' '));
    };
    try {
      const el = document.createElement('notiflows-preferences');
      el.setAttribute('api-key', 'sk_live_abcdef123456');
      el.setAttribute('user-id', 'alice');
      document.body.append(el);
      await el.updateComplete;
      el.setAttribute('locale', 'fr'); // re-renders: still one line
      await el.updateComplete;
      el.remove();
    } finally {
      console.error = original;
    }
    expect(logged).to.have.length(1);
    expect(logged[0]).to.include('secret key');
    expect(logged[0]).not.to.include('sk_live_abcdef123456');
  });
});
