/**
 * The client side of the `/ws` protocol (docs/live-updates.md), shared by desk-ui and the display
 * board. Free of the DOM and of Svelte so it runs under unit tests with a fake socket and fake
 * timers; each app wraps it in a thin Svelte-state adapter. One LiveClient holds one connection for
 * the whole page; components subscribe to topics on it.
 *
 * What it takes care of: subscribing (again) to every topic after connecting and after the server
 * says the event bus is back, the per-topic `seq`/`prev` chain (a gap asks for a fresh snapshot, a
 * repeat is dropped), reconnecting with backoff and jitter, and a watchdog that gives up on a
 * silent connection.
 */
import type { LiveEvent } from './protocol.ts';
import { parseServerMessage, type ParsedMessage } from './messages.ts';

/** The part of a WebSocket this client uses. */
export interface WebSocketLike {
  /** 1 while open, as in the browser; a socket without it counts as open once it said so. */
  readonly readyState?: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** What the socket factory wires to the socket's open, message and close events (an error is always followed by close). */
export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(): void;
}

/** Opens a socket that reports back through the handlers. May throw (a bad URL, a blocked scheme). */
export type OpenSocket = (url: string, handlers: SocketHandlers) => WebSocketLike;

/** An `error` message: a refused or malformed request, or a snapshot that could not be read. */
export interface LiveProblem {
  code: string;
  title: string;
  topic: string | null;
}

/**
 * Where a topic stands. reconnecting: no socket, no snapshot on this one yet, or refused.
 * stale: the server's bus is down, or came back and the fresh snapshot is not in yet.
 * resyncing: a gap was seen and a fresh snapshot is asked for (what is shown is nearly right).
 * live: changes flow.
 */
export type TopicState = 'reconnecting' | 'stale' | 'resyncing' | 'live';

/** What a subscriber hears about its topic. */
export interface TopicListener {
  /** The topic's state as of `seq`: replaces whatever the subscriber held. */
  snapshot?(data: unknown, seq: number): void;
  /** A change after the last snapshot or event, in order, none missed, none twice. */
  event?(event: LiveEvent, seq: number): void;
  /** The server refused the topic (`not_found`, `forbidden`…) or could not read its snapshot (`unavailable`, retried). */
  error?(problem: LiveProblem): void;
  /** The topic's state, each time it changes (and once on subscribing). */
  state?(state: TopicState): void;
}

export interface ConnectionState {
  /** The socket is open. */
  connected: boolean;
  /** Open, and the server says its event bus is live. */
  live: boolean;
}

export interface LiveClientOptions {
  /** Where to connect; a function is read at every (re)connection. */
  url: string | (() => string);
  openSocket: OpenSocket;
  /** In [0, 1): jitter for the reconnection delays. */
  random?: () => number;
  /** How long an unused connection stays open, so moving between pages does not reconnect. */
  idleCloseMs?: number;
  onState?: (state: ConnectionState) => void;
  /** The server's greeting: its clock (boards correct their own) and heartbeat. */
  onHello?: (hello: { now: string | null; heartbeatMs: number }) => void;
  /** An `error` message that names no topic we hold (`bad_message`, …). */
  onProblem?: (problem: LiveProblem) => void;
  /** A frame that does not follow the protocol: dropped, and counted in `dropped`. */
  onMalformed?: (raw: unknown) => void;
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
 * shortened by up to half at random so that a hall full of phones and boards does not come back
 * all at once (and no wait is ever longer than the cap).
 */
export function reconnectDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.round(ceiling * (1 - random() / 2));
}

type Timer = ReturnType<typeof setTimeout>;

interface Topic {
  listeners: Set<TopicListener>;
  /** `seq` of the last snapshot or event delivered; events must name it as their `prev`. */
  lastSeq: number | null;
  /** A snapshot came on the current connection. */
  hasSnapshot: boolean;
  /** A snapshot is in hand and nothing has been missed since. */
  synced: boolean;
  /** The bus went down since the last snapshot: what we hold may be out of date. */
  stale: boolean;
  /** The server refused the topic: not asked for again until someone subscribes anew. */
  refused: boolean;
  /** Retries after `unavailable`. */
  retryTimer: Timer | null;
  retryAttempt: number;
  /** What listeners were last told by `state()`. */
  told: TopicState | null;
}

export class LiveClient {
  readonly #opts: LiveClientOptions;
  readonly #random: () => number;
  readonly #topics = new Map<string, Topic>();

  #socket: WebSocketLike | null = null;
  #connected = false;
  #busLive = false;
  #heartbeatMs = DEFAULT_HEARTBEAT_MS;
  #lastMessageAt = 0;
  #attempt = 0;
  #reconnectTimer: Timer | null = null;
  #watchdogTimer: Timer | null = null;
  #idleTimer: Timer | null = null;
  #told: ConnectionState = { connected: false, live: false };
  #dropped = 0;

  constructor(options: LiveClientOptions) {
    this.#opts = options;
    this.#random = options.random ?? Math.random;
  }

  get state(): ConnectionState {
    return { connected: this.#connected, live: this.#connected && this.#busLive };
  }

  /** Frames dropped because they did not follow the protocol. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Where `topic` stands; `reconnecting` for a topic nobody holds. */
  topicState(topic: string): TopicState {
    const entry = this.#topics.get(topic);
    return entry ? this.#stateOf(entry) : 'reconnecting';
  }

  /** The seq of the last snapshot or event delivered on `topic`. */
  lastSeq(topic: string): number | null {
    return this.#topics.get(topic)?.lastSeq ?? null;
  }

  /**
   * Listens to a topic; connects if need be. Subscribing asks the server for a snapshot, also when
   * the topic is already held (the newcomer needs one). Returns the way to stop listening.
   */
  subscribe(topic: string, listener: TopicListener): () => void {
    let entry = this.#topics.get(topic);
    if (!entry) {
      entry = { listeners: new Set(), lastSeq: null, hasSnapshot: false, synced: false, stale: false, refused: false, retryTimer: null, retryAttempt: 0, told: null };
      this.#topics.set(topic, entry);
    }
    entry.listeners.add(listener);
    entry.refused = false;
    this.#clear('idle');
    if (this.#socket) this.#requestSnapshot(topic, entry);
    else if (this.#reconnectTimer === null) this.#connect();
    const told = entry.told;
    this.#notify();
    // The newcomer hears where the topic stands even when nothing changed for the others.
    if (entry.told === told && told !== null) listener.state?.(told);

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
    } else if (this.#connected && Date.now() - this.#lastMessageAt > this.#watchdogMs()) {
      this.#drop();
      this.#clear('reconnect');
      this.#connect();
    }
  }

  /** Closes the connection and forgets every topic; nothing reconnects until the next subscribe. */
  close(): void {
    for (const entry of this.#topics.values()) this.#clearRetry(entry);
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
    this.#clearRetry(entry);
    this.#topics.delete(topic);
    if (this.#connected) this.#send({ type: 'unsubscribe', topic });
    if (this.#topics.size === 0) {
      this.#clear('reconnect');
      this.#idleTimer = setTimeout(() => {
        this.#idleTimer = null;
        if (this.#topics.size === 0) this.#drop();
      }, this.#opts.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS);
    }
  }

  #connect(): void {
    // Events of a socket this client has since given up on are ignored.
    let socket: WebSocketLike | null = null;
    const handlers: SocketHandlers = {
      open: () => {
        if (!socket || this.#socket !== socket) return;
        this.#connected = true;
        // A new connection starts over: its hello says how the bus is, its snapshots are the truth.
        this.#busLive = true;
        this.#lastMessageAt = Date.now();
        this.#armWatchdog();
        for (const [topic, entry] of this.#topics) if (!entry.refused) this.#requestSnapshot(topic, entry);
        this.#notify();
      },
      message: (data) => {
        if (!socket || this.#socket !== socket) return;
        this.#lastMessageAt = Date.now();
        this.#armWatchdog();
        const message = parseServerMessage(data);
        if (message) this.#handle(message);
        else this.#malformed(data);
      },
      close: () => {
        if (!socket || this.#socket !== socket) return;
        this.#lost();
      },
    };
    this.#heartbeatMs = DEFAULT_HEARTBEAT_MS;
    try {
      socket = this.#opts.openSocket(typeof this.#opts.url === 'function' ? this.#opts.url() : this.#opts.url, handlers);
    } catch {
      // A bad URL or a blocked scheme: treat like a failed attempt.
      this.#scheduleReconnect();
      this.#notify();
      return;
    }
    this.#socket = socket;
    // Also bounds how long the opening handshake may take.
    this.#armWatchdog();
  }

  #malformed(raw: unknown): void {
    this.#dropped++;
    try {
      this.#opts.onMalformed?.(raw);
    } catch {
      // A logger that throws must not take the connection down.
    }
  }

  #handle(message: ParsedMessage): void {
    switch (message.type) {
      case 'hello':
        this.#heartbeatMs = message.heartbeatMs;
        this.#armWatchdog();
        this.#opts.onHello?.({ now: message.now ?? null, heartbeatMs: message.heartbeatMs });
        // Every topic was asked for on opening: nothing to ask again.
        if (!message.live) this.#busDown();
        break;
      case 'heartbeat':
        // A connection that lives long enough to beat has earned a fresh backoff.
        this.#attempt = 0;
        // A heartbeat saying the bus is live counts as the status, in case that was lost.
        if (message.live) this.#busUp();
        else this.#busDown();
        break;
      case 'status':
        if (message.live) this.#busUp();
        else this.#busDown();
        break;
      case 'snapshot':
        this.#snapshot(message.topic, message.seq, message.data);
        break;
      case 'event':
        this.#event(message.topic, message.seq, message.prev, message.event);
        break;
      case 'error':
        this.#problem({ code: message.code, title: message.title, topic: message.topic ?? null });
        break;
      case 'pong':
        break;
    }
  }

  #snapshot(topic: string, seq: number, data: unknown): void {
    const entry = this.#topics.get(topic);
    if (!entry) return;
    entry.lastSeq = seq;
    entry.hasSnapshot = true;
    entry.synced = true;
    entry.stale = false;
    entry.refused = false;
    entry.retryAttempt = 0;
    this.#attempt = 0;
    for (const l of [...entry.listeners]) l.snapshot?.(data, seq);
    this.#notify();
  }

  #event(topic: string, seq: number, prev: number, event: LiveEvent): void {
    const entry = this.#topics.get(topic);
    // Events before the snapshot we asked for are covered by it.
    if (!entry || !entry.synced) return;
    if (prev !== entry.lastSeq) {
      // Already delivered (a repeat) is dropped; anything else means we missed something.
      if (entry.lastSeq !== null && seq <= entry.lastSeq) return;
      this.#requestSnapshot(topic, entry);
      this.#notify();
      return;
    }
    // `seq` may equal `prev`: `ticket.updated` shares the seq of the event that caused it.
    entry.lastSeq = seq;
    for (const l of [...entry.listeners]) l.event?.(event, seq);
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
      this.#clearRetry(entry);
      entry.retryTimer = setTimeout(() => {
        entry.retryTimer = null;
        if (this.#topics.get(topic) === entry && this.#connected && !entry.refused) this.#requestSnapshot(topic, entry);
      }, reconnectDelay(entry.retryAttempt++, this.#random));
    } else {
      entry.refused = true;
    }
    for (const l of [...entry.listeners]) l.error?.(problem);
    this.#notify();
  }

  #busDown(): void {
    this.#busLive = false;
    for (const entry of this.#topics.values()) entry.stale = true;
    this.#notify();
  }

  /**
   * The bus is live. If it was down, events published meanwhile never reached us: every topic
   * starts again from a snapshot, asked for again on each such message until it comes.
   */
  #busUp(): void {
    const wasLive = this.#busLive;
    this.#busLive = true;
    for (const [topic, entry] of this.#topics) {
      if (!entry.refused && (!wasLive || entry.stale)) {
        entry.stale = true;
        this.#requestSnapshot(topic, entry);
      }
    }
    this.#notify();
  }

  #requestSnapshot(topic: string, entry: Topic): void {
    entry.synced = false;
    this.#send({ type: 'subscribe', topic });
  }

  #send(message: { type: 'subscribe' | 'unsubscribe'; topic: string }): void {
    const socket = this.#socket;
    if (!socket || !this.#connected || (socket.readyState !== undefined && socket.readyState !== OPEN)) return;
    try {
      socket.send(JSON.stringify(message));
    } catch {
      // The socket is closing; its close event takes over.
    }
  }

  #watchdogMs(): number {
    return this.#heartbeatMs * WATCHDOG_HEARTBEATS;
  }

  #armWatchdog(): void {
    this.#clear('watchdog');
    this.#watchdogTimer = setTimeout(() => {
      this.#watchdogTimer = null;
      // A dead connection may take minutes to report its close: give up on it now.
      this.#drop();
      this.#lost();
    }, this.#watchdogMs());
  }

  /** Closes the current socket without waiting for (or reacting to) its close event. */
  #drop(): void {
    const socket = this.#socket;
    this.#forget();
    if (socket) {
      try {
        socket.close(1000);
      } catch {
        // Already closed.
      }
    }
    this.#notify();
  }

  /** The connection is gone (closed, failed, or silent): try again later while anyone listens. */
  #lost(): void {
    this.#forget();
    if (this.#topics.size > 0) this.#scheduleReconnect();
    this.#notify();
  }

  #forget(): void {
    this.#socket = null;
    this.#connected = false;
    this.#busLive = false;
    this.#clear('watchdog');
    for (const entry of this.#topics.values()) {
      entry.synced = false;
      entry.hasSnapshot = false;
      entry.stale = false;
      this.#clearRetry(entry);
    }
  }

  #scheduleReconnect(): void {
    this.#clear('reconnect');
    const delay = reconnectDelay(this.#attempt++, this.#random);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      if (this.#topics.size > 0 && !this.#socket) this.#connect();
    }, delay);
  }

  #clearRetry(entry: Topic): void {
    if (entry.retryTimer !== null) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
  }

  #clear(which: 'reconnect' | 'watchdog' | 'idle'): void {
    if (which === 'reconnect' && this.#reconnectTimer !== null) {
      clearTimeout(this.#reconnectTimer);
      this.#reconnectTimer = null;
    } else if (which === 'watchdog' && this.#watchdogTimer !== null) {
      clearTimeout(this.#watchdogTimer);
      this.#watchdogTimer = null;
    } else if (which === 'idle' && this.#idleTimer !== null) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = null;
    }
  }

  #stateOf(entry: Topic): TopicState {
    if (!this.#connected || !entry.hasSnapshot || entry.refused) return 'reconnecting';
    if (!this.#busLive || entry.stale) return 'stale';
    return entry.synced ? 'live' : 'resyncing';
  }

  /** Tells the page and each topic's listeners what changed since they were last told. */
  #notify(): void {
    const state = this.state;
    if (state.connected !== this.#told.connected || state.live !== this.#told.live) {
      this.#told = state;
      this.#opts.onState?.(state);
    }
    for (const entry of this.#topics.values()) {
      const topicState = this.#stateOf(entry);
      if (topicState === entry.told) continue;
      entry.told = topicState;
      for (const l of [...entry.listeners]) l.state?.(topicState);
    }
  }
}

/** Minimal shape of the browser's WebSocket (this module is also type-checked without the DOM). */
interface BrowserWebSocket extends WebSocketLike {
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
}

/** The browser's WebSocket behind the `OpenSocket` shape. */
export const browserSocket: OpenSocket = (url, handlers) => {
  const { WebSocket } = globalThis as unknown as { WebSocket: new (url: string) => BrowserWebSocket };
  const socket = new WebSocket(url);
  socket.onopen = () => handlers.open();
  socket.onmessage = (event) => handlers.message(event.data);
  // An error is always followed by close; reconnecting happens there.
  socket.onclose = () => handlers.close();
  return socket;
};

/** `ws://` or `wss://` to this page's own `/ws`. */
export const liveUrl = (location: { protocol: string; host: string }): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
