// Baseline: a bare node:http server running the search's own SQL through postgres-js (no Fastify,
// no validation, no serializer): what the route costs beyond its query.
import http from 'node:http';
import { createDb } from '@campus/db';
import { searchServices } from '../../server/src/catalogue/service-search.ts';

const [port] = process.argv.slice(2);
const { db } = createDb(process.env.DATABASE_URL!, { applicationName: 'bench-baseline' });
http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    searchServices(db, { q: url.searchParams.get('q') ?? undefined, limit: 50, offset: 0 }).then(
      (result) => {
        const body = JSON.stringify(result);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  })
  .listen(Number(port), '127.0.0.1', () => console.log('baseline ready'));
