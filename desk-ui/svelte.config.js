import { svelteAppConfig } from '../svelte.config.base.js';

// Served by the Fastify server at `/`.
export default svelteAppConfig();
