// Importing the package on a server (SSR, Node) must not throw, and must not pull Lit
// into the headless entry. Node has no DOM here, as on a server without a DOM shim: our base
// class extends a stand-in for HTMLElement and there is no registry to define elements in
// (ssr-dom-shim.test.mjs defines them where a shim gives one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

test('every entry imports in Node without a DOM; define gives the properties accessors', async () => {
  assert.equal(typeof globalThis.customElements, 'undefined');
  const index = await import('../../dist/notiflows.js');
  assert.equal(typeof index.NotiflowsPreferences, 'function');
  assert.equal(typeof index.NotiflowsClient, 'function');
  const headless = await import('../../dist/headless.js');
  for (const name of [
    'NotiflowsClient',
    'NotiflowsError',
    'PushSubscriber',
    'PreferencesStore',
    'effectiveSwitch',
  ]) {
    assert.equal(typeof headless[name], 'function', name);
  }
  await import('../../dist/define.js');
  // What the React wrapper looks for to set a prop as a property, not an attribute.
  assert.ok('userKeyProvider' in index.NotiflowsPreferences.prototype);
  await import('../../dist/testing.js');
});

test('the headless entry does not import Lit', () => {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');
    assert.doesNotMatch(code, /from ["']lit|from ["']@lit\//, `${file} imports Lit`);
    for (const [, dep] of code.matchAll(/from ["']\.\/([^"']+)["']/g)) visit(dep);
  };
  visit('headless.js');
});

test('a secret key is refused in Node too, before any request', async () => {
  const { NotiflowsClient } = await import('../../dist/headless.js');
  let fetched = 0;
  assert.throws(
    () =>
      new NotiflowsClient({
        apiKey: 'sk_live_x',
        userId: 'u',
        fetch: () => {
          fetched++;
        },
      }),
    { code: 'secret_key_in_browser' },
  );
  assert.equal(fetched, 0);
});

test('the React wrapper: a component for <notiflows-preferences> that renders on the server too', async () => {
  const React = await import('react');
  const { renderToString } = await import('react-dom/server');
  const { NotiflowsPreferences } = await import('../../dist/react.js');
  const html = renderToString(
    React.createElement(NotiflowsPreferences, {
      apiKey: 'pk_test_x',
      userKey: 'a.user.key',
      locale: 'fr',
      onNotiflowsSave: () => {},
    }),
  );
  // Props are the element's properties, set in the browser: none is written into the HTML.
  assert.equal(html, '<notiflows-preferences></notiflows-preferences>');
  assert.equal(NotiflowsPreferences.displayName, 'NotiflowsPreferences');
});
