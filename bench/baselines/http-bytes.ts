// Baseline: a bare node:http server answering every GET with the same bytes the API sent.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [port, file, contentType] = process.argv.slice(2);
const body = readFileSync(file!);
http
  .createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType!, 'content-length': body.length });
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => console.log('baseline ready'));
