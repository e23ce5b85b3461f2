/**
 * The clerk console's state for one window: its queue, the ticket at the window and its story, the
 * action running and what it said, which dialog is open. Every action reads the queue again when
 * it ends; so does every event of the window's live topic (the page subscribes and calls
 * `refreshSoon`). The page and its panels draw from one instance.
 */
import {
  ApiError,
  callNext,
  getTicketHistory,
  getWindowQueue,
  listWindowAppointments,
  openWindowSession,
  recallTicket,
  setWindowSession,
  startTicket,
  updateChecklist,
  type ChecklistItem,
  type Me,
  type TicketHistoryEntry,
  type WindowAppointment,
  type WindowQueue,
} from './api';
import type { DeskAction } from './desk-keys';
import { formatHallDateTime } from './format';
import { t, type MessageKey } from './i18n/lang.svelte';
import { problemText } from './queue';

/** The queue is read again on every event of the window's topic, and after every action. */
const EVENT_DEBOUNCE_MS = 150;

export interface DeskPageData {
  windowId: number;
  /** This clerk is assigned to the window. */
  mine: boolean;
  me: Pick<Me, 'id'>;
}

type Message = { tone: 'success' | 'info' | 'error'; text: string };

/** The hall's calendar day (YYYY-MM-DD) at `ms`. */
const hallDay = (ms: number) => formatHallDateTime(new Date(ms).toISOString()).slice(0, 10);

export class DeskConsole {
  queue = $state<WindowQueue | null>(null);
  loadError = $state<unknown>(null);
  message = $state<Message | null>(null);
  busy = $state<string | null>(null);
  finishOpen = $state(false);
  parkOpen = $state(false);
  transferOpen = $state(false);
  callOpen = $state(false);
  noShowOpen = $state(false);
  now = $state(Date.now());
  /** The current ticket's story (transfers included), read once per ticket and after each action. */
  history = $state<{ ticketId: string; notes: string | null; entries: TicketHistoryEntry[] } | null>(null);

  /** Today's appointments of the window's services; null until first read. */
  appointments = $state<WindowAppointment[] | null>(null);
  appointmentsError = $state<unknown>(null);

  readonly #data: () => DeskPageData;
  readonly windowId = $derived.by(() => this.#data().windowId);
  readonly session = $derived(this.queue?.session ?? null);
  readonly mySession = $derived.by(() => this.session !== null && this.session.accountId === this.#data().me.id);
  readonly current = $derived(this.queue?.current[0] ?? null);
  readonly others = $derived(this.queue?.current.slice(1) ?? []);
  readonly today = $derived(hallDay(this.now));
  /** The appointment whose ticket is at the window, when it is one: its holder's ticks go beside it. */
  readonly currentAppointment = $derived.by(() => {
    const c = this.current;
    if (!c || c.channel !== 'appointment') return null;
    return this.appointments?.find((a) => a.ticketNumber === c.number) ?? null;
  });
  /** 403/404: not this clerk's window (or no such window); asking again will not change that. */
  readonly refused = $derived(this.loadError instanceof ApiError && (this.loadError.status === 403 || this.loadError.status === 404));

  #inflight: AbortController | null = null;
  #appointmentsInflight: AbortController | null = null;
  /** A burst of events (a call moves several tickets) is one read of the queue. */
  #eventTimer: ReturnType<typeof setTimeout> | null = null;
  /** Checklist ticks sent but not yet answered, by ticket and material: reads of the queue keep them. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not state: nothing on screen reads it, only the next read of the queue
  readonly #unsaved = new Map<string, boolean>();

  constructor(data: () => DeskPageData) {
    this.#data = data;
  }

  /** For an effect: reads the current ticket's story whenever the ticket (or its status) changes. */
  followHistory() {
    const id = this.current?.id;
    const stamp = this.current?.status;
    if (!id) {
      this.history = null;
      return;
    }
    void stamp;
    const controller = new AbortController();
    getTicketHistory(id, { signal: controller.signal }).then(
      (h) => {
        if (!controller.signal.aborted) this.history = { ticketId: id, ...h };
      },
      () => {},
    );
    return () => controller.abort();
  }

  /** For an effect: starts afresh on another window, reading its queue when it is this clerk's. */
  open() {
    void this.windowId;
    this.queue = null;
    this.loadError = null;
    this.message = null;
    this.appointments = null;
    this.appointmentsError = null;
    if (!this.#data().mine) return;
    void this.refresh();
    return () => {
      this.#inflight?.abort();
      this.#appointmentsInflight?.abort();
    };
  }

  /** Read with the queue (every event and action) and every 30 s by the page. */
  refreshAppointments = async () => {
    this.#appointmentsInflight?.abort();
    const controller = new AbortController();
    this.#appointmentsInflight = controller;
    try {
      const items = await listWindowAppointments(this.windowId, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.appointments = items;
      this.appointmentsError = null;
    } catch (err) {
      if (!controller.signal.aborted) this.appointmentsError = err;
    }
  };

  refresh = async () => {
    void this.refreshAppointments();
    this.#inflight?.abort();
    const controller = new AbortController();
    this.#inflight = controller;
    try {
      const next = await getWindowQueue(this.windowId, { signal: controller.signal });
      if (controller.signal.aborted) return;
      // A read that left before a checklist tick was saved must not untick it on screen.
      for (const ticket of next.current) {
        for (const item of ticket.checklist) {
          const mine = this.#unsaved.get(`${ticket.id}:${item.materialId}`);
          if (mine !== undefined) item.checked = mine;
        }
      }
      this.queue = next;
      this.loadError = null;
      this.now = Date.now();
    } catch (err) {
      if (!controller.signal.aborted) this.loadError = err;
    }
  };

  refreshSoon = () => {
    if (this.#eventTimer !== null) return;
    this.#eventTimer = setTimeout(() => {
      this.#eventTimer = null;
      void this.refresh();
    }, EVENT_DEBOUNCE_MS);
  };

  /** When the page goes: no read left waiting. */
  stop() {
    if (this.#eventTimer !== null) clearTimeout(this.#eventTimer);
    this.#eventTimer = null;
  }

  /** Runs one action: its result (or its error, in words) goes to the status line, then the queue is read again. */
  async #run(key: string, action: () => Promise<{ text: string; tone?: 'success' | 'info' } | null>) {
    if (this.busy) return;
    this.busy = key;
    this.message = null;
    try {
      const result = await action();
      if (result) this.message = { tone: result.tone ?? 'success', text: result.text };
    } catch (err) {
      this.message = { tone: 'error', text: problemText(err) };
    } finally {
      this.busy = null;
      await this.refresh();
    }
  }

  dialogDone = (text: string) => {
    this.message = { tone: 'success', text };
    void this.refresh();
  };

  openSession = () => this.#run('open', async () => (await openWindowSession(this.windowId), { text: t('desk.sessionOpened') }));
  pause = () => this.#run('pause', async () => (await setWindowSession(this.windowId, 'paused'), { text: t('desk.sessionPaused') }));
  resume = () => this.#run('resume', async () => (await setWindowSession(this.windowId, 'open'), { text: t('desk.sessionResumed') }));
  closeSession = () => this.#run('close', async () => (await setWindowSession(this.windowId, 'closed'), { text: t('desk.sessionClosed') }));

  next = () =>
    this.#run('call-next', async () => {
      const called = await callNext(this.windowId);
      return called ? { text: t('desk.calledNumber', { number: called.number }) } : { text: t('desk.nobodyWaiting'), tone: 'info' };
    });

  #onCurrent = (key: string, act: (id: string) => Promise<unknown>, done: MessageKey) => () => {
    const c = this.current;
    if (!c) return;
    void this.#run(key, async () => (await act(c.id), { text: t(done, { number: c.number, n: c.recallCount + 1 }) }));
  };

  recall = this.#onCurrent('recall', (id) => recallTicket(id), 'desk.recalled');
  start = this.#onCurrent('start', (id) => startTicket(id), 'desk.started');

  toggle = async (item: ChecklistItem, checked: boolean) => {
    const c = this.current;
    if (!c) return;
    const key = `${c.id}:${item.materialId}`;
    item.checked = checked; // at once on screen; put back if the server refuses
    this.#unsaved.set(key, checked);
    try {
      await updateChecklist(c.id, [{ materialId: item.materialId, checked }]);
      if (this.#unsaved.get(key) === checked) this.#unsaved.delete(key);
      // Supersedes any read that left before the tick was saved.
      void this.refresh();
    } catch (err) {
      if (this.#unsaved.get(key) === checked) this.#unsaved.delete(key);
      item.checked = !checked;
      this.message = { tone: 'error', text: problemText(err) };
      void this.refresh();
    }
  };

  readonly #status = $derived(this.current?.status ?? null);
  readonly actions = $derived.by((): DeskAction[] => {
    const status = this.#status;
    return [
      // Only with the window free: the server refuses a call while a ticket is at it (ticket_in_progress).
      { id: 'call-next', key: 'N', label: 'desk.callNext', enabled: this.queue !== null && this.current === null, run: () => void this.next(), kind: 'primary' },
      { id: 'recall', key: 'R', label: 'desk.recall', enabled: status === 'called', run: this.recall },
      { id: 'start', key: 'S', label: 'desk.start', enabled: status === 'called', run: this.start },
      { id: 'finish', key: 'F', label: 'desk.finish', enabled: status === 'serving', run: () => (this.finishOpen = true), kind: 'primary' },
      { id: 'no-show', key: 'X', label: 'desk.noShow', enabled: status === 'called', run: () => (this.noShowOpen = true), kind: 'danger' },
      { id: 'park', key: 'P', label: 'desk.park', enabled: status === 'called' || status === 'serving', run: () => (this.parkOpen = true) },
      { id: 'transfer', key: 'T', label: 'desk.transfer', enabled: status === 'called' || status === 'serving', run: () => (this.transferOpen = true) },
      { id: 'call-specific', key: 'C', label: 'desk.callSpecific', enabled: this.queue !== null, run: () => (this.callOpen = true) },
    ];
  });
}
