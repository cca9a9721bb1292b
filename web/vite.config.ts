import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = new URL('.', import.meta.url).pathname;

/** The web app: built into web/dist, served by the product itself at `/` (server/platform/http/web-app.ts). */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    // `npx vite --config web/vite.config.ts` for development: the API of a running `npm start`.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
