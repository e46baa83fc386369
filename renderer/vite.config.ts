import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the renderer into `.build/renderer`, served by the web bridge and loaded by the
 * desktop window. `base: './'` makes asset URLs relative, so the same build works over
 * http://127.0.0.1 and from a custom protocol or file:// in Electron; the price is that
 * client-side routes should live in the URL hash, not the path.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../.build/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or styles: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
