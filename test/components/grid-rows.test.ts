import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { NotiflowsPreferences } from '../../src/index.js';
import { NotiflowsClient, type Preferences } from '../../src/headless.js';
import { userHashOf } from '../../src/internal/user-hash.js';
import { createProject, ORDER_UPDATES, WEEKLY_DIGEST, type Project } from '../helpers.js';
import { checked, mount, ready, switchNamed, text } from './element-helpers.js';

// Issue 11: each notiflow's row renders on its own (by place, and skipped when its inputs did
// not change), so a change writes to its row only. `npm run bench` measures the same at 500
// notiflows.

const rowOf = (el: NotiflowsPreferences, notiflow: string) =>
  switchNamed(el, `${notiflow} — all channels`).closest('tr')!;

/** Starts recording the element's DOM mutations; the function returned stops and returns them. */
function record(el: NotiflowsPreferences): () => MutationRecord[] {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((r) => records.push(...r));
  observer.observe(el.shadowRoot!, {
    subtree: true,
    childList: true,
    attributes: true,
    characterData: true,
  });
  return () => {
    records.push(...observer.takeRecords());
    observer.disconnect();
    return records;
  };
}

/** Mutations outside `row`, leaving out the live status line (it announces the save). */
const outside = (records: MutationRecord[], row: Element) =>
  records.filter((m) => {
    const node = m.target instanceof Element ? m.target : m.target.parentElement!;
    return !row.contains(node) && !node.closest('[part~=status]');
  });

describe('<notiflows-preferences> grid rows', function () {
  this.timeout(30_000);
  let project: Project;
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(() => project.dispose());

  it('a toggle writes to its own row only, through the save', async () => {
    const el = await mount(project);
    await ready(el);
    const row = rowOf(el, 'Weekly digest');
    const other = rowOf(el, 'Order updates');
    const stop = record(el);
    switchNamed(el, 'Weekly digest — SMS').click();
    await oneEvent(el, 'notiflows-save');
    await el.updateComplete;
    const records = stop();
    expect(outside(records, row)).to.deep.equal([]);
    expect(records.length).to.be.greaterThan(0);
    expect(checked(switchNamed(el, 'Weekly digest — SMS'))).to.equal(false);
    expect(row.textContent).to.include('Saved');
    expect(rowOf(el, 'Order updates')).to.equal(other); // the same node: rows are kept
  });

  it('a notiflow turned off describes its switches as off because of it, and back', async () => {
    const el = await mount(project);
    await ready(el);
    switchNamed(el, 'Weekly digest — all channels').click();
    await el.updateComplete;
    const email = switchNamed(el, 'Weekly digest — Email');
    expect(checked(email)).to.equal(false);
    expect(email.getAttribute('aria-disabled')).to.equal('true');
    expect(email.getAttribute('aria-describedby')).to.equal(`r-${WEEKLY_DIGEST}`);
    expect(el.shadowRoot!.getElementById(`r-${WEEKLY_DIGEST}`)!.textContent).to.equal(
      'Off: this notification is turned off.',
    );
    expect(switchNamed(el, 'Order updates — Email').hasAttribute('aria-disabled')).to.equal(false);
    await expect(el).to.be.accessible();

    let changes = 0;
    el.addEventListener('notiflows-change', () => changes++);
    email.click(); // disabled: nothing happens
    await el.updateComplete;
    expect(changes).to.equal(0);

    switchNamed(el, 'Weekly digest — all channels').click();
    await el.updateComplete;
    expect(changes).to.equal(1);
    expect(checked(email)).to.equal(true);
    expect(email.hasAttribute('aria-disabled')).to.equal(false);
    expect(email.hasAttribute('aria-describedby')).to.equal(false);
    expect(el.shadowRoot!.getElementById(`r-${WEEKLY_DIGEST}`)).to.equal(null);
  });

  it('a save waiting to retry says so in its row, and its Retry sends it now', async () => {
    const el = await mount(project);
    await ready(el);
    await project.fail({ status: 503, retryAfter: 120, method: 'PUT' }); // the next try in 2 minutes
    switchNamed(el, 'Weekly digest — Email').click();
    const row = rowOf(el, 'Weekly digest');
    await waitUntil(
      () => row.textContent!.includes('Not saved yet — will retry'),
      'no retry state',
    );
    const retry = row.querySelector<HTMLButtonElement>('.row-status button')!;
    expect(retry.textContent!.trim()).to.equal('Retry');
    await expect(el).to.be.accessible();
    retry.click();
    await oneEvent(el, 'notiflows-save');
    await el.updateComplete;
    expect(row.textContent).to.include('Saved');
    expect(row.querySelector('.row-status button')).to.equal(null);
    expect(checked(switchNamed(el, 'Weekly digest — Email'))).to.equal(false);
  });

  it('a change on the server changes only its row; string overrides relabel every row', async () => {
    const el = await mount(project);
    await ready(el);
    const row = rowOf(el, 'Order updates');
    const response = await project.admin('PUT', '/users/alice/preferences', {
      notiflows: { [ORDER_UPDATES]: { channel_types: { email: false } } },
    });
    expect(response.ok).to.equal(true);
    const stop = record(el);
    el.reload();
    await waitUntil(() => !checked(switchNamed(el, 'Order updates — Email')), 'not reloaded');
    await el.updateComplete;
    expect(outside(stop(), row)).to.deep.equal([]);

    el.strings = { rowSwitch: '{channel} for {notiflow}', channel: { email: 'Mail' } };
    await el.updateComplete;
    expect(checked(switchNamed(el, 'Mail for Order updates'))).to.equal(false);
    expect(switchNamed(el, 'Mail for Weekly digest')).to.exist;
    expect(switchNamed(el, 'Weekly digest — all channels')).to.exist;
    expect(
      [...rowOf(el, 'Weekly digest').querySelectorAll('.cell-label')].map((l) => l.textContent),
    ).to.deep.equal(['On', 'Mail', 'SMS', 'Chat']);
    expect(text(el)).not.to.include('Email');
  });

  /** Tells the element, as another tab of Alice's would, that the server now holds `notiflows`. */
  const broadcast = async (el: NotiflowsPreferences, notiflows: Preferences['notiflows']) => {
    const hash = await userHashOf(
      new NotiflowsClient({
        apiKey: project.apiKey,
        apiUrl: project.apiUrl,
        userKey: await project.sign('alice'),
      }),
    );
    const tab = new BroadcastChannel('notiflows-preferences');
    tab.postMessage({
      userHash: hash,
      preferences: { channel_types: el.preferences!.channel_types, notiflows },
    });
    tab.close();
  };

  it('a list that changes under the grid: rows by place show their new notiflow, focus stays on its own', async () => {
    const el = await mount(project);
    await ready(el);
    const first = rowOf(el, 'Order updates');
    switchNamed(el, 'Order updates — Email').focus();
    const before = el.preferences!.notiflows;
    // A new notiflow first, of the same layout as Order updates (Email, Browser push): the
    // first row is reused as it is, rewritten.
    await broadcast(el, {
      [SECURITY]: {
        name: 'Security alerts',
        enabled: false,
        channel_types: { email: false, web_push: true },
      },
      ...before,
    });
    await waitUntil(() => text(el).includes('Security alerts'), 'the new list did not render');
    expect(rowOf(el, 'Security alerts')).to.equal(first);
    expect(checked(switchNamed(el, 'Security alerts — Email'))).to.equal(false);
    const push = switchNamed(el, 'Security alerts — Browser push'); // on, but its notiflow is off
    expect(checked(push)).to.equal(false);
    expect(push.getAttribute('aria-disabled')).to.equal('true');
    expect(push.getAttribute('aria-describedby')).to.equal(`r-${SECURITY}`);
    expect(first.contains(el.shadowRoot!.getElementById(`r-${SECURITY}`))).to.equal(true);
    expect(el.shadowRoot!.getElementById(`r-${ORDER_UPDATES}`)).to.equal(null);
    // Focus followed Order updates to its new row, rather than staying on the reused button.
    expect(el.shadowRoot!.activeElement?.getAttribute('aria-label')).to.equal(
      'Order updates — Email',
    );
    switchNamed(el, 'Order updates — Email').click();
    const { detail } = await oneEvent(el, 'notiflows-save');
    expect(detail.keys).to.deep.equal([`notiflows.${ORDER_UPDATES}.channel_types.email`]);
    // And back: the reused row loses what Security alerts had.
    await broadcast(el, before);
    await waitUntil(() => !text(el).includes('Security alerts'), 'the old list did not render');
    expect(switchNamed(el, 'Order updates — all channels').hasAttribute('aria-disabled')).to.equal(
      false,
    );
    expect(el.shadowRoot!.getElementById(`r-${SECURITY}`)).to.equal(null);
  });
});

const SECURITY = '4f2c8d96-ae8c-4ecd-9b96-6d4a6f5db055';
