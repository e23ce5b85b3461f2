import { EventEmitter } from 'node:events';
import type { Db } from '@campus/db';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { HallEvent } from '../events/hall-events.ts';
import type { EventBus } from './bus.ts';
import { LiveHub } from './hub.ts';

/** A socket whose send buffer the test controls: a real slow reader needs megabytes to show on loopback. */
class SlowSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  bufferedAmount = 0;
  sent: string[] = [];
  terminated = false;
  send(text: string) {
    this.sent.push(text);
  }
  ping() {}
  terminate() {
    this.terminated = true;
    this.readyState = 3;
    this.emit('close');
  }
}

const quiet = () => undefined;
const silent = { debug: quiet, info: quiet, warn: quiet, error: quiet, fatal: quiet, trace: quiet } as unknown as FastifyBaseLogger;

let hub: LiveHub | undefined;
afterEach(() => hub?.close());

function hubWith(maxBufferedBytes: number) {
  const listeners: ((e: HallEvent) => void)[] = [];
  const bus = {
    live: true,
    lastSeq: 0,
    onEvent: (l: (e: HallEvent) => void) => (listeners.push(l), () => undefined),
    onStatus: () => () => undefined,
    since: () => [],
  } as unknown as EventBus;
  hub = new LiveHub({ db: {} as Db, ticketRules: { rejoinGraceMinutes: 10 }, bus, hallTz: 'Asia/Shanghai', heartbeatMs: 60_000, maxBufferedBytes, log: silent });
  return hub;
}

describe('a client that stops reading', () => {
  it('is dropped once more than the limit is queued for it, not buffered without bound', () => {
    const live = hubWith(64 * 1024);
    const reader = new SlowSocket();
    const stalled = new SlowSocket();
    live.attach(reader as unknown as WebSocket, async () => ({ kind: 'anonymous', expiredSession: false }), '127.0.0.1');
    live.attach(stalled as unknown as WebSocket, async () => ({ kind: 'anonymous', expiredSession: false }), '127.0.0.1');
    expect(stalled.sent).toHaveLength(1); // hello
    stalled.bufferedAmount = 64 * 1024 + 1;
    // Anything sent now finds the buffer full.
    stalled.emit('message', Buffer.from('{"type":"ping"}'), false);
    reader.emit('message', Buffer.from('{"type":"ping"}'), false);
    expect(stalled.terminated).toBe(true);
    expect(stalled.sent).toHaveLength(1);
    expect(reader.terminated).toBe(false);
    expect(reader.sent.at(-1)).toBe('{"type":"pong"}');
    expect(live.clients.size).toBe(1);
  });
});
