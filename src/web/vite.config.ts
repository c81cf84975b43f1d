// The web app is built once (`npm run build:web`) into dist/web, which the node serves.
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./app', import.meta.url)),
  base: '/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The service worker (public/sw.js) reads this list to cache the whole app at install.
    manifest: 'asset-manifest.json',
  },
  // The core imports node-free modules only; nothing to polyfill.
});
