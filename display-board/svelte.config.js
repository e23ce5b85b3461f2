import { svelteAppConfig } from '../svelte.config.base.js';

// Served by the Fastify server under /board.
export default svelteAppConfig({ base: '/board' });
