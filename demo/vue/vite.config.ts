import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Served by the demo server under /vue/ (`npm run demo`, then http://localhost:5173/vue/).
export default defineConfig({
  base: '/vue/',
  build: { target: 'es2022' },
  plugins: [
    vue({
      // <notiflows-preferences> is a custom element, not a Vue component.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('notiflows-') } },
    }),
  ],
});
