/** Reading the server's frames: anything that does not follow the protocol is null (and dropped). */
import type { ServerMessage } from './protocol.ts';

export type ParsedMessage = ServerMessage;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function parseServerMessage(raw: unknown): ParsedMessage | null {
  if (typeof raw !== 'string') return null;
  let m: unknown;
  try {
    m = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(m)) return null;
  switch (m.type) {
    case 'hello':
      if (typeof m.live !== 'boolean' || typeof m.heartbeatMs !== 'number' || !(m.heartbeatMs > 0)) return null;
      return { type: 'hello', live: m.live, heartbeatMs: m.heartbeatMs, ...(typeof m.now === 'string' ? { now: m.now } : {}) };
    case 'snapshot':
      return typeof m.topic === 'string' && isSeq(m.seq) ? { type: 'snapshot', topic: m.topic, seq: m.seq, data: m.data } : null;
    case 'event': {
      const e = m.event;
      if (typeof m.topic !== 'string' || !isSeq(m.seq) || !isSeq(m.prev) || !isRecord(e) || typeof e.type !== 'string' || typeof e.at !== 'string') return null;
      return { type: 'event', topic: m.topic, seq: m.seq, prev: m.prev, event: { type: e.type, at: e.at, data: e.data } };
    }
    case 'status':
      return typeof m.live === 'boolean' ? { type: 'status', live: m.live } : null;
    case 'heartbeat':
      return typeof m.live === 'boolean' && typeof m.at === 'string' ? { type: 'heartbeat', at: m.at, live: m.live } : null;
    case 'pong':
      return { type: 'pong' };
    case 'error':
      if (typeof m.code !== 'string' || typeof m.title !== 'string') return null;
      return { type: 'error', code: m.code as never, title: m.title, ...(typeof m.topic === 'string' ? { topic: m.topic } : {}) };
    default:
      return null;
  }
}
