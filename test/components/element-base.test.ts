import { expect, fixture, html as fixtureHtml } from '@open-wc/testing';
import { css } from '../../src/components/css.js';
import type { PropertyValues, ReactiveController } from 'lit';
import { html, render } from 'lit/html.js';
import { ElementBase, type PropertyDeclarations } from '../../src/components/element-base.js';

/** What Lit's element layer did for our elements, now ElementBase's, checked on a small one. */
let count = 0;
const define = () => {
  class Probe extends ElementBase {
    static override styles = css`
      p {
        color: rgb(1, 2, 3);
      }
    `;
    static override properties: PropertyDeclarations = {
      label: {},
      userId: { attribute: 'user-id' },
      theme: { reflect: true },
      open: { type: Boolean },
      delay: { type: Number },
      topics: { converter: { fromAttribute: (v) => v?.split(',') } },
      provider: { attribute: false },
      note: { state: true },
    };
    label?: string;
    userId?: string;
    theme = 'auto';
    open = false;
    delay?: number;
    topics?: string[];
    provider?: () => string;
    note = '';
    renders = 0;
    changes: PropertyValues[] = [];
    protected override willUpdate(changed: PropertyValues): void {
      this.changes.push(new Map(changed));
    }
    protected override commit(result: unknown) {
      render(result, this.renderRoot, { host: this });
    }
    protected override render() {
      this.renders++;
      return html`<p>${this.label} ${this.note}</p>`;
    }
  }
  const name = `element-base-probe-${++count}`;
  return { name, Probe, up: () => customElements.define(name, Probe) };
};
type Probe = InstanceType<ReturnType<typeof define>['Probe']>;

const make = async (markup: string) => {
  const { name, up } = define();
  up();
  const host = await fixture(fixtureHtml`<div></div>`);
  host.innerHTML = markup.replaceAll('probe', name);
  const el = host.firstElementChild as Probe;
  await el.updateComplete;
  return el;
};

describe('ElementBase', () => {
  it('converts attributes to properties, and reflects theme back', async () => {
    const el = await make(
      '<probe label="Hi" user-id="u1" open delay="5" topics="a,b" provider="x" note="n"></probe>',
    );
    expect(el.label).to.equal('Hi');
    expect(el.userId).to.equal('u1');
    expect(el.open).to.equal(true);
    expect(el.delay).to.equal(5);
    expect(el.topics).to.deep.equal(['a', 'b']);
    expect(el.provider).to.equal(undefined);
    expect(el.note).to.equal('');
    expect(el.getAttribute('theme')).to.equal('auto');
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('Hi ');
    el.removeAttribute('open');
    el.theme = 'dark';
    expect(await el.updateComplete).to.equal(true);
    expect(el.open).to.equal(false);
    expect(el.getAttribute('theme')).to.equal('dark');
    el.setAttribute('theme', 'light');
    expect(el.theme).to.equal('light');
  });

  it('batches changes into one update with what changed, and renders state', async () => {
    const el = await make('<probe></probe>');
    const before = el.renders;
    el.label = 'a';
    el.label = 'b';
    el.note = 'c';
    el.open = false; // unchanged: not an update of its own
    await el.updateComplete;
    expect(el.renders).to.equal(before + 1);
    expect([...el.changes.at(-1)!]).to.deep.equal([
      ['label', undefined],
      ['note', ''],
    ]);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('b c');
    expect(getComputedStyle(el.shadowRoot!.querySelector('p')!).color).to.equal('rgb(1, 2, 3)');
  });

  it('keeps properties set before the element was defined', async () => {
    const { name, up } = define();
    const host = await fixture(fixtureHtml`<div></div>`);
    host.innerHTML = `<${name} theme="dark"></${name}>`;
    const el = host.firstElementChild as Probe;
    const provider = () => 'key';
    Object.assign(el, { provider, label: 'early' });
    up();
    await el.updateComplete;
    expect(el.provider).to.equal(provider);
    expect(el.label).to.equal('early');
    expect(el.theme).to.equal('dark');
    expect(Object.hasOwn(el, 'provider')).to.equal(false);
    expect('provider' in el && 'note' in el).to.equal(true);
    expect(el.shadowRoot!.querySelector('p')!.textContent).to.equal('early ');
  });

  it('tells controllers of connections and updates, a late one at once', async () => {
    const el = await make('<probe></probe>');
    const heard: string[] = [];
    const controller = (id: string): ReactiveController => ({
      hostConnected: () => heard.push(`${id} connected`),
      hostDisconnected: () => heard.push(`${id} disconnected`),
      hostUpdate: () => heard.push(`${id} update`),
      hostUpdated: () => heard.push(`${id} updated`),
    });
    const late = controller('late');
    el.addController(late);
    el.requestUpdate();
    await el.updateComplete;
    const parent = el.parentNode!;
    el.remove();
    parent.append(el);
    el.removeController(late);
    el.requestUpdate();
    await el.updateComplete;
    expect(heard).to.deep.equal([
      'late connected',
      'late update',
      'late updated',
      'late disconnected',
      'late connected',
    ]);
  });

  it('does not update before it is connected', async () => {
    const { name, up } = define();
    up();
    const el = document.createElement(name) as Probe;
    el.label = 'x';
    await new Promise((r) => setTimeout(r, 10));
    expect(el.renders).to.equal(0);
    expect(el.shadowRoot).to.equal(null);
    document.body.append(el);
    await el.updateComplete;
    expect(el.renders).to.equal(1);
    el.remove();
  });
});
