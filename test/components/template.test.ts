import { expect } from '@open-wc/testing';
import { render as litRender } from 'lit/html.js';
import { html, nothing, render } from '../../src/components/template.js';
import { pushCard, type PushCardView } from '../../src/components/push-card.js';
import { enPush } from '../../src/i18n/en/push.js';
import { NotiflowsError } from '../../src/api/errors.js';
import type { PushHint, PushState } from '../../src/push/environment.js';

/** The DOM a container shows, without the renderers' own comments. */
function shown(container: Element): string {
  const copy = container.cloneNode(true) as Element;
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode!.removeChild(c));
  copy.normalize();
  return copy.innerHTML;
}

/** Renders each value in turn with ours and with lit-html: the same DOM after each. */
function sameAsLit(values: unknown[]): HTMLElement {
  const ours = document.createElement('div');
  const lit = document.createElement('div');
  for (const value of values) {
    render(value, ours);
    litRender(value, lit);
    expect(shown(ours)).to.equal(shown(lit));
  }
  return ours;
}

describe('template.ts: lit-html syntax, our small renderer', () => {
  const item = (s: string) => html`<li data-x=${s}>${s}</li>`;
  const card = (title: unknown, body: unknown) =>
    html`<h3>${title}</h3>
      <p>${body}</p>`;
  const list = (xs: string[]) =>
    html`<ul>
      ${xs.map(item)}
    </ul>`;

  it('makes the values lit-html makes (its `nothing` is ours)', () => {
    const ours = html`<b>${1}</b>`;
    expect(ours).to.have.keys(['_$litType$', 'strings', 'values']);
    expect(nothing).to.equal(Symbol.for('lit-nothing'));
  });

  it('renders children as lit-html does: text, templates, nothing, arrays, swaps', () => {
    sameAsLit([
      card('a', 'b'),
      card('a2', nothing),
      card(html`<i>${'x'}</i>`, 3),
      list(['a', 'b', 'c']),
      list(['a']),
      list(['a', 'd', 'e', 'f']),
      list([]),
      list(['g', 'h']),
      'plain text',
      card(undefined, null),
      card(false, 0),
      nothing,
      card('back', 'text first'),
      card('back', ['t', html`<em>u</em>`]),
      card('back', 'text again'),
      card({ toString: () => 'an object' }, () => 'a function'), // as text, as lit-html does
    ]);
  });

  it('sets attributes as lit-html does: quoted, unquoted, boolean, property, nothing', () => {
    const t = (v: unknown, b: unknown, p: unknown) =>
      html`<button aria-label=${v} data-q="${v}" ?disabled=${b} .title=${p}>x</button>`;
    const el = sameAsLit([
      t('one', true, 'p'),
      t('two', false, 'q'),
      t(nothing, 'yes', nothing),
      t('three', nothing, 'q'),
      t(undefined, 0, 'r'),
      t('a "quoted" <value>', true, 's'),
    ]);
    expect(el.querySelector('button')!.getAttribute('aria-label')).to.equal('a "quoted" <value>');
  });

  it('escapes text: markup in a value stays text', () => {
    const el = sameAsLit([card('<img src=x onerror="window.hacked=1">', '<b>bold</b>')]);
    expect(el.querySelector('img, b')).to.equal(null);
    expect(el.querySelector('h3')!.textContent).to.equal('<img src=x onerror="window.hacked=1">');
  });

  it('renders only templates written in code: a look-alike object from JSON is refused, never parsed', () => {
    const root = document.createElement('div');
    const spoof = JSON.parse(
      '{"_$litType$":1,"strings":["<img src=x onerror=\\"window.spoofed=1\\">"],"values":[]}',
    ) as unknown;
    expect(() => render(html`<p>${spoof}</p>`, root)).to.throw(/Unsupported value/);
    expect(() => render(spoof, document.createElement('div'))).to.throw(/Unsupported value/);
    expect(root.querySelector('img')).to.equal(null);
  });

  it('keeps nodes across updates of the same template (focus and listeners stay)', () => {
    const root = document.createElement('div');
    const calls: unknown[] = [];
    const host = { name: 'host' };
    const t = (label: string, n: number) =>
      html`<button
        @click=${function (this: unknown) {
          calls.push([this, n]);
        }}
      >
        ${label}
      </button>`;
    render(t('a', 1), root, { host });
    const button = root.querySelector('button')!;
    render(t('b', 2), root, { host });
    expect(root.querySelector('button') === button).to.equal(true);
    expect(button.textContent!.trim()).to.equal('b');
    button.click();
    expect(calls).to.deep.equal([[host, 2]]); // the latest listener, called with the host
  });

  it('leaves unchanged text alone, so a live region does not read it again', async () => {
    const root = document.createElement('div');
    const status = (s: string) => html`<p role="status">${s}</p>`;
    render(status('Saved'), root);
    const seen: MutationRecord[] = [];
    const observer = new MutationObserver((r) => seen.push(...r));
    observer.observe(root, { subtree: true, characterData: true, childList: true });
    render(status('Saved'), root);
    await Promise.resolve();
    expect(seen.length).to.equal(0);
    render(status('Saving…'), root);
    await Promise.resolve();
    observer.disconnect();
    expect(seen.length).to.equal(1);
  });

  it('throws on what it does not support instead of rendering it wrong', () => {
    const root = document.createElement('div');
    expect(() => render(html`<p class="a ${'b'}">x</p>`, root)).to.throw(/Unsupported binding/);
    expect(() => render(html`<p title="${'a'} b">x</p>`, root)).to.throw(/Unsupported binding/);
    // Where the parser cannot see a binding, it says so rather than drop it.
    expect(() => render(html`<textarea>${'a'}</textarea>`, root)).to.throw(/Unsupported binding/);
    // eslint-disable-next-line lit/binding-positions -- what the renderer must refuse
    expect(() => render(html`<p><!-- a=${'b'} --></p>`, root)).to.throw(/Unsupported binding/);
    const directive = { ['_$litDirective$']: class {}, values: [] };
    expect(() => render(html`<p>${directive}</p>`, document.createElement('div'))).to.throw(
      /Unsupported value/,
    );
  });

  it('renders the push card, in every state, hint and error, as lit-html does', () => {
    const states = Object.keys(enPush.pushState) as PushState[];
    const hints = [undefined, ...Object.keys(enPush.pushHint)] as (PushHint | undefined)[];
    const views: PushCardView[] = [];
    const view = (over: Partial<PushCardView>, push: Partial<PushCardView['push']>) =>
      ({
        push,
        text: enPush,
        locale: 'en',
        errorText: (e: NotiflowsError) => `error: ${e.code}`,
        enable() {},
        disable() {},
        test() {},
        focusAfter() {},
        ...over,
      }) as PushCardView;
    for (const state of states)
      for (const hint of hints)
        views.push(
          view({}, { state, hint, error: new NotiflowsError('network_error', 'offline') }),
        );
    views.push(view({ checking: true }, { state: 'prompt' }));
    views.push(view({ tested: 'sent' }, { state: 'subscribed' }));
    views.push(view({ tested: new NotiflowsError('push_denied', '') }, { state: 'subscribed' }));
    views.push(
      view({ prefs: { channel_types: { web_push: false } } as never }, { state: 'subscribed' }),
    );
    sameAsLit(views.map(pushCard));
    sameAsLit([...views].reverse().map(pushCard));
  });
});
