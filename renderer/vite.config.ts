// Builds the screens to renderer/dist, which the kiosk host (browser mode) and Electron serve.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

/** The oldest browsers the participants' web page must run in. */
export const WEB_BUILD_TARGET = ['chrome109', 'firefox115'];

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset paths: Electron loads the page from file:// and the host from http://.
  base: './',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The same build is the participants' web page, opened on old lab PCs (Chrome 109, the last on
    // Windows 7) and in Firefox ESR; tests/unit/web-build-target.test.ts checks the emitted files.
    target: WEB_BUILD_TARGET,
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: false },
});
