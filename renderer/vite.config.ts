// Builds the screens to renderer/dist, which the kiosk host (browser mode) and Electron serve.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  // Relative asset paths: Electron loads the page from file:// and the host from http://.
  base: './',
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Old lab PCs run whatever Chromium the kiosk ships; no need to transpile further.
    target: 'chrome120',
    chunkSizeWarningLimit: 800,
  },
  server: { port: 5173, strictPort: false },
});
