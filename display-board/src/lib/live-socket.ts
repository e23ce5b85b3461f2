/**
 * One topic of `/ws` kept alive: connect, subscribe, follow `seq`, resubscribe after a gap or when
 * the bus is back, watch the heartbeat, reconnect with backoff. No Svelte and no DOM here: the
 * socket and the timers come in from outside, so the whole dance runs under unit tests.
 */

/** live: events flow. reconnecting: no socket, or no snapshot yet on this one. stale: socket up, bus down. */
export type ConnectionState = 'live' | 'reconnecting' | 'stale';

export interface SocketHandlers {
  open(): void;
  message(data: string): void;
  close(): void;
}

export interface SocketConnection {
  send(data: string): void;
  close(): void;
}

/** Opens a socket; it reports back through the handlers. May throw (a bad URL, a refused constructor). */
export type Connect = (url: string, handlers: SocketHandlers) => SocketConnection;

/** Runs `fn` after `ms`; the returned function cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export interface LiveSocketOptions {
  url: string;
  topic: string;
  connect: Connect;
  schedule?: Schedule;
  /** In [0, 1): the backoff jitter. */
  random?: () => number;
  onSnapshot(data: unknown, seq: number): void;
  onEvent(event: unknown, seq: number): void;
  onConnection?(state: ConnectionState): void;
  onHello?(hello: { now: string | null; heartbeatMs: number }): void;
}

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** Silence for this many heartbeats means the connection is dead. */
export const HEARTBEAT_TOLERANCE = 2.5;
export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 10_000;

/** 0.5 s, 1 s, 2 s, 4 s … capped at 10 s, each ±25 % so a hall full of boards does not reconnect in step. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(Math.min(BACKOFF_CAP_MS, base * (0.75 + random() * 0.5)));
}

export const defaultSchedule: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/** The browser's WebSocket behind the `Connect` shape. */
export const browserConnect: Connect = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.open();
  ws.onmessage = (e: MessageEvent) => {
    if (typeof e.data === 'string') handlers.message(e.data);
  };
  // An error is always followed by close; reconnecting happens there.
  ws.onclose = () => handlers.close();
  return { send: (data) => ws.send(data), close: () => ws.close() };
};

type Message = { type?: unknown; topic?: unknown; seq?: unknown; prev?: unknown; [key: string]: unknown };

export class LiveSocket {
  readonly #o: LiveSocketOptions;
  readonly #schedule: Schedule;
  readonly #random: () => number;

  #conn: SocketConnection | null = null;
  /** Bumped per connection: callbacks of a socket we gave up on are ignored. */
  #generation = 0;
  #open = false;
  #stopped = true;
  #attempt = 0;
  #subscribeAttempt = 0;
  #heartbeatMs = DEFAULT_HEARTBEAT_MS;

  #hasSnapshot = false;
  #lastSeq: number | null = null;
  /** A subscribe is out after a gap: events until its snapshot are already in it. */
  #resyncing = false;
  #busLive = true;
  /** False from `live: false` until the snapshot asked for once the bus is back. */
  #fresh = true;
  #reported: ConnectionState | null = null;

  #cancelReconnect: (() => void) | null = null;
  #cancelWatchdog: (() => void) | null = null;
  #cancelResubscribe: (() => void) | null = null;

  constructor(options: LiveSocketOptions) {
    this.#o = options;
    this.#schedule = options.schedule ?? defaultSchedule;
    this.#random = options.random ?? Math.random;
  }

  get state(): ConnectionState {
    if (!this.#open || !this.#hasSnapshot) return 'reconnecting';
    if (!this.#busLive || !this.#fresh) return 'stale';
    return 'live';
  }

  /** The seq of the last snapshot or event applied on the topic. */
  get lastSeq(): number | null {
    return this.#lastSeq;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#report();
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelReconnect?.();
    this.#cancelReconnect = null;
    this.#drop();
  }

  /** Skips the backoff wait (the network just came back): connects now if no socket is open. */
  reconnectNow(): void {
    if (this.#stopped || this.#conn) return;
    this.#cancelReconnect?.();
    this.#cancelReconnect = null;
    this.#connect();
  }

  #connect(): void {
    const generation = ++this.#generation;
    const current = () => generation === this.#generation;
    try {
      this.#conn = this.#o.connect(this.#o.url, {
        open: () => {
          if (current()) this.#opened();
        },
        message: (data) => {
          if (current()) this.#received(data);
        },
        close: () => {
          if (current()) this.#lost();
        },
      });
    } catch {
      this.#conn = null;
      this.#lost();
    }
  }

  #opened(): void {
    this.#open = true;
    // A new connection starts over: its hello says how the bus is, its snapshot is the truth.
    this.#busLive = true;
    this.#fresh = true;
    this.#heartbeatMs = DEFAULT_HEARTBEAT_MS;
    this.#armWatchdog();
    this.#subscribe();
    this.#report();
  }

  #lost(): void {
    this.#drop();
    if (this.#stopped) return;
    const delay = backoffDelay(this.#attempt++, this.#random);
    this.#cancelReconnect = this.#schedule(() => {
      this.#cancelReconnect = null;
      this.#connect();
    }, delay);
  }

  /** Forgets the current socket (closing it if needed) and every timer tied to it. */
  #drop(): void {
    this.#generation++;
    const conn = this.#conn;
    this.#conn = null;
    this.#open = false;
    this.#hasSnapshot = false;
    this.#resyncing = false;
    this.#cancelWatchdog?.();
    this.#cancelWatchdog = null;
    this.#cancelResubscribe?.();
    this.#cancelResubscribe = null;
    try {
      conn?.close();
    } catch {
      // Already closed: nothing to release.
    }
    this.#report();
  }

  #armWatchdog(): void {
    this.#cancelWatchdog?.();
    this.#cancelWatchdog = this.#schedule(() => {
      this.#cancelWatchdog = null;
      this.#lost();
    }, this.#heartbeatMs * HEARTBEAT_TOLERANCE);
  }

  #send(message: object): void {
    try {
      this.#conn?.send(JSON.stringify(message));
    } catch {
      // The socket is going away; its close handler reconnects.
    }
  }

  #subscribe(): void {
    this.#cancelResubscribe?.();
    this.#cancelResubscribe = null;
    this.#send({ type: 'subscribe', topic: this.#o.topic });
  }

  #resubscribe(): void {
    this.#resyncing = true;
    this.#subscribe();
  }

  #received(raw: string): void {
    this.#armWatchdog();
    let message: Message;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) return;
      message = parsed as Message;
    } catch {
      return;
    }
    switch (message.type) {
      case 'hello':
        this.#hello(message);
        break;
      case 'snapshot':
        if (message.topic === this.#o.topic && typeof message.seq === 'number') this.#snapshot(message.data, message.seq);
        break;
      case 'event':
        if (message.topic === this.#o.topic && typeof message.seq === 'number') this.#event(message, message.seq);
        break;
      case 'status':
      case 'heartbeat':
        if (typeof message.live === 'boolean') this.#busStatus(message.live);
        break;
      case 'error':
        if (message.topic === this.#o.topic && message.code === 'unavailable') this.#retrySubscribe();
        break;
      default:
        break;
    }
    this.#report();
  }

  #hello(message: Message): void {
    const { heartbeatMs, now, live } = message;
    if (typeof heartbeatMs === 'number' && Number.isFinite(heartbeatMs) && heartbeatMs > 0) {
      this.#heartbeatMs = heartbeatMs;
      this.#armWatchdog();
    }
    if (live === false) {
      this.#busLive = false;
      this.#fresh = false;
    }
    this.#o.onHello?.({ now: typeof now === 'string' ? now : null, heartbeatMs: this.#heartbeatMs });
  }

  #snapshot(data: unknown, seq: number): void {
    this.#lastSeq = seq;
    this.#hasSnapshot = true;
    this.#resyncing = false;
    this.#fresh = true;
    this.#attempt = 0;
    this.#subscribeAttempt = 0;
    this.#o.onSnapshot(data, seq);
  }

  #event(message: Message, seq: number): void {
    if (!this.#hasSnapshot || this.#resyncing) return;
    const last = this.#lastSeq;
    if (last !== null && seq <= last) return; // Already applied: a duplicate.
    if (message.prev !== last) {
      this.#resubscribe();
      return;
    }
    this.#lastSeq = seq;
    this.#o.onEvent(message.event, seq);
  }

  #busStatus(live: boolean): void {
    if (!live) {
      this.#busLive = false;
      this.#fresh = false;
      return;
    }
    if (this.#busLive && this.#fresh) return;
    // The bus is back (a heartbeat saying so counts, in case the status itself was lost): events
    // published meanwhile never reached us, so the data is only the truth again after a new snapshot.
    this.#busLive = true;
    this.#resubscribe();
  }

  #retrySubscribe(): void {
    this.#cancelResubscribe?.();
    this.#cancelResubscribe = this.#schedule(() => {
      this.#cancelResubscribe = null;
      this.#subscribe();
    }, backoffDelay(this.#subscribeAttempt++, this.#random));
  }

  #report(): void {
    const state = this.state;
    if (state === this.#reported) return;
    this.#reported = state;
    this.#o.onConnection?.(state);
  }
}
