/**
 * The board page's live state: the socket feeds the reducer, the clock follows the server's, and
 * every call this board shows is handed on to be announced.
 */
import { browserSocket, LiveClient, liveUrl, type LiveEvent, type TopicState } from '@campus/server/client/live';
import type { Announcement } from './announcer';
import type { BoardConfig } from './board-config';
import { applyEvent, applySnapshot, callOf, isBoardEvent, isBoardSnapshot, type BoardState } from './board-state';
import { boardView, missedCalls } from './board-view';

/** What the banner shows: a resync after a gap is no outage (what is on screen is nearly right). */
export type BoardConnectionState = 'live' | 'reconnecting' | 'stale';

const shown = (state: TopicState): BoardConnectionState => (state === 'resyncing' ? 'live' : state);

export class BoardLive {
  board = $state.raw<BoardState | null>(null);
  connection = $state<BoardConnectionState>('reconnecting');
  lastSeq = $state<number | null>(null);
  /** The hall's time: the TV's clock corrected by what the server last said. */
  now = $state(new Date());

  readonly #config: BoardConfig;
  readonly #announce: (call: Announcement) => void;
  readonly #client: LiveClient;
  #unsubscribe: (() => void) | null = null;
  /** Server clock minus this TV's clock. */
  #skewMs = 0;
  #clock: ReturnType<typeof setInterval> | null = null;

  constructor(config: BoardConfig, announce: (call: Announcement) => void, url = liveUrl(location)) {
    this.#config = config;
    this.#announce = announce;
    this.#client = new LiveClient({
      url,
      openSocket: browserSocket,
      onHello: ({ now }) => this.#setClock(now),
      onMalformed: (raw) => console.warn('board: dropped a frame that does not follow the protocol', raw),
    });
  }

  start(): void {
    this.#unsubscribe ??= this.#client.subscribe('board', {
      snapshot: (data, seq) => this.#snapshot(data, seq),
      event: (event, seq) => this.#event(event, seq),
      state: (state) => (this.connection = shown(state)),
    });
    this.#clock = setInterval(() => (this.now = new Date(Date.now() + this.#skewMs)), 1000);
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#client.close();
    if (this.#clock) clearInterval(this.#clock);
    this.#clock = null;
  }

  /** The network is back: no need to sit out the backoff. */
  reconnectNow(): void {
    this.#client.wake();
  }

  #setClock(iso: string | null): void {
    const server = iso ? Date.parse(iso) : NaN;
    if (Number.isNaN(server)) return;
    this.#skewMs = server - Date.now();
    this.now = new Date(server);
  }

  #snapshot(data: unknown, seq: number): void {
    if (!isBoardSnapshot(data)) return;
    this.#setClock(data.now);
    const before = this.board;
    const after = applySnapshot(data);
    this.board = after;
    this.lastSeq = seq;
    // A gap or an outage may have swallowed a call someone is still waiting to hear.
    if (before) {
      const view = boardView(after, this.#config, this.now);
      for (const call of missedCalls(before.recentCalls, after.recentCalls, this.now)) {
        if (view.shows(call.windowId)) this.#announce({ number: call.number, windowNumber: call.windowNumber, recall: call.recall });
      }
    }
  }

  #event(event: LiveEvent, seq: number): void {
    this.lastSeq = seq;
    if (!this.board || !isBoardEvent(event)) return;
    this.board = applyEvent(this.board, event);
    const call = callOf(event);
    if (call && boardView(this.board, this.#config, this.now).shows(call.windowId)) {
      this.#announce({ number: call.number, windowNumber: call.windowNumber, recall: call.recall });
    }
  }
}
