// On a server with a DOM shim (as Lit's SSR installs), our elements are real custom elements:
// importing the package defines none, importing define registers them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customElements, HTMLElement } from '@lit-labs/ssr-dom-shim';

globalThis.HTMLElement = HTMLElement;
globalThis.customElements = customElements;

test('with a DOM shim, only define registers the elements', async () => {
  const index = await import('../../dist/notiflows.js');
  assert.ok(index.NotiflowsPreferences.prototype instanceof HTMLElement);
  assert.equal(customElements.get('notiflows-preferences'), undefined, 'the index defined it');
  await import('../../dist/define.js');
  assert.equal(customElements.get('notiflows-preferences'), index.NotiflowsPreferences);
  assert.equal(customElements.get('notiflows-push'), index.NotiflowsPush);
});
