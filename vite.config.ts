import { fileURLToPath } from 'node:url';
import { minifyHTMLLiterals } from 'minify-literals';
import { defineConfig, type Plugin } from 'vite';
import { de } from './src/i18n/de.ts';
import { EN_PARTS, en } from './src/i18n/en.ts';
import { es } from './src/i18n/es.ts';
import { fr } from './src/i18n/fr.ts';
import { keyPaths, pack } from './src/i18n/packed.ts';

// Four builds (see package.json "build"):
//   default   ESM entries for npm; lit, idb-keyval, jose and msw stay external, and so do the
//             developer messages (`@notiflows/web-push/messages`: sentences under the
//             `development` export condition, ids and links otherwise; src/api/messages.ts)
//   iife      dist/notiflows.iife.js: one script-tag file; it imports dist/i18n/{fr,de,es}.js
//             (from the default build) only for those locales; messages as ids and links
//   iife-dev  dist/notiflows.dev.iife.js: the same with the sentences
//   sw        dist/notiflows-sw.js: the service worker as a classic script
const external = (id: string) =>
  /^(lit|@lit\/[^/]+|idb-keyval|jose|msw|react|react-dom)(\/|$)/.test(id);

// Where src/api/errors.ts imports the sentences: a production script tag gets the stand-in
// without them; the npm build imports them through the package's own `./messages` export,
// so the consumer's bundler picks the file by its `development` condition.
const MESSAGES = /^\.\/messages\.js$/;
const messagesAs = (replacement: string) => ({
  find: MESSAGES,
  replacement: fileURLToPath(new URL(replacement, import.meta.url)),
});
const messagesExternal = (): Plugin => ({
  name: 'notiflows:messages-external',
  enforce: 'pre',
  resolveId: (source, importer) =>
    MESSAGES.test(source) && importer?.endsWith('/src/api/errors.ts')
      ? { id: '@notiflows/web-push/messages', external: true }
      : null,
});

// Prettier lays templates out one element per line; the shipped code should not carry that
// indentation. Minifies html`` (whitespace collapsed conservatively: one space stays where
// there was some) and css`` (Lightning CSS) in our sources, for every build.
const minifyTemplates = (): Plugin => ({
  name: 'notiflows:minify-templates',
  enforce: 'pre',
  async transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !/\b(html|css)`/.test(code)) return null;
    return minifyHTMLLiterals(code, { fileName: id, html: { conservativeCollapse: true } });
  },
});

// The script tag is one file: what the npm build loads on first use (`lazy(() => import(…))`,
// src/internal/lazy.ts) is imported statically there. Left to the bundler, an inlined dynamic
// import wraps its module and everything it reaches (Lit included) in lazy-init functions:
// +1.7 kB gzip. Only our own relative imports of src/ are rewritten; fr/de/es stay dynamic.
const inlineLazy = (): Plugin => ({
  name: 'notiflows:inline-lazy',
  enforce: 'pre',
  transform(code, id) {
    if (!/\/src\/.*\.ts$/.test(id) || !code.includes('lazy(')) return null;
    const imports: string[] = [];
    const out = code.replace(/lazy\(\(\) => import\(('\.{1,2}\/[^']+')\)/g, (_, path: string) => {
      imports.push(`import * as __lazy${imports.length} from ${path};`);
      return `lazy(() => Promise.resolve(__lazy${imports.length - 1})`;
    });
    return imports.length ? { code: `${imports.join('\n')}\n${out}`, map: null } : null;
  },
});

// fr/de/es ship packed (src/i18n/packed.ts): their strings without the key names, in English's
// parts. The build fails if a locale's keys are not exactly English's, since the loader relies
// on that.
const packLocales = (): Plugin => ({
  name: 'notiflows:pack-locales',
  generateBundle(_options, bundle) {
    const locales = { fr, de, es };
    const english = JSON.stringify(keyPaths(en));
    for (const chunk of Object.values(bundle)) {
      const name =
        chunk.type === 'chunk' &&
        /\/src\/i18n\/(fr|de|es)\.ts$/.exec(chunk.facadeModuleId ?? '')?.[1];
      if (!name) continue;
      const strings = locales[name as keyof typeof locales];
      if (JSON.stringify(keyPaths(strings)) !== english)
        throw new Error(`src/i18n/${name}.ts does not have exactly the keys of en.ts`);
      chunk.code = `export const ${name}=${JSON.stringify(pack(strings, EN_PARTS))};\n`;
    }
  },
});

export default defineConfig(({ mode }) => {
  if (mode === 'sw') {
    return {
      build: {
        emptyOutDir: false,
        minify: true,
        target: 'es2022',
        lib: {
          entry: 'sw/notiflows-sw.ts',
          formats: ['iife'],
          name: 'NotiflowsServiceWorker',
          fileName: () => 'notiflows-sw.js',
        },
      },
    };
  }
  if (mode === 'iife' || mode === 'iife-dev') {
    return {
      plugins: [minifyTemplates(), inlineLazy()],
      resolve: {
        alias: [
          ...(mode === 'iife' ? [messagesAs('src/api/messages.codes.ts')] : []),
          // The script tag has lit-html for the panel, so every element renders with it: the
          // small renderer of src/components/template.ts would only add 1 kB there.
          { find: /^\.\/template\.js$/, replacement: 'lit/html.js' },
          {
            find: /^\.\/import-locale\.js$/,
            replacement: fileURLToPath(
              new URL('src/i18n/import-locale.script-tag.ts', import.meta.url),
            ),
          },
        ],
      },
      build: {
        emptyOutDir: false,
        minify: true,
        target: 'es2022',
        lib: {
          entry: 'src/script-tag.ts',
          formats: ['iife'],
          name: 'Notiflows',
          fileName: () => (mode === 'iife' ? 'notiflows.iife.js' : 'notiflows.dev.iife.js'),
        },
      },
    };
  }
  return {
    plugins: [minifyTemplates(), packLocales(), messagesExternal()],
    build: {
      target: 'es2022',
      lib: {
        entry: {
          notiflows: 'src/index.ts',
          headless: 'src/headless.ts',
          define: 'src/define.ts',
          push: 'src/push.ts',
          'push-prompt': 'src/push-prompt.ts',
          testing: 'src/testing/index.ts',
          react: 'src/react.ts',
          messages: 'src/api/messages.ts',
          'messages.codes': 'src/api/messages.codes.ts',
        },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      // One file per source module, as Lit ships: a bundler then drops whole unused modules
      // (package.json "sideEffects"), so `import { NotiflowsClient }` costs just the client.
      // Minified and without source maps, as Lit ships too: the tarball stays small, and the
      // readable source is the repository's.
      rollupOptions: {
        external,
        output: { preserveModules: true, preserveModulesRoot: 'src', minify: true },
        // An inlined constant would leave a bare `import './x.js'` behind, which bundlers then
        // warn about (the module is side-effect free in "sideEffects").
        optimization: { inlineConst: false },
      },
    },
  };
});
