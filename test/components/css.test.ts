import { expect, fixture, html as fixtureHtml } from '@open-wc/testing';
import { html, render } from 'lit/html.js';
import { adoptStyles, css } from '../../src/components/css.js';
import { ElementBase } from '../../src/components/element-base.js';

const red = css`
  color: rgb(255, 0, 0);
`;
const styles = css`
  p {
    ${red}
  }
`;
const later = css`
  p {
    background: rgb(0, 0, 255);
  }
`;

let count = 0;
/** An element with `styles`; `swap` renders another template (lit-html clears the old). */
const make = async () => {
  class Probe extends ElementBase {
    static override styles = [styles];
    static override properties = { swap: { type: Boolean } };
    swap = false;
    protected override commit(result: unknown) {
      render(result, this.renderRoot, { host: this });
    }
    protected override render() {
      return this.swap ? html`<p>b</p>` : html`<div><p>a</p></div>`;
    }
  }
  const name = `css-probe-${++count}`;
  customElements.define(name, Probe);
  const host = await fixture(fixtureHtml`<div></div>`);
  host.innerHTML = `<${name}></${name}><${name}></${name}>`;
  const [a, b] = [...host.children] as Probe[];
  await a.updateComplete;
  return [a, b] as const;
};
const look = (el: Element) => getComputedStyle(el.shadowRoot!.querySelector('p')!);

describe('css', () => {
  it('nests our own styles and refuses anything else', () => {
    expect(styles.text).to.include('color: rgb(255, 0, 0)');
    const color = 'red';
    // prettier-ignore
    // @ts-expect-error: only our styles, as Lit's tag refuses arbitrary values
    void css`p { color: ${color}; }`;
  });

  it('one sheet per style, shared by every instance; more styles come after', async () => {
    const [a, b] = await make();
    expect(look(a).color).to.equal('rgb(255, 0, 0)');
    expect(a.shadowRoot!.adoptedStyleSheets).to.deep.equal([styles.sheet]);
    expect(b.shadowRoot!.adoptedStyleSheets[0]).to.equal(a.shadowRoot!.adoptedStyleSheets[0]);
    adoptStyles(a.shadowRoot!, [later]);
    expect(a.shadowRoot!.adoptedStyleSheets).to.deep.equal([styles.sheet, later.sheet]);
    expect(look(a).backgroundColor).to.equal('rgb(0, 0, 255)');
    expect(look(b).backgroundColor).not.to.equal('rgb(0, 0, 255)');
  });

  it('where roots cannot adopt sheets (Firefox 94–100): one <style>, kept through renders', async () => {
    const adopted = Object.getOwnPropertyDescriptor(ShadowRoot.prototype, 'adoptedStyleSheets')!;
    expect(adopted).to.be.an('object');
    delete (ShadowRoot.prototype as Partial<ShadowRoot>).adoptedStyleSheets;
    try {
      const [a] = await make();
      expect(look(a).color).to.equal('rgb(255, 0, 0)');
      adoptStyles(a.shadowRoot!, [later]);
      a.swap = true;
      await a.updateComplete;
      expect(a.shadowRoot!.querySelectorAll('style')).to.have.length(1);
      expect(look(a).color).to.equal('rgb(255, 0, 0)');
      expect(look(a).backgroundColor).to.equal('rgb(0, 0, 255)');
    } finally {
      Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', adopted);
    }
  });
});
