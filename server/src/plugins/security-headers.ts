import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import fp from 'fastify-plugin';
import { uiBuilds } from './static-ui.ts';

/** SvelteKit's SPA shell boots from one inline script; allowing exactly its hash keeps script-src strict. */
function inlineScriptHashes(htmlFiles: string[]): string[] {
  const hashes = new Set<string>();
  for (const file of htmlFiles) {
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
      hashes.add(`'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`);
    }
  }
  return [...hashes];
}

/**
 * The headers helmet's middleware sets, computed once. @fastify/helmet builds the whole middleware
 * again on every request (it re-parsed the CSP directives each time: a few percent of a cached
 * read's cost in the profile); the headers never change while the process runs.
 */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  helmet(options)({} as never, response, () => {});
  return headers;
}

/** Security headers for the API and the UIs, with a CSP the built UIs work under. */
export default fp(
  async (app) => {
    const scriptHashes = inlineScriptHashes([path.join(uiBuilds.desk, 'index.html'), path.join(uiBuilds.board, 'index.html')]);
    const headers = helmetHeaders({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", ...scriptHashes],
          // Svelte sets style attributes (transitions, style: directives).
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          mediaSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      // Plain-HTTP hall networks exist; HSTS is for the reverse proxy that terminates TLS to decide.
      strictTransportSecurity: false,
    });
    // A JSON answer is never a document: the API's answers carry the short set OWASP's REST
    // security sheet gives (no content may load, no page may frame it), not the pages' CSP — a
    // third of every answer's header bytes, read by every phone, kiosk and TV on every poll.
    const apiHeaders: Record<string, string> = {
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    };
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(request.url.startsWith('/api/') ? apiHeaders : headers);
      done();
    });
  },
  { name: 'security-headers' },
);
