import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { NotiflowsPreferences } from '../../src/index.js';
import { createProject, EMAIL_CHANNEL, SMS_CHANNEL, type Project } from '../helpers.js';
import { mount as mountFor, ready, sw, text } from './element-helpers.js';

// Issue 21: a filter for big projects, from 16 notiflows on.

const names = (count: number) =>
  Array.from({ length: count }, (_, i) => (i === 3 ? 'Réglages du compte' : `Topic ${i + 1}`));

describe('<notiflows-preferences> filter', function () {
  this.timeout(60_000);
  let project: Project;
  afterEach(() => project.dispose());

  async function mount(count: number) {
    project = await createProject({
      notiflows: names(count).map((name, i) => ({
        id: `00000000-0000-4000-8000-0000000002${String(i).padStart(2, '0')}`,
        name,
        channels: i % 2 ? [EMAIL_CHANNEL] : [EMAIL_CHANNEL, SMS_CHANNEL],
      })),
    });
    const el = await mountFor(project);
    await ready(el);
    return el;
  }
  const shownRows = (el: NotiflowsPreferences) =>
    [...el.shadowRoot!.querySelectorAll('tr[part~=row] .name')].map((n) => n.textContent);
  const filter = (el: NotiflowsPreferences) => sw(el, '[part~=filter]') as HTMLInputElement;

  it('no filter for 15 notiflows', async () => {
    const el = await mount(15);
    expect(filter(el)).to.equal(null);
  });

  it('16 notiflows: typing narrows (accents and case ignored), clearing restores, no match says so', async () => {
    const el = await mount(16);
    expect(filter(el).getAttribute('aria-label')).to.equal('Filter notifications');
    await expect(el).to.be.accessible();
    filter(el).focus();
    await sendKeys({ type: 'REGL' });
    await el.updateComplete;
    expect(shownRows(el)).to.deep.equal(['Réglages du compte']);
    await waitUntil(
      () => sw(el, '[part~=status]')!.textContent!.includes('1 shown'),
      'count not announced',
    );
    // The grid keeps one Tab stop, on a row that is shown.
    const stops = [...el.shadowRoot!.querySelectorAll('table [tabindex="0"]')];
    expect(stops).to.have.length(1);
    expect(stops[0].getAttribute('aria-label')).to.include('Réglages du compte');
    expect(el.shadowRoot!.activeElement).to.equal(filter(el)); // focus stays in the box
    // Set, not typed: WebKit's driver typed one key of three here, though focus stays in the box.
    filter(el).value += 'zzz';
    filter(el).dispatchEvent(new Event('input'));
    await waitUntil(() => text(el).includes('No notifications match “REGLzzz”.'), text(el));
    expect(shownRows(el)).to.deep.equal([]);
    expect(el.shadowRoot!.activeElement).to.equal(filter(el));
    await expect(el).to.be.accessible();
    filter(el).value = '';
    filter(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(shownRows(el)).to.have.length(16);
  });

  it('a switch turned while filtered saves, and stays when the filter clears', async () => {
    const el = await mount(16);
    filter(el).value = 'topic 16';
    filter(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(shownRows(el)).to.deep.equal(['Topic 16']);
    el.shadowRoot!.querySelector<HTMLButtonElement>('tr[part~=row] [role=switch]')!.click();
    await waitUntil(async () => (await project.requests()).some((r) => r.method === 'PUT'));
    filter(el).value = '';
    filter(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    const id = '00000000-0000-4000-8000-000000000215';
    expect(el.preferences!.notiflows[id]!.enabled).to.equal(false);
  });
});
