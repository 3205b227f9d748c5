import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { NotiflowsError, NotiflowsPreferences, PreferencesLayout } from '../../src/index.js';
import { enabledKey } from '../../src/preferences/keys.js';
import { createProject, EMAIL_CHANNEL, SMS_CHANNEL, type Project } from '../helpers.js';
import { ready, switchNamed, sw, text } from './element-helpers.js';

// Issue 21: a preference center laid out by the site: sections, descriptions, order, hidden
// and required notiflows, from the `layout` property or a JSON child.

const ID = (i: number) => `00000000-0000-4000-8000-00000000001${i}`;
const NAMES = ['Order updates', 'Refunds', 'Weekly digest', 'Password reset', 'Old promo'];

const LAYOUT: PreferencesLayout = {
  sections: [
    {
      title: { en: 'Your orders', fr: 'Vos commandes' },
      description: 'What happens to what you bought.',
      notiflows: ['Refunds', ID(0)], // by name and by id, in this order
    },
    { title: 'Account', notiflows: ['Password reset', 'No such notiflow'] },
  ],
  notiflows: {
    'Password reset': { required: true, description: 'Sent when you ask for it.' },
    'Old promo': { hidden: true },
    [ID(0)]: { description: { en: 'Shipped, delayed, delivered.', fr: 'Expédiée, livrée.' } },
  },
};

describe('<notiflows-preferences> sections and required notiflows', function () {
  this.timeout(60_000);
  let project: Project;
  let warnings: string[];
  const warn = console.warn;
  beforeEach(async () => {
    project = await createProject({
      notiflows: NAMES.map((name, i) => ({
        id: ID(i),
        name,
        channels: i === 3 ? [EMAIL_CHANNEL] : [EMAIL_CHANNEL, SMS_CHANNEL],
      })),
    });
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    return project.dispose();
  });

  async function mount(layout?: PreferencesLayout, child?: string) {
    const el = await fixture<NotiflowsPreferences>(
      html`<notiflows-preferences
        api-key=${project.apiKey}
        api-url=${project.apiUrl}
        user-key=${await project.sign('alice')}
        locale="en"
        .layout=${layout}
        >${
          child
            ? html`<script type="application/json">
                ${child}
              </script>`
            : ''
        }</notiflows-preferences
      >`,
    );
    await ready(el);
    await el.updateComplete;
    return el;
  }

  /** The grid's rows as text: section titles in brackets, notiflow names as they come. */
  const rows = (el: NotiflowsPreferences) =>
    [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) =>
      tr.classList.contains('section-row')
        ? `[${tr.querySelector('.section-title')!.textContent}]`
        : tr.querySelector('.name')!.textContent!,
    );

  for (const from of ['the layout property', 'a JSON child'] as const) {
    it(`sections, order, descriptions, hidden and required, from ${from}; axe clean`, async () => {
      const el =
        from === 'the layout property'
          ? await mount(LAYOUT)
          : await mount(undefined, JSON.stringify(LAYOUT));
      expect(rows(el)).to.deep.equal([
        '[Your orders]',
        'Refunds',
        'Order updates',
        '[Account]',
        'Password reset',
        '[Other notifications]',
        'Weekly digest',
      ]);
      expect(text(el)).to.include('What happens to what you bought.');
      expect(text(el)).to.include('Shipped, delayed, delivered.');
      expect(text(el)).to.not.include('Old promo');
      const required = switchNamed(el, 'Password reset — all channels');
      expect(required.getAttribute('aria-disabled')).to.equal('true');
      expect(required.getAttribute('aria-checked')).to.equal('true');
      const why = sw(el, `#${required.getAttribute('aria-describedby')}`)!;
      expect(why.textContent).to.include('required');
      expect(text(el)).to.include('Always on');
      await expect(el).to.be.accessible();
      expect(warnings.filter((w) => w.includes('No such notiflow'))).to.have.length(1);
    });
  }

  it('texts follow the locale: a French panel shows the French section title', async () => {
    const el = await mount(LAYOUT);
    el.locale = 'fr';
    await new Promise((r) => setTimeout(r, 300));
    await el.updateComplete;
    expect(rows(el)[0]).to.equal('[Vos commandes]');
    expect(text(el)).to.include('Expédiée, livrée.');
  });

  it('a required notiflow is never written: its switch does nothing, store.set refuses it', async () => {
    const el = await mount(LAYOUT);
    switchNamed(el, 'Password reset — all channels').click();
    await new Promise((r) => setTimeout(r, 1_500)); // past the coalescing window
    expect((await project.requests()).filter((r) => r.method === 'PUT')).to.have.length(0);
    const store = (el as unknown as { ctl: { store: { set(k: string, v: boolean): void } } }).ctl
      .store;
    let error: NotiflowsError | undefined;
    try {
      store.set(enabledKey(ID(3)), false);
    } catch (e) {
      error = e as NotiflowsError;
    }
    expect(error?.code).to.equal('invalid_config');
    expect((await project.requests()).filter((r) => r.method === 'PUT')).to.have.length(0);
  });

  it('the grid stays one Tab stop: Down from a section’s last row goes to the next section', async () => {
    const el = await mount(LAYOUT);
    switchNamed(el, 'Order updates — all channels').focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal(
      'Password reset — all channels',
    );
    const tabStops = [...el.shadowRoot!.querySelectorAll('table [tabindex="0"]')];
    expect(tabStops).to.have.length(1);
  });

  it('a JSON child that is not JSON: one warning, the plain list', async () => {
    const el = await mount(undefined, '{ not json');
    expect(rows(el)).to.deep.equal(NAMES);
    expect(warnings.filter((w) => w.includes('JSON'))).to.have.length(1);
  });
});
