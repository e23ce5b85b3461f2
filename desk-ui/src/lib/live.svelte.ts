import { browser } from '$app/environment';
import { browserSocket, LiveClient, liveUrl, type LiveEvent, type LiveProblem } from '@campus/server/client/live';

export type { LiveEvent, LiveProblem } from '@campus/server/client/live';

/** The page's one connection to `/ws`, as reactive state (e.g. for a header indicator). */
class LiveConnection {
  connected = $state(false);
  live = $state(false);
}

export const liveConnection = new LiveConnection();

let client: LiveClient | null = null;

/** Created on first use, in the browser only; shared by every component of the page. */
function liveClient(): LiveClient {
  if (client) return client;
  const c = new LiveClient({
    url: () => liveUrl(location),
    openSocket: browserSocket,
    onState: (state) => {
      liveConnection.connected = state.connected;
      liveConnection.live = state.live;
    },
    onMalformed: (raw) => console.warn('live: dropped a frame that does not follow the protocol', raw),
  });
  // Phones suspend background tabs and drop sockets quietly: check again when the page is back.
  window.addEventListener('online', () => c.wake());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') c.wake();
  });
  client = c;
  return c;
}

export interface LiveTopicHandlers {
  /** The topic's whole state (after subscribing, a gap, a reconnection or the bus coming back). */
  snapshot?(data: unknown): void;
  /** One change, in order. */
  event?(event: LiveEvent): void;
  /** The server refused the topic (`not_found`, `forbidden`, …) or could not read it (`unavailable`, retried). */
  error?(problem: LiveProblem): void;
}

/** A topic's state for the UI: `live` while changes flow, `reconnecting` otherwise. */
export class LiveTopic {
  /** Changes are flowing: connected, the server's bus live, a snapshot in hand. */
  live = $state(false);
  /** It has been live at least once (so "connecting" can read differently from "reconnecting"). */
  wasLive = $state(false);
  /** The server refused the topic; cleared by the next snapshot. */
  refused = $state<LiveProblem | null>(null);

  get state(): 'live' | 'reconnecting' {
    return this.live ? 'live' : 'reconnecting';
  }
}

/**
 * Subscribes to `topic()` while the calling component lives (call it during component set-up), and
 * again whenever the topic changes; null subscribes to nothing.
 */
export function liveTopic(topic: () => string | null, handlers: LiveTopicHandlers): LiveTopic {
  const state = new LiveTopic();
  $effect(() => {
    const name = topic();
    state.live = false;
    state.wasLive = false;
    state.refused = null;
    if (!browser || name === null) return;
    return liveClient().subscribe(name, {
      snapshot: (data) => {
        state.refused = null;
        handlers.snapshot?.(data);
      },
      event: (event) => handlers.event?.(event),
      error: (problem) => {
        if (problem.code !== 'unavailable') state.refused = problem;
        handlers.error?.(problem);
      },
      state: (topicState) => {
        const live = topicState === 'live';
        state.live = live;
        if (live) state.wasLive = true;
      },
    });
  });
  return state;
}
