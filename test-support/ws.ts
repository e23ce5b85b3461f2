import WebSocket from 'ws';

/** A message from /ws, loosely typed: tests assert on its fields. */
export interface LiveMessage {
  type: string;
  topic?: string;
  seq?: number;
  prev?: number;
  code?: string;
  live?: boolean;
  data?: Record<string, unknown>;
  event?: { type: string; at: string; data: Record<string, unknown> };
}

/** A test's raw socket to `/ws` that records every frame (the product's client is `LiveClient` in server/src/client/live). */
export interface LiveProbe {
  socket: WebSocket;
  messages: LiveMessage[];
  send(message: unknown): void;
  /** Resolves with the first message (from `from` on) matching, or rejects after `ms`. */
  waitFor(match: (m: LiveMessage) => boolean, ms?: number, from?: number): Promise<LiveMessage>;
  subscribe(topic: string, ms?: number): Promise<LiveMessage>;
  events(topic?: string): LiveMessage[];
  closed: Promise<{ code: number }>;
  close(): void;
}

/** A real WebSocket client of the hall's /ws, recording everything it receives. */
export async function connectLive(baseUrl: string, options: { cookie?: string; origin?: string } = {}): Promise<LiveProbe> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  const socket = new WebSocket(baseUrl.replace(/^http/, 'ws') + '/ws', { headers });
  const messages: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as LiveMessage);
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number }>((resolve) => socket.on('close', (code) => resolve({ code })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });

  const waitFor = (match: (m: LiveMessage) => boolean, ms = 3000, from = 0) =>
    new Promise<LiveMessage>((resolve, reject) => {
      const check = () => {
        const found = messages.slice(from).find(match);
        if (!found) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching message within ${ms} ms; got ${JSON.stringify(messages.slice(-5))}`));
      }, ms);
      waiters.add(check);
      check();
    });

  const client: LiveProbe = {
    socket,
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    waitFor,
    subscribe(topic, ms = 3000) {
      const from = messages.length;
      client.send({ type: 'subscribe', topic });
      return waitFor((m) => m.topic === topic && (m.type === 'snapshot' || m.type === 'error'), ms, from);
    },
    events: (topic) => messages.filter((m) => m.type === 'event' && (topic === undefined || m.topic === topic)),
    close: () => socket.terminate(),
  };
  return client;
}
