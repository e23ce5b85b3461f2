/**
 * The ticket page's state: the ticket as HTTP and the live topic deliver it, whether the signed-in
 * person holds it, the holder's actions (cancel, rejoin, rate), and the full-screen notice when it
 * is called. The page subscribes to the topic and runs the effects; its panels read one instance.
 */
import { tick } from 'svelte';
import { ApiError, cancelTicket, FINISHED_TICKET_STATUSES, getTicket, listMyTickets, rateTicket, rejoinTicket, type Ticket } from './api';
import { playChime, unlockAudio, vibrate } from './chime';
import { t } from './i18n/lang.svelte';
import { isActiveTicket, problemText } from './queue';
import { session } from './session.svelte';
import { CallWatch, ticketFromLive, type CallNotice } from './ticket-live';
import { rejoinDeadline } from './ticket-state';

const VIBRATION = [300, 150, 300];

const clockNow = () => new Date();

export class TicketView {
  ticket = $state<Ticket | null>(null);
  loadError = $state<unknown>(null);
  refreshError = $state<unknown>(null);
  updatedAt = $state<string | null>(null);
  /** The signed-in person's tickets: tells whether this one is theirs (the Ticket itself does not say). */
  mine = $state<Ticket[] | null>(null);

  message = $state<{ tone: 'info' | 'error' | 'success'; text: string } | null>(null);
  busy = $state<'cancel' | 'rejoin' | 'rate' | null>(null);
  cancelOpen = $state(false);
  cancelError = $state<unknown>(null);
  statusHeading = $state<HTMLElement>();

  rated = $state(false);

  /** "Go to window N": shown full screen when the ticket is called or recalled while the page is open. */
  notice = $state<CallNotice | null>(null);
  /** Counts notices, so a recall while one is open shows (and announces) it afresh. */
  noticeSerial = $state(0);
  noticeEl = $state<HTMLDialogElement>();
  announcement = $state('');
  readonly #watch = new CallWatch();
  /** Bumped by every state the socket delivers: an HTTP answer asked for before it is older. */
  #liveVersion = 0;

  readonly #id: () => string;

  readonly holder = $derived(this.ticket !== null && (this.mine?.some((m) => m.id === this.ticket?.id) ?? false));
  readonly finished = $derived(this.ticket !== null && FINISHED_TICKET_STATUSES.includes(this.ticket.status));
  readonly cancellable = $derived(this.ticket !== null && ['waiting', 'called', 'parked'].includes(this.ticket.status));
  readonly notFound = $derived(this.loadError instanceof ApiError && this.loadError.status === 404);
  /** Ticks at the rejoin deadline, so the button goes when the time to rejoin does. */
  clock = $state(clockNow());
  readonly rejoinBy = $derived(this.ticket ? rejoinDeadline(this.ticket, this.clock) : null);

  constructor(id: () => string) {
    this.#id = id;
  }

  /** For an effect: moves the clock on at the rejoin deadline. */
  followRejoinDeadline() {
    const rejoinBy = this.rejoinBy;
    if (!rejoinBy) return;
    const timer = setTimeout(() => (this.clock = clockNow()), Math.max(0, rejoinBy.getTime() - Date.now()) + 50);
    return () => clearTimeout(timer);
  }

  /** Every new state of the ticket, from HTTP or from the socket, goes through here. */
  #apply(next: Ticket) {
    this.ticket = next;
    if (next.rated) this.rated = true;
    this.loadError = null;
    this.refreshError = null;
    this.updatedAt = clockNow().toISOString();
    const call = this.#watch.ticket(next);
    if (call) void this.#raise(call);
    // At the window now (or out of the line): the notice has done its job.
    else if (this.notice && next.status !== 'called') this.notice = null;
  }

  load = async (id: string, signal?: AbortSignal) => {
    const version = this.#liveVersion;
    try {
      const next = await getTicket(id, { signal });
      if (id !== this.#id() || version !== this.#liveVersion) return;
      this.#apply(next);
    } catch (err) {
      if (signal?.aborted || id !== this.#id()) return;
      if (this.ticket) this.refreshError = err;
      else this.loadError = err;
    }
  };

  /** For an effect: reads the ticket once; the socket keeps it current from then on. */
  open() {
    const id = this.#id();
    const controller = new AbortController();
    this.ticket = null;
    this.loadError = null;
    this.message = null;
    this.rated = false;
    this.notice = null;
    this.#watch.reset();
    void this.load(id, controller.signal);
    return () => controller.abort();
  }

  fromSocket = (payload: unknown) => {
    const next = ticketFromLive(payload, this.#id());
    if (!next) return;
    this.#liveVersion++;
    this.#apply(next);
  };

  /** An event of the ticket's topic that is not its new state: maybe a call (or a recall). */
  fromEvent = (event: Parameters<CallWatch['event']>[0]) => {
    const call = this.#watch.event(event, this.ticket);
    if (call) void this.#raise(call);
  };

  async #raise(call: CallNotice) {
    this.notice = call;
    this.noticeSerial++;
    playChime();
    vibrate(VIBRATION);
    // Emptied first, so that the same words are announced again on a recall.
    this.announcement = '';
    await tick();
    this.announcement = t('ticket.calledAnnounce', { number: call.number, go: this.goText(call) });
  }

  goText(call: CallNotice): string {
    const n = call.window ?? this.ticket?.window?.number ?? null;
    return n === null ? t('ticket.calledGoAnyWindow') : t('ticket.calledGo', { n });
  }

  dismissNotice = async () => {
    this.notice = null;
    await tick();
    this.statusHeading?.focus();
  };

  /** Escape closes the dialog natively: forget the notice too (but not when an older dialog closes on its way out). */
  noticeClosed = (event: Event) => {
    if (event.currentTarget === this.noticeEl) this.notice = null;
  };

  /** Browsers keep sound off until the page is touched: any tap or key press allows the chime. */
  allowSound = () => {
    if (this.ticket && isActiveTicket(this.ticket)) unlockAudio();
  };

  async #loadMine(signal?: AbortSignal) {
    try {
      this.mine = await listMyTickets({ signal, authRedirect: false });
    } catch {
      if (!signal?.aborted) this.mine = null;
    }
  }

  /** For an effect: signed in as a student or staff member, is this ticket theirs? */
  followMine() {
    void this.#id();
    if (!session.me?.person) {
      this.mine = null;
      return;
    }
    const controller = new AbortController();
    void this.#loadMine(controller.signal);
    return () => controller.abort();
  }

  askCancel = () => {
    this.cancelError = null;
    this.cancelOpen = true;
  };

  confirmCancel = async () => {
    if (!this.ticket || this.busy) return;
    this.busy = 'cancel';
    this.cancelError = null;
    try {
      this.#apply(await cancelTicket(this.ticket.id));
      this.cancelOpen = false;
      this.message = { tone: 'success', text: t('ticket.cancelled') };
      this.statusHeading?.focus();
    } catch (err) {
      this.cancelError = err;
    } finally {
      this.busy = null;
    }
  };

  rejoin = async () => {
    if (!this.ticket || this.busy) return;
    this.busy = 'rejoin';
    this.message = null;
    try {
      this.#apply(await rejoinTicket(this.ticket.id));
      this.message = { tone: 'success', text: t('ticket.rejoined') };
      void this.#loadMine();
    } catch (err) {
      this.message = { tone: 'error', text: problemText(err) };
    } finally {
      this.busy = null;
    }
  };

  rate = async (rating: Parameters<typeof rateTicket>[1]) => {
    if (!this.ticket || this.busy) return;
    this.busy = 'rate';
    this.message = null;
    try {
      await rateTicket(this.ticket.id, rating);
      this.rated = true;
      this.message = { tone: 'success', text: t('rate.thanks') };
    } catch (err) {
      if (err instanceof ApiError && err.code === 'feedback_exists') this.rated = true;
      this.message = { tone: err instanceof ApiError && err.code === 'feedback_exists' ? 'info' : 'error', text: problemText(err) };
    } finally {
      this.busy = null;
    }
  };
}
