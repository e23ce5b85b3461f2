// Pure SPA: the Fastify server serves index.html for every path and the router takes over.
export const ssr = false;
export const prerender = false;
