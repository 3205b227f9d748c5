// `npm run size`: min, gzip and brotli bytes of what a site loads, checked against
// size-budgets.json. Exits non-zero over budget. Run after `npm run build`.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const budgets = JSON.parse(readFileSync(new URL('../size-budgets.json', import.meta.url)));

// Bundled and minified as a site's bundler would: dependencies included, peers excluded.
async function bundle(entry, external = []) {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external,
    target: 'es2021',
    logLevel: 'error',
  });
  return out.outputFiles[0].contents;
}

const measured = {
  'script tag (dist/notiflows.iife.js, Lit included)': readFileSync('dist/notiflows.iife.js'),
  'headless (client + push + preferences, no Lit)': await bundle('dist/headless.js'),
  'service worker (dist/notiflows-sw.js)': readFileSync('dist/notiflows-sw.js'),
  'testing kit (msw excluded)': await bundle('dist/testing.js', ['msw']),
};

const rows = [];
let over = false;
for (const [name, bytes] of Object.entries(measured)) {
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  const budget = budgets.gzip[name];
  const ok = budget === undefined || gzip <= budget;
  over ||= !ok;
  rows.push(
    `| ${name} | ${bytes.length.toLocaleString('en')} | ${gzip.toLocaleString('en')} | ${brotli.toLocaleString('en')} | ${budget === undefined ? '—' : `${budget.toLocaleString('en')}${ok ? '' : ' **over**'}`} |`,
  );
}
console.log(
  '| bundle | min bytes | gzip | brotli | gzip budget |\n|---|---:|---:|---:|---:|\n' +
    rows.join('\n'),
);
if (over) {
  console.error(
    '\nOver budget: see size-budgets.json (never raise a budget without a written reason there).',
  );
  process.exit(1);
}
