// Pure SPA: the Fastify server serves index.html under /board and the router takes over.
export const ssr = false;
export const prerender = false;
