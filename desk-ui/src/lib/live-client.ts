/**
 * The client side of the `/ws` live-updates protocol (docs/live-updates.md), free of the DOM and of
 * Svelte so it can be tested with a fake socket and fake timers. One LiveClient holds one
 * connection for the whole page; components subscribe to topics on it.
 *
 * What it takes care of: subscribing (again) to every topic after connecting and after the server
 * says the event bus is back, the per-topic `seq`/`prev` chain (a gap asks for a fresh snapshot),
 * reconnecting with backoff and jitter, and a watchdog that gives up on a silent connection.
 */

/** The part of the browser's WebSocket this client uses. */
export interface LiveSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** What the socket factory wires to the socket's open, message and close events (an error is always followed by close). */
export interface LiveSocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(): void;
}

export interface LiveTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** One change on a topic, as the server describes it (`event.data` depends on `event.type`). */
export interface LiveEvent {
  type: string;
  at: string;
  data: unknown;
}

/** An `error` message: a refused or malformed request, or a snapshot that could not be read. */
export interface LiveProblem {
  code: string;
  title: string;
  topic: string | null;
}

export type ServerMessage =
  | { type: 'hello'; live: boolean; heartbeatMs: number }
  | { type: 'snapshot'; topic: string; seq: number; data: unknown }
  | { type: 'event'; topic: string; seq: number; prev: number; event: LiveEvent }
  | { type: 'status'; live: boolean }
  | { type: 'heartbeat'; live: boolean }
  | { type: 'pong' }
  | { type: 'error'; problem: LiveProblem };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/** Reads one frame; anything that does not follow the protocol is null (and ignored). */
export function parseServerMessage(raw: unknown): ServerMessage | null {
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
      return {
        type: 'hello',
        live: m.live !== false,
        heartbeatMs: typeof m.heartbeatMs === 'number' && m.heartbeatMs > 0 ? m.heartbeatMs : DEFAULT_HEARTBEAT_MS,
      };
    case 'snapshot':
      return typeof m.topic === 'string' && isSeq(m.seq) ? { type: 'snapshot', topic: m.topic, seq: m.seq, data: m.data } : null;
    case 'event': {
      const e = m.event;
      if (typeof m.topic !== 'string' || !isSeq(m.seq) || !isSeq(m.prev) || !isRecord(e) || typeof e.type !== 'string') return null;
      return {
        type: 'event',
        topic: m.topic,
        seq: m.seq,
        prev: m.prev,
        event: { type: e.type, at: typeof e.at === 'string' ? e.at : '', data: e.data },
      };
    }
    case 'status':
      return typeof m.live === 'boolean' ? { type: 'status', live: m.live } : null;
    case 'heartbeat':
      return { type: 'heartbeat', live: m.live !== false };
    case 'pong':
      return { type: 'pong' };
    case 'error':
      return {
        type: 'error',
        problem: {
          code: typeof m.code === 'string' ? m.code : 'unknown',
          title: typeof m.title === 'string' ? m.title : '',
          topic: typeof m.topic === 'string' ? m.topic : null,
        },
      };
    default:
      return null;
  }
}

/** What a subscriber hears about its topic. */
export interface TopicListener {
  /** The topic's state as of `seq`: replaces whatever the subscriber held. */
  snapshot?(data: unknown, seq: number): void;
  /** A change after the last snapshot or event, in order, none missed. */
  event?(event: LiveEvent, seq: number): void;
  /** The server refused the topic (`not_found`, `forbidden`…) or could not read its snapshot (`unavailable`, retried). */
  error?(problem: LiveProblem): void;
  /** Whether changes are flowing: connected, the server's bus live, and a snapshot in hand. */
  live?(live: boolean): void;
}

export interface ConnectionState {
  /** The socket is open. */
  connected: boolean;
  /** Open, and the server says its event bus is live. */
  live: boolean;
}

export interface LiveClientOptions {
  /** Where to connect; read at every (re)connection. */
  url: () => string;
  createSocket: (url: string, handlers: LiveSocketHandlers) => LiveSocket;
  timers?: LiveTimers;
  /** In [0, 1): jitter for the reconnection delays. */
  random?: () => number;
  /** How long an unused connection stays open, so moving between pages does not reconnect. */
  idleCloseMs?: number;
  onState?: (state: ConnectionState) => void;
  /** An `error` message that names no topic we hold (`bad_message`, …). */
  onProblem?: (problem: LiveProblem) => void;
}

export const DEFAULT_HEARTBEAT_MS = 15_000;
/** Silence for this many heartbeats means the connection is dead. */
export const WATCHDOG_HEARTBEATS = 2.5;
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_MAX_MS = 10_000;
const DEFAULT_IDLE_CLOSE_MS = 5_000;
const OPEN = 1;

/**
 * The wait before reconnection attempt `attempt` (0-based): 0.5 s, 1 s, 2 s … capped at 10 s, each
 * shortened by up to half at random so that a hall full of phones does not come back all at once.
 */
export function reconnectDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling * (1 - random() / 2));
}

const defaultTimers: LiveTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

interface Topic {
  listeners: Set<TopicListener>;
  /** `seq` of the last snapshot or event delivered; events must name it as their `prev`. */
  lastSeq: number | null;
  /** A snapshot is in hand and nothing has been missed since. */
  synced: boolean;
  /** The server refused the topic: not asked for again until someone subscribes anew. */
  refused: boolean;
  /** Retries after `unavailable`. */
  retryTimer: unknown;
  retryAttempt: number;
  /** What listeners were last told by `live()`. */
  told: boolean;
}

export class LiveClient {
  readonly #opts: LiveClientOptions;
  readonly #timers: LiveTimers;
  readonly #random: () => number;
  readonly #topics = new Map<string, Topic>();

  #socket: LiveSocket | null = null;
  #connected = false;
  #busLive = false;
  #heartbeatMs = DEFAULT_HEARTBEAT_MS;
  #lastMessageAt = 0;
  #attempt = 0;
  #reconnectTimer: unknown = null;
  #watchdogTimer: unknown = null;
  #idleTimer: unknown = null;
  #told: ConnectionState = { connected: false, live: false };

  constructor(options: LiveClientOptions) {
    this.#opts = options;
    this.#timers = options.timers ?? defaultTimers;
    this.#random = options.random ?? Math.random;
  }

  get state(): ConnectionState {
    return { connected: this.#connected, live: this.#connected && this.#busLive };
  }

  /**
   * Listens to a topic; connects if need be. Subscribing asks the server for a snapshot, also when
   * the topic is already held (the newcomer needs one). Returns the way to stop listening.
   */
  subscribe(topic: string, listener: TopicListener): () => void {
    let entry = this.#topics.get(topic);
    if (!entry) {
      entry = { listeners: new Set(), lastSeq: null, synced: false, refused: false, retryTimer: null, retryAttempt: 0, told: false };
      this.#topics.set(topic, entry);
    }
    entry.listeners.add(listener);
    entry.refused = false;
    this.#clear('idle');
    if (this.#socket) this.#requestSnapshot(topic, entry);
    else if (this.#reconnectTimer === null) this.#connect();
    this.#notify();

    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.#unsubscribe(topic, listener);
    };
  }

  /**
   * The page became visible again or the network came back: reconnect now instead of waiting out
   * the backoff, and drop a connection that went silent while timers were throttled.
   */
  wake(): void {
    if (this.#topics.size === 0) return;
    if (!this.#socket) {
      this.#clear('reconnect');
      this.#connect();
    } else if (this.#connected && this.#timers.now() - this.#lastMessageAt > this.#watchdogMs()) {
      this.#drop();
      this.#clear('reconnect');
      this.#connect();
    }
  }

  /** Closes the connection and forgets every topic. */
  close(): void {
    for (const entry of this.#topics.values()) this.#timers.clearTimeout(entry.retryTimer);
    this.#topics.clear();
    this.#clear('reconnect');
    this.#clear('idle');
    this.#drop();
  }

  #unsubscribe(topic: string, listener: TopicListener): void {
    const entry = this.#topics.get(topic);
    if (!entry) return;
    entry.listeners.delete(listener);
    if (entry.listeners.size > 0) return;
    this.#timers.clearTimeout(entry.retryTimer);
    this.#topics.delete(topic);
    if (this.#connected) this.#send({ type: 'unsubscribe', topic });
    if (this.#topics.size === 0) {
      this.#clear('reconnect');
      this.#idleTimer = this.#timers.setTimeout(() => {
        this.#idleTimer = null;
        if (this.#topics.size === 0) this.#drop();
      }, this.#opts.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS);
    }
  }

  #connect(): void {
    // Events of a socket this client has since given up on are ignored.
    let socket: LiveSocket | null = null;
    const handlers: LiveSocketHandlers = {
      open: () => {
        if (!socket || this.#socket !== socket) return;
        this.#connected = true;
        this.#lastMessageAt = this.#timers.now();
        this.#armWatchdog();
        for (const [topic, entry] of this.#topics) if (!entry.refused) this.#requestSnapshot(topic, entry);
        this.#notify();
      },
      message: (data) => {
        if (!socket || this.#socket !== socket) return;
        this.#lastMessageAt = this.#timers.now();
        this.#armWatchdog();
        const message = parseServerMessage(data);
        if (message) this.#handle(message);
      },
      close: () => {
        if (!socket || this.#socket !== socket) return;
        this.#lost();
      },
    };
    try {
      socket = this.#opts.createSocket(this.#opts.url(), handlers);
    } catch {
      // A bad URL or a blocked scheme: treat like a failed attempt.
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    // Also bounds how long the opening handshake may take.
    this.#armWatchdog();
  }

  #handle(message: ServerMessage): void {
    switch (message.type) {
      case 'hello':
        this.#heartbeatMs = message.heartbeatMs;
        this.#armWatchdog();
        // Every topic was asked for on opening: nothing to ask again.
        this.#setBusLive(message.live, false);
        break;
      case 'heartbeat':
        // A connection that lives long enough to beat has earned a fresh backoff.
        this.#attempt = 0;
        this.#setBusLive(message.live, true);
        break;
      case 'status':
        this.#setBusLive(message.live, true);
        break;
      case 'snapshot': {
        const entry = this.#topics.get(message.topic);
        if (!entry) return;
        entry.lastSeq = message.seq;
        entry.synced = true;
        entry.refused = false;
        entry.retryAttempt = 0;
        this.#attempt = 0;
        for (const l of [...entry.listeners]) l.snapshot?.(message.data, message.seq);
        this.#notify();
        break;
      }
      case 'event': {
        const entry = this.#topics.get(message.topic);
        // Events before the snapshot we asked for are covered by it.
        if (!entry || !entry.synced) return;
        if (message.prev !== entry.lastSeq) {
          this.#requestSnapshot(message.topic, entry);
          this.#notify();
          return;
        }
        entry.lastSeq = message.seq;
        for (const l of [...entry.listeners]) l.event?.(message.event, message.seq);
        break;
      }
      case 'error':
        this.#problem(message.problem);
        break;
      case 'pong':
        break;
    }
  }

  #problem(problem: LiveProblem): void {
    const entry = problem.topic === null ? undefined : this.#topics.get(problem.topic);
    if (!entry || problem.topic === null) {
      this.#opts.onProblem?.(problem);
      return;
    }
    const topic = problem.topic;
    entry.synced = false;
    if (problem.code === 'unavailable') {
      // The snapshot could not be read just now: ask again, backing off.
      this.#timers.clearTimeout(entry.retryTimer);
      entry.retryTimer = this.#timers.setTimeout(() => {
        entry.retryTimer = null;
        if (this.#topics.get(topic) === entry && this.#connected && !entry.refused) this.#requestSnapshot(topic, entry);
      }, reconnectDelay(entry.retryAttempt++, this.#random));
    } else {
      entry.refused = true;
    }
    for (const l of [...entry.listeners]) l.error?.(problem);
    this.#notify();
  }

  #setBusLive(live: boolean, resubscribe: boolean): void {
    const wasLive = this.#busLive;
    this.#busLive = live;
    // The bus is back: whatever happened meanwhile is lost, so every topic starts from a snapshot.
    if (live && !wasLive && resubscribe) {
      for (const [topic, entry] of this.#topics) if (!entry.refused) this.#requestSnapshot(topic, entry);
    }
    this.#notify();
  }

  #requestSnapshot(topic: string, entry: Topic): void {
    entry.synced = false;
    this.#send({ type: 'subscribe', topic });
  }

  #send(message: { type: string; topic?: string }): void {
    const socket = this.#socket;
    if (socket && this.#connected && socket.readyState === OPEN) {
      try {
        socket.send(JSON.stringify(message));
      } catch {
        // The socket is closing; its close event takes over.
      }
    }
  }

  #watchdogMs(): number {
    return this.#heartbeatMs * WATCHDOG_HEARTBEATS;
  }

  #armWatchdog(): void {
    this.#clear('watchdog');
    this.#watchdogTimer = this.#timers.setTimeout(() => {
      this.#watchdogTimer = null;
      // A dead connection may take minutes to report its close: give up on it now.
      this.#drop();
      this.#lost();
    }, this.#watchdogMs());
  }

  /** Closes the current socket without waiting for (or reacting to) its close event. */
  #drop(): void {
    const socket = this.#socket;
    this.#socket = null;
    this.#connected = false;
    this.#busLive = false;
    this.#clear('watchdog');
    if (socket) {
      try {
        socket.close(1000);
      } catch {
        // Already closed.
      }
    }
    for (const entry of this.#topics.values()) entry.synced = false;
    this.#notify();
  }

  /** The connection is gone (closed, failed, or silent): try again later while anyone listens. */
  #lost(): void {
    this.#socket = null;
    this.#connected = false;
    this.#busLive = false;
    this.#clear('watchdog');
    for (const entry of this.#topics.values()) entry.synced = false;
    if (this.#topics.size > 0) this.#scheduleReconnect();
    this.#notify();
  }

  #scheduleReconnect(): void {
    this.#clear('reconnect');
    const delay = reconnectDelay(this.#attempt++, this.#random);
    this.#reconnectTimer = this.#timers.setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#topics.size > 0 && !this.#socket) this.#connect();
    }, delay);
  }

  #clear(which: 'reconnect' | 'watchdog' | 'idle'): void {
    if (which === 'reconnect' && this.#reconnectTimer !== null) {
      this.#timers.clearTimeout(this.#reconnectTimer);
      this.#reconnectTimer = null;
    } else if (which === 'watchdog' && this.#watchdogTimer !== null) {
      this.#timers.clearTimeout(this.#watchdogTimer);
      this.#watchdogTimer = null;
    } else if (which === 'idle' && this.#idleTimer !== null) {
      this.#timers.clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
    }
  }

  /** Tells the page and each topic's listeners what changed since they were last told. */
  #notify(): void {
    const state = this.state;
    if (state.connected !== this.#told.connected || state.live !== this.#told.live) {
      this.#told = state;
      this.#opts.onState?.(state);
    }
    for (const entry of this.#topics.values()) {
      const live = state.live && entry.synced;
      if (live === entry.told) continue;
      entry.told = live;
      for (const l of [...entry.listeners]) l.live?.(live);
    }
  }
}
