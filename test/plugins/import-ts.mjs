// Loads a TypeScript module of this repo in Node (the WTR config and the demo server run in
// plain Node 20): esbuild bundles it once into .cache/, dependencies stay external.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, resolve, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function importTs(entry) {
  const outdir = resolve(root, '.cache/node');
  mkdirSync(outdir, { recursive: true });
  const outfile = resolve(outdir, `${basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [resolve(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
