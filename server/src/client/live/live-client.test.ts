import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveClient, reconnectDelay, type LiveProblem, type SocketHandlers, type TopicListener, type TopicState, type WebSocketLike } from './live-client.ts';
import type { LiveEvent } from './protocol.ts';

/** A WebSocket stand-in the test drives from the server's side. */
class FakeSocket implements WebSocketLike {
  readyState = 0;
  sent: { type: string; topic?: string }[] = [];
  closedByClient = false;

  constructor(
    readonly url: string,
    readonly on: SocketHandlers,
  ) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as { type: string; topic?: string });
  }

  close(): void {
    this.closedByClient = true;
    this.readyState = 3;
  }

  /** Opens without a hello (the server's greeting may be late). */
  openBare(): void {
    this.readyState = 1;
    this.on.open();
  }

  open(hello: { live?: boolean; heartbeatMs?: number } = {}): void {
    this.openBare();
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

  subscribes(topic?: string): string[] {
    return this.sent.filter((m) => m.type === 'subscribe' && (topic === undefined || m.topic === topic)).map((m) => m.topic ?? '');
  }
}

interface Recorder extends TopicListener {
  snapshots: { data: unknown; seq: number }[];
  events: { event: LiveEvent; seq: number }[];
  problems: LiveProblem[];
  states: TopicState[];
  /** Each time the topic became live or stopped being live. */
  lives: boolean[];
}

function recorder(): Recorder {
  const r: Recorder = {
    snapshots: [],
    events: [],
    problems: [],
    states: [],
    lives: [],
    snapshot: (data, seq) => r.snapshots.push({ data, seq }),
    event: (event, seq) => r.events.push({ event, seq }),
    error: (problem) => r.problems.push(problem),
    state: (state) => {
      const live = state === 'live';
      if (live !== (r.states.at(-1) === 'live')) r.lives.push(live);
      r.states.push(state);
    },
  };
  return r;
}

let sockets: FakeSocket[];
let random: number;
let states: { connected: boolean; live: boolean }[];
let problems: LiveProblem[];
let hellos: { now: string | null; heartbeatMs: number }[];

function makeClient(): LiveClient {
  return new LiveClient({
    url: () => 'ws://hall.test/ws',
    openSocket: (url, on) => {
      const s = new FakeSocket(url, on);
      sockets.push(s);
      return s;
    },
    random: () => random,
    idleCloseMs: 1_000,
    onState: (state) => states.push(state),
    onProblem: (problem) => problems.push(problem),
    onHello: (hello) => hellos.push(hello),
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

/** Opens the newest socket and answers its subscribe to `topic` with a snapshot at `seq`. */
const connectLive = (topic: string, seq: number) => {
  last().open();
  last().receive({ type: 'snapshot', topic, seq, data: { seq } });
};

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
  random = 0; // no jitter: delays are the bare backoff
  states = [];
  problems = [];
  hellos = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('LiveClient: subscribing and the seq chain', () => {
  it('connects on the first subscription, subscribes once open, and delivers the snapshot and events in order', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('board', r);
    expect(sockets).toHaveLength(1);
    expect(last().url).toBe('ws://hall.test/ws');
    expect(last().sent).toEqual([]);
    expect(client.topicState('board')).toBe('reconnecting');

    last().open();
    expect(last().sent).toEqual([{ type: 'subscribe', topic: 'board' }]);
    expect(client.state).toEqual({ connected: true, live: true });
    expect(client.topicState('board')).toBe('reconnecting'); // live only from the first snapshot
    expect(r.lives).toEqual([]);
    expect(hellos).toEqual([{ now: '2026-11-21T09:30:00+08:00', heartbeatMs: 15_000 }]);

    last().receive({ type: 'snapshot', topic: 'board', seq: 812, data: { windows: [] } });
    last().receive(event('board', 813, 812, 'ticket.called'));
    last().receive(event('board', 814, 813, 'ticket.started'));
    expect(r.snapshots).toEqual([{ data: { windows: [] }, seq: 812 }]);
    expect(r.events.map((e) => [e.event.type, e.seq])).toEqual([
      ['ticket.called', 813],
      ['ticket.started', 814],
    ]);
    expect(r.lives).toEqual([true]);
    expect(r.states).toEqual(['reconnecting', 'live']);
    expect(states.at(-1)).toEqual({ connected: true, live: true });
  });

  it('hands on events in sequence and ignores other topics and duplicates', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('board', r);
    connectLive('board', 812);
    last().receive(event('board', 813, 812));
    last().receive(event('window:8', 814, 813));
    last().receive(event('board', 813, 812));
    last().receive(event('board', 814, 813));
    last().receive(event('board', 814, 813));
    expect(r.events.map((e) => e.seq)).toEqual([813, 814]);
    expect(client.lastSeq('board')).toBe(814);
    expect(last().subscribes()).toEqual(['board']);
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
    // Not live, but what is shown is nearly right: a board shows no outage for it.
    expect(client.topicState('window:8')).toBe('resyncing');

    last().receive(event('window:8', 106, 105)); // before the new snapshot: covered by it
    expect(r.events.map((e) => e.seq)).toEqual([101]);
    expect(last().subscribes()).toHaveLength(2);

    last().receive({ type: 'snapshot', topic: 'window:8', seq: 106, data: { state: 'paused' } });
    last().receive(event('window:8', 107, 106));
    expect(r.snapshots.map((s) => s.seq)).toEqual([100, 106]);
    expect(r.events.map((e) => e.seq)).toEqual([101, 107]);
    expect(r.lives).toEqual([true, false, true]);
    expect(r.states).toEqual(['reconnecting', 'live', 'resyncing', 'live']);
  });
});

describe('LiveClient: the event bus', () => {
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
    expect(client.topicState('board')).toBe('stale');
    expect(board.lives).toEqual([true, false]);
    expect(ticket.lives).toEqual([true, false]);
    expect(last().subscribes()).toEqual(['board', 'ticket:abc']);

    last().receive({ type: 'status', live: true });
    expect(last().subscribes()).toEqual(['board', 'ticket:abc', 'board', 'ticket:abc']);
    expect(board.lives).toEqual([true, false]); // not live again before the new snapshot
    expect(client.topicState('board')).toBe('stale'); // until the data is the truth again
    last().receive({ type: 'snapshot', topic: 'board', seq: 40, data: {} });
    expect(board.lives).toEqual([true, false, true]);
    expect(board.states).toEqual(['reconnecting', 'live', 'stale', 'live']);
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

  it('asks once more on each heartbeat while stale, and no more once the fresh snapshot is in', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    connectLive('board', 812);
    last().receive({ type: 'heartbeat', at: 'x', live: false });
    expect(client.topicState('board')).toBe('stale');
    last().receive({ type: 'heartbeat', at: 'x', live: true });
    expect(last().subscribes()).toHaveLength(2);
    last().receive({ type: 'heartbeat', at: 'x', live: true });
    expect(last().subscribes()).toHaveLength(3);
    last().receive({ type: 'snapshot', topic: 'board', seq: 820, data: {} });
    expect(client.topicState('board')).toBe('live');
    last().receive({ type: 'heartbeat', at: 'x', live: true });
    expect(last().subscribes()).toHaveLength(3);
  });

  it('forgets a down bus on a new connection whose hello says it is live', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    connectLive('board', 812);
    last().receive({ type: 'status', live: false });
    last().drop();
    vi.advanceTimersByTime(500);
    connectLive('board', 830);
    expect(client.topicState('board')).toBe('live');
    expect(last().subscribes()).toHaveLength(1);
  });

  it('starts stale when hello says the bus is down', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    last().openBare();
    last().receive({ type: 'hello', live: false, heartbeatMs: 15_000 });
    last().receive({ type: 'snapshot', topic: 'board', seq: 5, data: {} });
    expect(client.topicState('board')).toBe('stale');
    expect(hellos).toEqual([{ now: null, heartbeatMs: 15_000 }]);
  });
});

describe('LiveClient: reconnecting', () => {
  it('reconnects with exponential backoff capped at 10 s, and subscribes again after reconnecting', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('board', r);
    last().open();
    last().receive({ type: 'snapshot', topic: 'board', seq: 1, data: {} });
    last().drop();
    expect(client.state).toEqual({ connected: false, live: false });
    expect(client.topicState('board')).toBe('reconnecting');
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
    expect(last().sent).toEqual([{ type: 'subscribe', topic: 'board' }]);
    last().receive({ type: 'snapshot', topic: 'board', seq: 9, data: {} });
    last().receive(event('board', 10, 9));
    expect(r.events.map((e) => e.seq)).toEqual([10]);
    expect(r.lives).toEqual([true, false, true]);

    // A connection that delivered a snapshot starts the backoff over.
    last().drop();
    const before = sockets.length;
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(before);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(before + 1);
    connectLive('board', 11);
    expect(last().subscribes()).toHaveLength(1);
    expect(client.topicState('board')).toBe('live');
  });

  it('spreads reconnections with jitter of up to half the delay, never past the cap', () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 0.999)).toBe(250);
    expect(reconnectDelay(3, () => 0.5)).toBe(3_000);
    expect(reconnectDelay(10, () => 0)).toBe(10_000);
    expect(reconnectDelay(10, () => 0.999)).toBe(5_005);
    expect(reconnectDelay(500, () => 0)).toBe(10_000);
    expect(reconnectDelay(-1, () => 0)).toBe(500);
  });

  it('gives up on a connection that stays silent for 2.5 heartbeats, and ignores what it still says', () => {
    const client = makeClient();
    const r = recorder();
    client.subscribe('board', r);
    last().open({ heartbeatMs: 1_000 });
    last().receive({ type: 'snapshot', topic: 'board', seq: 1, data: {} });
    const first = last();
    vi.advanceTimersByTime(2_000);
    first.receive({ type: 'heartbeat', at: '…', live: true });
    vi.advanceTimersByTime(2_499);
    expect(first.closedByClient).toBe(false);
    vi.advanceTimersByTime(1);
    expect(first.closedByClient).toBe(true);
    expect(client.state.connected).toBe(false);
    expect(client.topicState('board')).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    // Anything the dead socket still says is ignored.
    first.receive({ type: 'snapshot', topic: 'board', seq: 3, data: {} });
    first.drop();
    expect(client.state.connected).toBe(false);
    expect(sockets).toHaveLength(2);
    connectLive('board', 10);
    expect(r.snapshots.map((s) => s.seq)).toEqual([1, 10]);
    expect(client.topicState('board')).toBe('live');
  });

  it('watches with the default heartbeat until hello says otherwise (also while opening)', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    last().openBare();
    vi.advanceTimersByTime(37_499);
    expect(last().closedByClient).toBe(false);
    vi.advanceTimersByTime(1);
    expect(sockets[0]!.closedByClient).toBe(true);

    // A handshake that never completes is given up on just the same.
    vi.advanceTimersByTime(500);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(37_500);
    expect(sockets[1]!.closedByClient).toBe(true);
  });

  it('reconnects at once when woken after the connection was lost, skipping the backoff', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    last().open();
    last().drop();
    last().drop();
    expect(sockets).toHaveLength(1);
    client.wake();
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(2);
  });

  it('drops a connection that went silent while timers were throttled when woken', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    last().open({ heartbeatMs: 1_000 });
    vi.setSystemTime(Date.now() + 10_000); // the clock moved, the timers did not run
    client.wake();
    expect(sockets[0]!.closedByClient).toBe(true);
    expect(sockets).toHaveLength(2);
  });

  it('survives a constructor that throws, a send that throws and junk messages', () => {
    const opened: SocketHandlers[] = [];
    const client = new LiveClient({
      url: 'ws://hall.test/ws',
      random: () => 0,
      openSocket: (_url, handlers) => {
        opened.push(handlers);
        if (opened.length === 1) throw new Error('refused');
        return {
          send: () => {
            throw new Error('not open');
          },
          close: () => undefined,
        };
      },
    });
    client.subscribe('board', {});
    expect(client.topicState('board')).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(opened).toHaveLength(2);
    expect(() => {
      opened[1]!.open();
      opened[1]!.message('not json');
      opened[1]!.message('42');
      opened[1]!.message(JSON.stringify({ type: 'snapshot', topic: 'board', seq: 'nine' }));
    }).not.toThrow();
    expect(client.topicState('board')).toBe('reconnecting');
    expect(client.dropped).toBe(3);
    client.close();
  });

  it('stops for good when closed', () => {
    const client = makeClient();
    client.subscribe('board', recorder());
    connectLive('board', 1);
    client.close();
    expect(last().closedByClient).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe('LiveClient: refusals and retries', () => {
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
    expect(b.states).toEqual(['resyncing']);
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
});

describe('LiveClient: malformed frames', () => {
  it('drops and counts frames that do not follow the protocol, tells the logger, and carries on', () => {
    const seen: unknown[] = [];
    const r = recorder();
    const client = new LiveClient({
      url: 'ws://hall.test/ws',
      openSocket: (url, on) => {
        const s = new FakeSocket(url, on);
        sockets.push(s);
        return s;
      },
      random: () => 0,
      onMalformed: (raw) => {
        seen.push(raw);
        throw new Error('a logger that fails');
      },
    });
    client.subscribe('board', r);
    connectLive('board', 5);
    const frames: unknown[] = [
      'not json',
      '{"type":"event","topic":"board","seq":"6","prev":5,"event":{"type":"ticket.called","at":"x","data":{}}}',
      '{"type":"event","topic":"board","seq":6,"prev":5}',
      '{"type":"snapshot","topic":"board","data":{}}',
      '{"type":"status","live":"no"}',
      '{"type":"hello","live":true,"heartbeatMs":-5}',
      new Uint8Array([1, 2]),
      undefined,
    ];
    expect(() => {
      for (const frame of frames) last().on.message(frame);
    }).not.toThrow();
    expect(client.dropped).toBe(frames.length);
    expect(seen).toEqual(frames);
    // Nothing of it was acted on: still live on seq 5, the heartbeat unchanged, no resubscribe.
    expect(client.topicState('board')).toBe('live');
    expect(client.lastSeq('board')).toBe(5);
    expect(r.snapshots).toHaveLength(1);
    expect(r.events).toEqual([]);
    expect(last().subscribes()).toEqual(['board']);
    vi.advanceTimersByTime(37_499);
    expect(last().closedByClient).toBe(false);

    last().receive(event('board', 6, 5, 'ticket.called'));
    expect(r.events.map((e) => e.seq)).toEqual([6]);
  });
});

