// What the two SvelteKit apps (desk-ui, display-board) share: both are single-page apps the Fastify
// server serves from their build/ folder, falling back to index.html for every path, on one page
// template (app.html here). Each app's svelte.config.js says only what differs.
import path from 'node:path';
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const appTemplate = path.join(import.meta.dirname, 'app.html');

/**
 * @param {{ base?: '' | `/${string}` }} [options] `base`: the path the server serves the app under.
 * @returns {import('@sveltejs/kit').Config}
 */
export function svelteAppConfig({ base = '' } = {}) {
  return {
    preprocess: vitePreprocess(),
    kit: {
      adapter: adapter({
        pages: 'build',
        assets: 'build',
        fallback: 'index.html',
        precompress: false,
        strict: true,
      }),
      files: { appTemplate },
      paths: { base },
    },
  };
}
