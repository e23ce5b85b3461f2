import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LiveClient,
  parseServerMessage,
  reconnectDelay,
  type LiveEvent,
  type LiveProblem,
  type LiveSocket,
  type LiveSocketHandlers,
  type TopicListener,
} from './live-client';

/** A WebSocket stand-in the test drives from the server's side. */
class FakeSocket implements LiveSocket {
  readyState = 0;
  sent: { type: string; topic?: string }[] = [];
  closedByClient = false;

  constructor(
    readonly url: string,
    private readonly on: LiveSocketHandlers,
  ) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as { type: string; topic?: string });
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  open(hello: { live?: boolean; heartbeatMs?: number } = {}): void {
    this.readyState = 1;
    this.on.open();
    this.receive({ type: 'hello', live: hello.live ?? true, heartbeatMs: hello.heartbeatMs ?? 15_000, now: '2026-11-21T09:30:00+08:00' });
  }

  receive(message: object): void {
    this.on.message(JSON.stringify(message));
  }

  /** The server (or the network) ends the connection. */
  drop(): void {
    this.readyState = 3;
    this.on.close();
  }

  subscribes(): string[] {
    return this.sent.filter((m) => m.type === 'subscribe').map((m) => m.topic ?? '');
  }
}

interface Recorder extends TopicListener {
  snapshots: { data: unknown; seq: number }[];
  events: { event: LiveEvent; seq: number }[];
  problems: LiveProblem[];
  lives: boolean[];
}

function recorder(): Recorder {
  const r: Recorder = {
    snapshots: [],
    events: [],
    problems: [],
    lives: [],
    snapshot: (data, seq) => r.snapshots.push({ data, seq }),
    event: (event, seq) => r.events.push({ event, seq }),
    error: (problem) => r.problems.push(problem),
    live: (live) => r.lives.push(live),
  };
  return r;
}

let sockets: FakeSocket[];
let random: number;
let states: { connected: boolean; live: boolean }[];
let problems: LiveProblem[];

function makeClient(): LiveClient {
  return new LiveClient({
    url: () => 'ws://hall.test/ws',
    createSocket: (url, on) => {
      const s = new FakeSocket(url, on);
      sockets.push(s);
      return s;
    },
    random: () => random,
    idleCloseMs: 1_000,
    onState: (state) => states.push(state),
    onProblem: (problem) => problems.push(problem),
  });
}

const last = () => {
  const s = sockets.at(-1);
  if (!s) throw new Error('no socket');
  return s;
};

const event = (topic: string, seq: number, prev: number, type = 'ticket.updated', data: unknown = { seq }) => ({
  type: 'event',
  topic,
  seq,
  prev,
  event: { type, at: '2026-11-21T09:31:00+08:00', data },
});

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  random = 0;
  states = [];
  problems = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveClient', () => {
  it('connects on the first subscription, subscribes once open, and delivers the snapshot and events in order', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('board', r);
    expect(sockets).toHaveLength(1);
    expect(last().url).toBe('ws://hall.test/ws');
    expect(last().sent).toEqual([]);

    last().open();
    expect(last().subscribes()).toEqual(['board']);
    expect(client.state).toEqual({ connected: true, live: true });
    expect(r.lives).toEqual([]);

    last().receive({ type: 'snapshot', topic: 'board', seq: 812, data: { windows: [] } });
    last().receive(event('board', 813, 812, 'ticket.called'));
    last().receive(event('board', 814, 813, 'ticket.started'));
    expect(r.snapshots).toEqual([{ data: { windows: [] }, seq: 812 }]);
    expect(r.events.map((e) => [e.event.type, e.seq])).toEqual([
      ['ticket.called', 813],
      ['ticket.started', 814],
    ]);
    expect(r.lives).toEqual([true]);
    expect(states.at(-1)).toEqual({ connected: true, live: true });
  });

  it('accepts an event that repeats the seq of the one that caused it (ticket.updated)', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('ticket:abc', r);
    last().open();
    last().receive({ type: 'snapshot', topic: 'ticket:abc', seq: 10, data: {} });
    last().receive(event('ticket:abc', 14, 10, 'ticket.called'));
    last().receive(event('ticket:abc', 14, 14, 'ticket.updated'));
    last().receive(event('ticket:abc', 20, 14, 'ticket.started'));
    expect(r.events.map((e) => e.event.type)).toEqual(['ticket.called', 'ticket.updated', 'ticket.started']);
    expect(last().subscribes()).toEqual(['ticket:abc']);
  });

  it('asks for a fresh snapshot when an event does not follow the last seq, and ignores events until it comes', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('window:8', r);
    last().open();
    last().receive({ type: 'snapshot', topic: 'window:8', seq: 100, data: { state: 'open' } });
    last().receive(event('window:8', 101, 100));
    last().receive(event('window:8', 105, 103)); // 102–103 went missing
    expect(last().subscribes()).toEqual(['window:8', 'window:8']);
    expect(r.lives).toEqual([true, false]);

    last().receive(event('window:8', 106, 105)); // before the new snapshot: covered by it
    expect(r.events.map((e) => e.seq)).toEqual([101]);
    expect(last().subscribes()).toHaveLength(2);

    last().receive({ type: 'snapshot', topic: 'window:8', seq: 106, data: { state: 'paused' } });
    last().receive(event('window:8', 107, 106));
    expect(r.snapshots.map((s) => s.seq)).toEqual([100, 106]);
    expect(r.events.map((e) => e.seq)).toEqual([101, 107]);
    expect(r.lives).toEqual([true, false, true]);
  });

  it('shows not live while the bus is down and subscribes to every topic again when it is back', () => {
    const client = makeClient();
    const board = recorder();
    const ticket = recorder();
    client.subscribe('board', board);
    client.subscribe('ticket:abc', ticket);
    last().open();
    last().receive({ type: 'snapshot', topic: 'board', seq: 5, data: {} });
    last().receive({ type: 'snapshot', topic: 'ticket:abc', seq: 5, data: {} });
    expect(board.lives).toEqual([true]);

    last().receive({ type: 'status', live: false });
    expect(client.state).toEqual({ connected: true, live: false });
    expect(board.lives).toEqual([true, false]);
    expect(ticket.lives).toEqual([true, false]);
    expect(last().subscribes()).toEqual(['board', 'ticket:abc']);

    last().receive({ type: 'status', live: true });
    expect(last().subscribes()).toEqual(['board', 'ticket:abc', 'board', 'ticket:abc']);
    expect(board.lives).toEqual([true, false]); // not live again before the new snapshot
    last().receive({ type: 'snapshot', topic: 'board', seq: 40, data: {} });
    expect(board.lives).toEqual([true, false, true]);
    expect(ticket.lives).toEqual([true, false]);
  });

  it('treats a heartbeat saying the bus is live again like status live:true', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    last().open({ live: false });
    expect(client.state.live).toBe(false);
    last().receive({ type: 'heartbeat', at: '…', live: true });
    expect(client.state.live).toBe(true);
    expect(last().subscribes()).toEqual(['board', 'board']);
  });

  it('reconnects with exponential backoff capped at 10 s, and subscribes again after reconnecting', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('board', r);
    last().open();
    last().receive({ type: 'snapshot', topic: 'board', seq: 1, data: {} });
    last().drop();
    expect(client.state).toEqual({ connected: false, live: false });
    expect(r.lives).toEqual([true, false]);

    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = sockets.length;
      let waited = 0;
      while (sockets.length === before && waited < 60_000) {
        vi.advanceTimersByTime(50);
        waited += 50;
      }
      waits.push(waited);
      if (i < 6) last().drop(); // the attempt fails
    }
    expect(waits).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);

    last().open();
    expect(last().subscribes()).toEqual(['board']);
    last().receive({ type: 'snapshot', topic: 'board', seq: 9, data: {} });
    expect(r.lives).toEqual([true, false, true]);

    // A connection that delivered a snapshot starts the backoff over.
    last().drop();
    const before = sockets.length;
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(before);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(before + 1);
  });

  it('spreads reconnections with jitter of up to half the delay', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 0.999)).toBe(250);
    expect(reconnectDelay(3, () => 0.5)).toBe(3_000);
    expect(reconnectDelay(10, () => 0)).toBe(10_000);
    expect(reconnectDelay(10, () => 0.999)).toBe(5_005);
    expect(reconnectDelay(500, () => 0)).toBe(10_000);
  });

  it('gives up on a connection that stays silent for 2.5 heartbeats', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    last().open({ heartbeatMs: 1_000 });
    const first = last();
    vi.advanceTimersByTime(2_000);
    first.receive({ type: 'heartbeat', at: '…', live: true });
    vi.advanceTimersByTime(2_499);
    expect(first.closedByClient).toBe(false);
    vi.advanceTimersByTime(1);
    expect(first.closedByClient).toBe(true);
    expect(client.state.connected).toBe(false);
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    // Anything the dead socket still says is ignored.
    first.receive({ type: 'snapshot', topic: 'board', seq: 1, data: {} });
    expect(client.state.connected).toBe(false);
  });

  it('hands a refused topic its error, and asks for it no more until subscribed anew', () => {
    const client = makeClient();
    const ticket = recorder();
    const board = recorder();
    client.subscribe('ticket:gone', ticket);
    client.subscribe('board', board);
    last().open();
    last().receive({ type: 'error', code: 'not_found', title: 'Ticket not found', topic: 'ticket:gone' });
    last().receive({ type: 'snapshot', topic: 'board', seq: 3, data: {} });
    expect(ticket.problems).toEqual([{ code: 'not_found', title: 'Ticket not found', topic: 'ticket:gone' }]);
    expect(board.problems).toEqual([]);
    expect(ticket.lives).toEqual([]);
    expect(board.lives).toEqual([true]);

    // Neither the bus coming back nor a reconnection asks for it again.
    last().receive({ type: 'status', live: false });
    last().receive({ type: 'status', live: true });
    last().drop();
    vi.advanceTimersByTime(500);
    last().open();
    expect(last().subscribes()).toEqual(['board']);

    // An error that names no topic goes to the page.
    last().receive({ type: 'error', code: 'bad_message', title: 'Bad message' });
    expect(problems).toEqual([{ code: 'bad_message', title: 'Bad message', topic: null }]);
  });

  it('asks again, backing off, when the snapshot was unavailable', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('window:8', r);
    last().open();
    last().receive({ type: 'error', code: 'unavailable', title: 'Try again', topic: 'window:8' });
    expect(r.problems.map((p) => p.code)).toEqual(['unavailable']);
    vi.advanceTimersByTime(499);
    expect(last().subscribes()).toEqual(['window:8']);
    vi.advanceTimersByTime(1);
    expect(last().subscribes()).toEqual(['window:8', 'window:8']);
    last().receive({ type: 'error', code: 'unavailable', title: 'Try again', topic: 'window:8' });
    vi.advanceTimersByTime(999);
    expect(last().subscribes()).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(last().subscribes()).toHaveLength(3);
  });

  it('shares one connection between listeners; the last one out unsubscribes, and an idle connection closes', () => {
    const client = makeClient();
    const a = recorder();
    const b = recorder();
    const stopA = client.subscribe('board', a);
    last().open();
    last().receive({ type: 'snapshot', topic: 'board', seq: 1, data: 'first' });
    const stopB = client.subscribe('board', b);
    expect(sockets).toHaveLength(1);
    expect(last().subscribes()).toEqual(['board', 'board']); // the newcomer needs a snapshot
    last().receive({ type: 'snapshot', topic: 'board', seq: 2, data: 'second' });
    expect(b.snapshots).toEqual([{ data: 'second', seq: 2 }]);

    stopA();
    stopA();
    expect(last().sent.filter((m) => m.type === 'unsubscribe')).toEqual([]);
    stopB();
    expect(last().sent.at(-1)).toEqual({ type: 'unsubscribe', topic: 'board' });
    vi.advanceTimersByTime(999);
    expect(last().closedByClient).toBe(false);

    // Coming back within the linger reuses the connection.
    const stopC = client.subscribe('ticket:abc', recorder());
    vi.advanceTimersByTime(5_000);
    expect(last().closedByClient).toBe(false);
    expect(last().subscribes().at(-1)).toBe('ticket:abc');
    stopC();
    vi.advanceTimersByTime(1_000);
    expect(last().closedByClient).toBe(true);
    expect(sockets).toHaveLength(1);
  });

  it('reconnects at once when woken after the connection was lost', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    last().open();
    last().drop();
    last().drop();
    expect(sockets).toHaveLength(1);
    client.wake();
    expect(sockets).toHaveLength(2);
  });
});

describe('parseServerMessage', () => {
  it('reads the protocol’s messages and ignores anything else', () => {
    expect(parseServerMessage('{"type":"hello","live":true,"heartbeatMs":15000,"now":"x"}')).toEqual({
      type: 'hello',
      live: true,
      heartbeatMs: 15_000,
    });
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('[1]')).toBeNull();
    expect(parseServerMessage('{"type":"event","topic":"board","seq":"1","prev":0,"event":{"type":"x"}}')).toBeNull();
    expect(parseServerMessage('{"type":"mystery"}')).toBeNull();
    expect(parseServerMessage(new ArrayBuffer(2))).toBeNull();
    expect(parseServerMessage('{"type":"error","code":"forbidden","title":"No","topic":"window:8"}')).toEqual({
      type: 'error',
      problem: { code: 'forbidden', title: 'No', topic: 'window:8' },
    });
  });
});
