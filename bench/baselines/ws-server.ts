// Baseline: a bare `ws` server. Holds its clients, greets each, and broadcasts whatever is POSTed
// to /broadcast to all of them; GET /rss answers its resident memory.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { WebSocketServer, type WebSocket } from 'ws';

const [port] = process.argv.slice(2);
const clients = new Set<WebSocket>();
const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/broadcast') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      for (const c of clients) c.send(text);
      res.end(String(clients.size));
    });
    return;
  }
  if (req.url === '/rss') {
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
    res.end(String(kb * 1024));
    return;
  }
  res.end(String(clients.size));
});
const wss = new WebSocketServer({ server, path: '/ws', maxPayload: 16 * 1024 });
wss.on('connection', (socket) => {
  clients.add(socket);
  socket.on('close', () => clients.delete(socket));
  socket.on('message', () => {});
  socket.send(JSON.stringify({ type: 'hello', live: true, heartbeatMs: 15000, now: new Date().toISOString() }));
});
server.listen(Number(port), '127.0.0.1', () => console.log('baseline ready'));
