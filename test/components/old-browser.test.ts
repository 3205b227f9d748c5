import { expect } from '@open-wc/testing';

// A browser that parses es2022 but lacks an API the element needs (structuredClone arrived
// in Safari 15.4, Chrome 98). Its own page: nothing else has defined the element here.
describe('<notiflows-preferences> below the browser floor', () => {
  it('is not defined, shows its own content, and logs one line naming what is missing', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    const clone = globalThis.structuredClone;
    console.warn = (...args: unknown[]) => warnings.push(args);
    // @ts-expect-error simulating an older browser
    delete globalThis.structuredClone;
    try {
      document.body.innerHTML =
        '<notiflows-preferences api-key="pk_test_fake">Manage notifications in your account.</notiflows-preferences>';
      await import('../../src/define.js');
    } finally {
      console.warn = warn;
      globalThis.structuredClone = clone;
    }
    expect(customElements.get('notiflows-preferences')).to.equal(undefined);
    expect(warnings).to.have.length(1);
    expect(String(warnings[0][0])).to.include('structuredClone');
    const el = document.querySelector('notiflows-preferences')!;
    expect(el.shadowRoot).to.equal(null);
    expect(el.textContent).to.equal('Manage notifications in your account.');
  });
});
