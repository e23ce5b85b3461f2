import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  // The workspace hoists cookie@2 (the server's) to the root; SvelteKit's own runtime needs its nested
  // cookie@0.6. Bundling it into the build-time SSR output makes Node resolve the right copy.
  ssr: { noExternal: ['cookie'] },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/ws': { target: apiTarget.replace(/^http/, 'ws'), ws: true },
    },
  },
});
