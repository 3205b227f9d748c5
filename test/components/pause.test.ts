import { expect, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { NotiflowsPreferences, PreferencesLayout } from '../../src/index.js';
import { createProject, type Project } from '../helpers.js';
import { mount as mountPanel, ready, switchNamed, sw, text } from './element-helpers.js';

// Issue 21: "Turn everything off" pauses every channel type in one PUT, says what still
// arrives, and "Turn back on" restores exactly the types that were on, from a record this
// browser keeps for that user only.

const ALL = ['chat', 'email', 'in_app', 'mobile_push', 'sms', 'web_push'];
const LAYOUT: PreferencesLayout = { notiflows: { 'Weekly digest': { required: true } } };

describe('<notiflows-preferences> turn everything off', function () {
  this.timeout(60_000);
  let project: Project;
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed')
      console.log(JSON.stringify((await puts()).map((r) => [r.status, r.user, r.fault, r.body])));
    return project.dispose();
  });

  async function mount(user = 'alice') {
    const el = await mountPanel(project, user, { layout: LAYOUT });
    await ready(el);
    await el.updateComplete;
    return el;
  }

  // Answered ones: a request is logged as it arrives, its body once read.
  const puts = async () => (await project.requests()).filter((r) => r.method === 'PUT' && r.status);
  const putCount = async (n: number) =>
    waitUntil(async () => (await puts()).length === n, `expected ${n} PUTs`, { timeout: 10_000 });
  const serverTypes = async (user = 'alice') =>
    (await project.snapshot()).users.find((u) => u.external_id === user)!.preferences.channel_types;
  /** Waits until the server has exactly `type` off: the set restored. */
  const onlyOff = (type: string) =>
    waitUntil(
      async () => {
        const types = await serverTypes();
        return ALL.filter((t) => !types[t]).join() === type;
      },
      'not the exact set',
      { timeout: 10_000 },
    );
  const pauseButton = (el: NotiflowsPreferences) => sw(el, '[part~=pause]') as HTMLButtonElement;

  it('one PUT turns every type off, says what still arrives, and Turn back on restores exactly', async () => {
    const el = await mount();
    switchNamed(el, 'SMS — all notifications').click();
    await putCount(1);

    const shownBefore = [...el.shadowRoot!.querySelectorAll('.channels [role=switch]')].map((s) =>
      s.getAttribute('aria-label'),
    );
    const button = pauseButton(el);
    expect(button.textContent).to.include('Turn everything off');
    button.focus();
    button.click();
    await el.updateComplete;
    // Said at once, before the save: what still arrives.
    expect(sw(el, '[part~=status]')!.textContent).to.include('Paused: only');
    await putCount(1 + 1);
    const pause = (await puts())[1]!;
    expect(pause.body).to.deep.equal({
      channel_types: {
        chat: false,
        email: false,
        in_app: false,
        mobile_push: false,
        web_push: false,
      },
    });
    expect(Object.values(await serverTypes()).every((on) => on === false)).to.equal(true);
    await el.updateComplete;
    // Types no notiflow uses stay out of sight, though the pause turned them off too.
    const channels = () =>
      [...el.shadowRoot!.querySelectorAll('.channels [role=switch]')].map((s) =>
        s.getAttribute('aria-label'),
      );
    expect(channels()).to.deep.equal(shownBefore);
    const paused = sw(el, '[part~=paused]')!;
    expect(paused.textContent).to.include('Weekly digest'); // required: it still arrives
    expect(pauseButton(el).textContent).to.include('Turn back on');
    expect(el.shadowRoot!.activeElement).to.equal(pauseButton(el)); // the same button, focus kept
    await expect(el).to.be.accessible();

    pauseButton(el).click();
    await putCount(3);
    expect((await puts())[2]!.body).to.deep.equal({
      channel_types: { chat: true, email: true, in_app: true, mobile_push: true, web_push: true },
    });
    expect((await serverTypes()).sms).to.equal(false); // off before the pause: stays off
    await el.updateComplete;
    expect(sw(el, '[part~=paused]')).to.equal(null);
    expect(pauseButton(el).textContent).to.include('Turn everything off');
    expect(channels()).to.deep.equal(shownBefore);
  });

  /** Alice turns `channel` off, then everything, and closes her panel: two PUTs. */
  async function pauseWithout(channel: string) {
    const alice = await mount();
    switchNamed(alice, `${channel} — all notifications`).click();
    await putCount(1);
    pauseButton(alice).click();
    await putCount(2);
    alice.remove();
  }

  it('a panel opened later for the same user restores the same set', async () => {
    await pauseWithout('Email');
    const again = await mount();
    expect(text(again)).to.not.include('doesn’t know');
    pauseButton(again).click();
    await putCount(3);
    const types = await serverTypes();
    expect(types.email).to.equal(false);
    expect(ALL.filter((t) => types[t])).to.deep.equal(ALL.filter((t) => t !== 'email'));
  });

  it('paused elsewhere, or by another user of this browser: says it does not know, and turns every type on', async () => {
    await pauseWithout('SMS');

    const off = Object.fromEntries(ALL.map((t) => [t, false]));
    const r = await project.admin('PUT', '/users/bob/preferences', { channel_types: off });
    expect(r.status).to.equal(200);
    const bob = await mount('bob');
    expect(text(bob)).to.include('doesn’t know which channels');
    expect(pauseButton(bob).textContent).to.include('Turn all back on');
    await expect(bob).to.be.accessible();
    pauseButton(bob).click();
    await waitUntil(async () => (await puts()).some((p) => p.user === 'bob'), 'no PUT for bob');
    // Alice's record (SMS off) is hers: Bob gets every type back.
    const types = await serverTypes('bob');
    expect(ALL.filter((t) => types[t] === true)).to.deep.equal(ALL);
  });

  it('a pause made offline survives a reload: sent then, and turned back on exactly', async () => {
    const el = await mount();
    switchNamed(el, 'SMS — all notifications').click();
    await putCount(1);
    await project.fail({ method: 'PUT', path: '/preferences', drop: true, times: 100 });
    pauseButton(el).click();
    await waitUntil(() => text(el).includes('Not saved yet'), 'not retrying', { timeout: 10_000 });
    el.remove();
    await project.clearFaults();

    const again = await mount();
    await waitUntil(
      async () => Object.values(await serverTypes()).every((on) => !on),
      'the queued pause was not sent',
      { timeout: 10_000 },
    );
    await waitUntil(() => pauseButton(again).textContent!.includes('Turn back on'), 'no record');
    pauseButton(again).click();
    await onlyOff('sms');
  });

  it('Turn back on while the pause is still on its way, refused: the pause and its exact set stay', async () => {
    const el = await mount();
    switchNamed(el, 'SMS — all notifications').click();
    await putCount(1);
    await project.fail({ method: 'PUT', path: '/preferences', delay: 1_500, times: 1 });
    await project.fail({ method: 'PUT', path: '/preferences', status: 422, times: 1 });
    pauseButton(el).click();
    await waitUntil(
      async () => (await project.requests()).filter((r) => r.method === 'PUT').length === 2,
      'the pause was not sent',
    );
    pauseButton(el).click(); // Turn back on, before the pause is confirmed
    await waitUntil(() => text(el).includes('Couldn’t save'), 'the resume was not refused', {
      timeout: 10_000,
    });
    expect(Object.values(await serverTypes()).every((on) => !on)).to.equal(true);
    await el.updateComplete;
    expect(pauseButton(el).textContent).to.include('Turn back on'); // still known: not "all"
    pauseButton(el).click();
    await onlyOff('sms');
  });

  it('when no channel type is shown, the pause and its note still are', async () => {
    const el = await mountPanel(project, 'alice', {
      layout: LAYOUT,
      channelTypes: ['mobile_push'],
    });
    await waitUntil(() => pauseButton(el), 'no pause button');
    pauseButton(el).focus();
    pauseButton(el).click();
    await waitUntil(() => sw(el, '[part~=paused]'), 'no paused note');
    expect(el.shadowRoot!.activeElement).to.equal(pauseButton(el));
    expect(pauseButton(el).getAttribute('aria-describedby')).to.equal('paused');
  });

  it('a refused pause rolls back: not paused, the button still turns everything off', async () => {
    const el = await mount();
    await project.fail({ method: 'PUT', path: '/preferences', status: 422, times: 1 });
    pauseButton(el).click();
    await waitUntil(() => text(el).includes('Couldn’t save'), 'no failure shown', {
      timeout: 10_000,
    });
    expect(sw(el, '[part~=paused]')).to.equal(null);
    expect(pauseButton(el).textContent).to.include('Turn everything off');
    expect(Object.values(await serverTypes()).every((on) => on)).to.equal(true);
    // Its record went with it: paused later by other means, this browser does not claim to know.
    el.remove();
    const off = Object.fromEntries(ALL.map((t) => [t, false]));
    await project.admin('PUT', '/users/alice/preferences', { channel_types: off });
    const again = await mount();
    expect(pauseButton(again).textContent).to.include('Turn all back on');
  });

  it('another tab of the same user shows the pause, and turns back on the same set', async () => {
    const a = await mount();
    const b = await mount();
    switchNamed(a, 'Chat — all notifications').click();
    await putCount(1);
    pauseButton(a).click();
    await putCount(2);
    await waitUntil(() => !!sw(b, '[part~=paused]'), 'the other tab did not show the pause');
    // Shown with what it will turn back on, never first as unknown.
    expect(pauseButton(b).textContent).to.include('Turn back on');
    pauseButton(b).click();
    await putCount(3);
    const types = await serverTypes();
    expect(ALL.filter((t) => !types[t])).to.deep.equal(['chat']);
  });
});

describe('<notiflows-preferences> channel descriptions', function () {
  this.timeout(60_000);
  let project: Project;
  beforeEach(async () => {
    project = await createProject();
  });
  afterEach(() => project.dispose());

  it('a description and a why line per channel type, read with its switch; axe clean', async () => {
    const el = await mountPanel(project, 'alice', {
      locale: 'fr',
      layout: {
        channels: {
          sms: {
            description: { en: 'Texts to your phone.', fr: 'Des SMS sur votre téléphone.' },
            why: 'Only when a delivery is at risk.',
          },
        },
      },
    });
    await ready(el);
    await waitUntil(() => text(el).includes('Canaux'), 'French did not load');
    const sms = switchNamed(el, 'SMS — toutes les notifications');
    const about = sw(el, `#${sms.getAttribute('aria-describedby')}`)!;
    expect(about.textContent).to.include('Des SMS sur votre téléphone.');
    expect(about.textContent).to.include('Only when a delivery is at risk.');
    expect(sw(el, '[part~=channel-why]')!.textContent).to.equal('Only when a delivery is at risk.');
    expect(switchNamed(el, 'E-mail — toutes les notifications').hasAttribute('aria-describedby')).to
      .be.false;
    await expect(el).to.be.accessible();
  });
});
