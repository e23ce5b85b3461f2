// The Vite config both SvelteKit apps (desk-ui, display-board) build and develop with.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type UserConfig } from 'vite';

/** Where `vite dev` finds the API and the WebSocket: the server started by `npm start`. */
const apiTarget = 'http://127.0.0.1:3000';

export function uiViteConfig(): UserConfig {
  return defineConfig({
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
}
