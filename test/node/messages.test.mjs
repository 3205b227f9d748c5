// Developer messages: sentences in development builds, ids and links in production ones
// (src/api/messages.ts). Run on the built package, as a site gets it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const SENTENCE = 'It must never reach a browser';
const LINK = 'docs/reference/messages.md#secret_key';
const dist = (file) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), 'utf8');

/** The message of the error an sk_ key gets, importing the package under `conditions`. */
function secretKeyMessage(conditions = []) {
  const code = `import('@notiflows/web-push/headless').then(({ NotiflowsClient }) => {
    try { new NotiflowsClient({ apiKey: 'sk_live_x', userId: 'a' }); }
    catch (e) { process.stdout.write(e.code + '|' + e.message); }
  })`;
  return execFileSync(process.execPath, [...conditions, '--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
}

test('npm build: the `development` condition gets the sentence, the default an id and a link', () => {
  const [code, production] = secretKeyMessage().split('|');
  assert.equal(code, 'secret_key_in_browser');
  assert.ok(!production.includes(SENTENCE), production);
  assert.ok(production.startsWith('secret_key: ') && production.endsWith(LINK), production);
  const development = secretKeyMessage(['--conditions', 'development']).split('|')[1];
  assert.ok(development.includes(SENTENCE), development);
});

test('script tag: the sentences ship in notiflows.dev.iife.js only', () => {
  assert.ok(!dist('notiflows.iife.js').includes(SENTENCE));
  assert.ok(dist('notiflows.iife.js').includes('docs/reference/messages.md'));
  assert.ok(dist('notiflows.dev.iife.js').includes(SENTENCE));
});

test('every message id has its heading (the anchor production links to) and sentence', async () => {
  const { MESSAGES } = await import('../../dist/messages.js');
  const { markdownText } = await import('../../scripts/docs-reference.mjs');
  const page = readFileSync(new URL('../../docs/reference/messages.md', import.meta.url), 'utf8');
  for (const [id, sentence] of Object.entries(MESSAGES)) {
    assert.ok(page.includes(`\n## ${id}\n`), `no heading for ${id}`);
    assert.ok(page.includes(markdownText(sentence).replace('{}', '…')), `no sentence for ${id}`);
  }
});
