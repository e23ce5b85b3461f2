import WebSocket from 'ws';
import { latencyHistogram } from './stats.ts';

/** Loopback source addresses in turn: tens of thousands of sockets never run out of ephemeral ports. */
const SOURCES = Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 2}`);

export interface Socket {
  ws: WebSocket;
  /** Event messages received, with their sequence numbers and whether each named its predecessor. */
  events: number;
  lastSeq: number;
  inOrder: boolean;
  snapshots: number;
}

export interface Fleet {
  sockets: Socket[];
  histogram: ReturnType<typeof latencyHistogram>;
  close(): void;
}

/**
 * Opens `count` sockets to `url` (`concurrency` connecting at a time). With a topic, each subscribes
 * and waits for its snapshot. Incoming events are only scanned (sequence, predecessor, time), not
 * parsed whole: one core receives them all.
 */
export async function openFleet(url: string, count: number, options: { topic?: (i: number) => string; concurrency?: number } = {}): Promise<Fleet> {
  const histogram = latencyHistogram();
  const sockets: Socket[] = [];
  const open = (i: number) =>
    new Promise<Socket>((resolve, reject) => {
      const ws = new WebSocket(url, { localAddress: SOURCES[i % SOURCES.length], perMessageDeflate: false });
      const s: Socket = { ws, events: 0, lastSeq: 0, inOrder: true, snapshots: 0 };
      const topic = options.topic?.(i);
      ws.once('error', reject);
      ws.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('{"type":"event"')) {
          const seq = Number(/"seq":(\d+)/.exec(text)?.[1]);
          const prev = Number(/"prev":(\d+)/.exec(text)?.[1]);
          if (s.lastSeq !== 0 && prev !== s.lastSeq) s.inOrder = false;
          s.lastSeq = seq;
          s.events++;
          const at = /"at":"([^"]+)"/.exec(text)?.[1];
          if (at) histogram.recordValue(Math.max(1, (Date.now() - Date.parse(at)) * 1000));
        } else if (text.includes('"type":"snapshot"')) {
          s.snapshots++;
          s.lastSeq = Number(/"seq":(\d+)/.exec(text)?.[1]);
          resolve(s);
        } else if (!topic && text.includes('"type":"hello"')) {
          resolve(s);
        }
      });
      ws.once('open', () => {
        if (topic) ws.send(JSON.stringify({ type: 'subscribe', topic }));
      });
    });
  const concurrency = options.concurrency ?? 200;
  for (let i = 0; i < count; i += concurrency) {
    const batch = await Promise.all(Array.from({ length: Math.min(concurrency, count - i) }, (_, j) => open(i + j)));
    sockets.push(...batch);
  }
  return {
    sockets,
    histogram,
    close: () => {
      for (const s of sockets) s.ws.terminate();
      histogram.destroy();
    },
  };
}
