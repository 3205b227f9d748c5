import { defineConfig } from 'vite';

// Three builds (see package.json "build"):
//   default   ESM entries for npm; lit, idb-keyval, jose and msw stay external
//   iife      dist/notiflows.iife.js: one self-contained script-tag file
//   sw        dist/notiflows-sw.js: the service worker as a classic script
const external = (id: string) => /^(lit|@lit\/|idb-keyval|jose|msw|react|react-dom)(\/|$)/.test(id);

export default defineConfig(({ mode }) => {
  if (mode === 'sw') {
    return {
      build: {
        emptyOutDir: false, minify: true, target: 'es2020',
        lib: { entry: 'sw/notiflows-sw.ts', formats: ['iife'], name: 'NotiflowsServiceWorker', fileName: () => 'notiflows-sw.js' },
      },
    };
  }
  if (mode === 'iife') {
    return {
      build: {
        emptyOutDir: false, minify: true, target: 'es2022',
        lib: { entry: 'src/script-tag.ts', formats: ['iife'], name: 'Notiflows', fileName: () => 'notiflows.iife.js' },
      },
    };
  }
  return {
    build: {
      target: 'es2022', minify: false, sourcemap: true,
      lib: {
        entry: { notiflows: 'src/index.ts', headless: 'src/headless.ts', define: 'src/define.ts', testing: 'src/testing/index.ts', react: 'src/react.ts' },
        formats: ['es'], fileName: (_format, name) => `${name}.js`,
      },
      rollupOptions: { external },
    },
  };
});
