import { defineConfig } from 'vite';

// Served by the demo server under /react/ (`npm run demo`, then http://localhost:5173/react/).
export default defineConfig({
  base: '/react/',
  build: { target: 'es2022' },
});
