import { describe, expect, it } from 'vitest';
import { backoffDelay, LiveSocket, type Connect, type ConnectionState, type Schedule, type SocketHandlers } from './live-socket';

/** Timers that run only when the test moves the clock. */
function fakeClock() {
  let now = 0;
  const timers = new Set<{ at: number; fn: () => void }>();
  const schedule: Schedule = (fn, ms) => {
    const timer = { at: now + ms, fn };
    timers.add(timer);
    return () => timers.delete(timer);
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = [...timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      timers.delete(next);
      now = next.at;
      next.fn();
    }
    now = end;
  };
  return { schedule, advance };
}

class FakeSocket {
  readonly sent: { type: string; topic?: string }[] = [];
  closed = false;
  constructor(readonly handlers: SocketHandlers) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as { type: string; topic?: string });
  }
  close() {
    this.closed = true;
  }
  open() {
    this.handlers.open();
  }
  receive(message: object) {
    this.handlers.message(JSON.stringify(message));
  }
  subscribes() {
    return this.sent.filter((m) => m.type === 'subscribe' && m.topic === 'board').length;
  }
}

function setup() {
  const clock = fakeClock();
  const sockets: FakeSocket[] = [];
  const urls: string[] = [];
  const snapshots: { data: unknown; seq: number }[] = [];
  const events: { event: unknown; seq: number }[] = [];
  const states: ConnectionState[] = [];
  const connect: Connect = (url, handlers) => {
    urls.push(url);
    const socket = new FakeSocket(handlers);
    sockets.push(socket);
    return socket;
  };
  const live = new LiveSocket({
    url: 'ws://hall.test/ws',
    topic: 'board',
    connect,
    schedule: clock.schedule,
    random: () => 0.5, // no jitter: delays are the bare backoff
    onSnapshot: (data, seq) => snapshots.push({ data, seq }),
    onEvent: (event, seq) => events.push({ event, seq }),
    onConnection: (state) => states.push(state),
  });
  const socket = () => sockets.at(-1)!;
  /** Opens the newest socket and answers its subscribe with a snapshot at `seq`. */
  const connectLive = (seq: number) => {
    socket().open();
    socket().receive({ type: 'hello', live: true, heartbeatMs: 15_000, now: '2026-11-21T09:30:00.000+08:00' });
    socket().receive({ type: 'snapshot', topic: 'board', seq, data: { seq } });
  };
  const event = (seq: number, prev: number) => ({ type: 'event', topic: 'board', seq, prev, event: { type: 'ticket.issued', at: 'x', data: { seq } } });
  return { clock, sockets, urls, snapshots, events, states, live, socket, connectLive, event };
}

describe('LiveSocket', () => {
  it('subscribes once open and is live only from the first snapshot', () => {
    const t = setup();
    t.live.start();
    expect(t.urls).toEqual(['ws://hall.test/ws']);
    expect(t.live.state).toBe('reconnecting');
    t.socket().open();
    expect(t.socket().sent).toEqual([{ type: 'subscribe', topic: 'board' }]);
    expect(t.live.state).toBe('reconnecting');
    t.socket().receive({ type: 'snapshot', topic: 'board', seq: 812, data: { windows: [] } });
    expect(t.live.state).toBe('live');
    expect(t.snapshots).toEqual([{ data: { windows: [] }, seq: 812 }]);
    expect(t.states).toEqual(['reconnecting', 'live']);
  });

  it('hands on events in sequence and ignores other topics and duplicates', () => {
    const t = setup();
    t.live.start();
    t.connectLive(812);
    t.socket().receive(t.event(813, 812));
    t.socket().receive({ ...t.event(814, 813), topic: 'window:8' });
    t.socket().receive(t.event(813, 812));
    t.socket().receive(t.event(814, 813));
    expect(t.events.map((e) => e.seq)).toEqual([813, 814]);
    expect(t.live.lastSeq).toBe(814);
    expect(t.socket().subscribes()).toBe(1);
  });

  it('subscribes again on a gap and skips events until the fresh snapshot', () => {
    const t = setup();
    t.live.start();
    t.connectLive(812);
    t.socket().receive(t.event(813, 812));
    t.socket().receive(t.event(815, 814)); // 814 never came
    expect(t.socket().subscribes()).toBe(2);
    t.socket().receive(t.event(816, 815)); // still the old stream: already in the coming snapshot
    expect(t.socket().subscribes()).toBe(2);
    expect(t.events.map((e) => e.seq)).toEqual([813]);
    expect(t.live.state).toBe('live');

    t.socket().receive({ type: 'snapshot', topic: 'board', seq: 816, data: {} });
    t.socket().receive(t.event(817, 816));
    expect(t.snapshots.map((s) => s.seq)).toEqual([812, 816]);
    expect(t.events.map((e) => e.seq)).toEqual([813, 817]);
  });

  it('is stale while the bus is down and asks for a fresh snapshot when it is back', () => {
    const t = setup();
    t.live.start();
    t.connectLive(812);
    t.socket().receive({ type: 'status', live: false });
    expect(t.live.state).toBe('stale');
    t.socket().receive({ type: 'status', live: true });
    expect(t.socket().subscribes()).toBe(2);
    expect(t.live.state).toBe('stale'); // until the data is the truth again
    t.socket().receive({ type: 'snapshot', topic: 'board', seq: 830, data: {} });
    expect(t.live.state).toBe('live');
    expect(t.states).toEqual(['reconnecting', 'live', 'stale', 'live']);
  });

  it('takes a heartbeat saying the bus is live as the lost status', () => {
    const t = setup();
    t.live.start();
    t.connectLive(812);
    t.socket().receive({ type: 'heartbeat', at: 'x', live: false });
    expect(t.live.state).toBe('stale');
    t.socket().receive({ type: 'heartbeat', at: 'x', live: true });
    expect(t.socket().subscribes()).toBe(2);
    t.socket().receive({ type: 'heartbeat', at: 'x', live: true });
    t.socket().receive({ type: 'snapshot', topic: 'board', seq: 820, data: {} });
    expect(t.live.state).toBe('live');
    t.socket().receive({ type: 'heartbeat', at: 'x', live: true });
    expect(t.socket().subscribes()).toBe(3); // each heartbeat while stale asks once more, none after
  });

  it('forgets a down bus on a new connection whose hello says it is live', () => {
    const t = setup();
    t.live.start();
    t.connectLive(812);
    t.socket().receive({ type: 'status', live: false });
    t.socket().handlers.close();
    t.clock.advance(500);
    t.connectLive(830);
    expect(t.live.state).toBe('live');
    expect(t.socket().subscribes()).toBe(1);
  });

  it('starts stale when hello says the bus is down', () => {
    const t = setup();
    t.live.start();
    t.socket().open();
    t.socket().receive({ type: 'hello', live: false, heartbeatMs: 15_000 });
    t.socket().receive({ type: 'snapshot', topic: 'board', seq: 5, data: {} });
    expect(t.live.state).toBe('stale');
  });

  it('reconnects with doubling backoff capped at 10 s, reset by a snapshot', () => {
    const t = setup();
    t.live.start();
    const gaps: number[] = [];
    for (let i = 0; i < 7; i++) {
      const count = t.sockets.length;
      t.socket().handlers.close();
      expect(t.live.state).toBe('reconnecting');
      let waited = 0;
      while (t.sockets.length === count) {
        t.clock.advance(100);
        waited += 100;
      }
      gaps.push(waited);
    }
    expect(gaps).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);

    t.connectLive(900);
    t.socket().handlers.close();
    t.clock.advance(499);
    const count = t.sockets.length;
    t.clock.advance(1);
    expect(t.sockets.length).toBe(count + 1);
    t.connectLive(901);
    expect(t.socket().subscribes()).toBe(1);
    expect(t.live.state).toBe('live');
  });

  it('subscribes again on every reconnect', () => {
    const t = setup();
    t.live.start();
    t.connectLive(812);
    t.socket().handlers.close();
    t.clock.advance(500);
    t.socket().open();
    expect(t.socket().sent).toEqual([{ type: 'subscribe', topic: 'board' }]);
    t.socket().receive({ type: 'snapshot', topic: 'board', seq: 850, data: {} });
    t.socket().receive(t.event(851, 850));
    expect(t.events.map((e) => e.seq)).toEqual([851]);
  });

  it('closes a silent connection after 2.5 heartbeats and reconnects', () => {
    const t = setup();
    t.live.start();
    t.socket().open();
    t.socket().receive({ type: 'hello', live: true, heartbeatMs: 1000 });
    t.socket().receive({ type: 'snapshot', topic: 'board', seq: 1, data: {} });
    t.clock.advance(2000);
    t.socket().receive({ type: 'heartbeat', at: 'x', live: true });
    t.clock.advance(2499);
    expect(t.socket().closed).toBe(false);
    t.clock.advance(1);
    expect(t.sockets[0]!.closed).toBe(true);
    expect(t.live.state).toBe('reconnecting');
    t.clock.advance(500);
    expect(t.sockets).toHaveLength(2);
  });

  it('watches with the default heartbeat until hello says otherwise', () => {
    const t = setup();
    t.live.start();
    t.socket().open();
    t.clock.advance(37_499);
    expect(t.socket().closed).toBe(false);
    t.clock.advance(1);
    expect(t.sockets[0]!.closed).toBe(true);
  });

  it('ignores a socket it gave up on', () => {
    const t = setup();
    t.live.start();
    const first = t.socket();
    first.open();
    t.clock.advance(37_500); // watchdog gives up on it
    t.clock.advance(500);
    t.connectLive(10);
    first.receive({ type: 'snapshot', topic: 'board', seq: 3, data: {} });
    first.handlers.close();
    expect(t.snapshots.map((s) => s.seq)).toEqual([10]);
    expect(t.live.state).toBe('live');
    expect(t.sockets).toHaveLength(2);
  });

  it('retries the subscribe when the snapshot is unavailable', () => {
    const t = setup();
    t.live.start();
    t.socket().open();
    t.socket().receive({ type: 'error', code: 'unavailable', title: 'Try again', topic: 'board' });
    expect(t.socket().subscribes()).toBe(1);
    t.clock.advance(500);
    expect(t.socket().subscribes()).toBe(2);
  });

  it('survives a constructor that throws, a send that throws and junk messages', () => {
    const clock = fakeClock();
    const opened: SocketHandlers[] = [];
    const live = new LiveSocket({
      url: 'ws://hall.test/ws',
      topic: 'board',
      schedule: clock.schedule,
      random: () => 0.5,
      connect: (_url, handlers) => {
        opened.push(handlers);
        if (opened.length === 1) throw new Error('refused');
        return {
          send: () => {
            throw new Error('not open');
          },
          close: () => undefined,
        };
      },
      onSnapshot: () => undefined,
      onEvent: () => undefined,
    });
    live.start();
    expect(live.state).toBe('reconnecting');
    clock.advance(500);
    expect(opened).toHaveLength(2);
    expect(() => {
      opened[1]!.open();
      opened[1]!.message('not json');
      opened[1]!.message('42');
      opened[1]!.message(JSON.stringify({ type: 'snapshot', topic: 'board', seq: 'nine' }));
    }).not.toThrow();
    expect(live.state).toBe('reconnecting');
    live.stop();
  });

  it('stops for good', () => {
    const t = setup();
    t.live.start();
    t.connectLive(1);
    t.live.stop();
    expect(t.socket().closed).toBe(true);
    t.clock.advance(60_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('reconnects at once when asked, skipping the backoff', () => {
    const t = setup();
    t.live.start();
    t.socket().handlers.close();
    t.live.reconnectNow();
    expect(t.sockets).toHaveLength(2);
    t.clock.advance(10_000);
    expect(t.sockets).toHaveLength(2);
  });
});

describe('backoffDelay', () => {
  it('jitters each step by at most a quarter and never passes the cap', () => {
    expect(backoffDelay(0, () => 0)).toBe(375);
    expect(backoffDelay(0, () => 0.999_999)).toBe(625);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(12, () => 0.999_999)).toBe(10_000);
    expect(backoffDelay(12, () => 0)).toBe(7500);
  });
});
