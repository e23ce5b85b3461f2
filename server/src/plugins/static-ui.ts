import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers an unknown GET path with the SPA's index.html; false when no UI is served there. */
    uiFallback(request: FastifyRequest, reply: FastifyReply): boolean;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const uiBuilds = {
  desk: path.join(root, 'desk-ui/build'),
  board: path.join(root, 'display-board/build'),
};

function setCacheHeaders(res: { setHeader(name: string, value: string): unknown }, filePath: string) {
  // Vite puts content hashes in immutable asset names; the HTML shell must always be revalidated.
  res.setHeader('cache-control', filePath.includes(`${path.sep}immutable${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/** Serves desk-ui at / and display-board at /board, each with its SPA fallback page. */
export default fp(
  async (app) => {
    const served: { prefix: string; dir: string }[] = [];
    // Decorates reply.sendFile for the SPA fallback, whichever UIs are built.
    await app.register(fastifyStatic, { root, serve: false });
    if (existsSync(path.join(uiBuilds.board, 'index.html'))) {
      await app.register(fastifyStatic, {
        root: uiBuilds.board,
        prefix: '/board/',
        decorateReply: false,
        wildcard: true,
        index: 'index.html',
        redirect: true,
        setHeaders: setCacheHeaders,
      });
      served.push({ prefix: '/board', dir: uiBuilds.board });
    } else {
      app.log.warn(`display-board is not built (${uiBuilds.board}); /board is not served`);
    }
    if (existsSync(path.join(uiBuilds.desk, 'index.html'))) {
      await app.register(fastifyStatic, {
        root: uiBuilds.desk,
        prefix: '/',
        decorateReply: false,
        wildcard: true,
        index: 'index.html',
        setHeaders: setCacheHeaders,
      });
      served.push({ prefix: '', dir: uiBuilds.desk });
    } else {
      app.log.warn(`desk-ui is not built (${uiBuilds.desk}); / is not served`);
    }

    app.decorate('uiFallback', (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const pathname = request.url.split('?')[0] ?? '/';
      if (pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/ws')) return false;
      // A missing asset file is a real 404; only page routes fall back to the shell.
      if (path.extname(pathname) !== '') return false;
      const ui = served.find((s) => s.prefix !== '' && (pathname === s.prefix || pathname.startsWith(`${s.prefix}/`)))
        ?? served.find((s) => s.prefix === '');
      if (!ui) return false;
      void reply.header('cache-control', 'no-cache').sendFile('index.html', ui.dir);
      return true;
    });
  },
  { name: 'static-ui' },
);
