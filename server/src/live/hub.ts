import { sql } from 'drizzle-orm';
import type { Db } from '@campus/db';
import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { LiveErrorCode, LiveEvent, ServerMessage } from '../client/live/protocol.ts';
import type { HallEvent } from '../events/hall-events.ts';
import { mayReadTicket } from '../queue/ticket-access.ts';
import { loadTicketRow, ticketView, type TicketRules } from '../queue/ticket-view.ts';
import { positionsOf } from '../queue/position.ts';
import type { Ticket } from '../queue/schemas.ts';
import type { Actor } from '../common/access.ts';
import type { EventBus } from './bus.ts';
import { boardSnapshot, ticketSnapshot, windowSnapshot } from './snapshots.ts';
import { OWN_TICKET_EVENTS, parseTopic, publicEvent, routing, topicName, type Topic } from './topics.ts';

/** Topics one connection may hold. */
const MAX_TOPICS = 20;
/** Client messages: a bucket of 60, refilled at 6 a second (60 per 10 s sustained). */
const BUCKET = 60;
const REFILL_PER_SECOND = 6;
/** "My ticket" pages are refreshed this long after a change in their line, changes in between coalesced. */
const TICKET_REFRESH_MS = 150;
/**
 * Window and ticket topics are authorised again this often (with a fresh snapshot): a session
 * signed out elsewhere, a disabled account or a clerk moved to another window stops receiving.
 */
const REAUTHORISE_MS = 60_000;
/** A snapshot older than what the in-memory ring reaches is read again, at most this often. */
const SNAPSHOT_ATTEMPTS = 3;
/** Who a connection is, read from the session at most this often (the minute's re-authorisation reads it afresh). */
const ACTOR_CACHE_MS = 5_000;

export type ErrorCode = LiveErrorCode;

class TopicRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly title: string,
  ) {
    super(title);
  }
}

interface Subscription {
  name: string;
  topic: Topic;
  /** Bumped by every (re)subscribe: a slower, older snapshot is thrown away. */
  generation: number;
  ready: boolean;
  lastSeq: number;
  /** window topic: the services the window serves. */
  serviceIds?: ReadonlySet<number>;
  /** ticket topic: the services whose tickets share its line, the windows serving it, and the view last sent. */
  lineServiceIds?: ReadonlySet<number>;
  ticketWindowIds?: ReadonlySet<number>;
  view?: Ticket;
}

interface Client {
  socket: WebSocket;
  subs: Map<string, Subscription>;
  alive: boolean;
  closed: boolean;
  tokens: number;
  refilledAt: number;
  authorisedAt: number;
  /** The address the connection came from (the per-address cap counts it). */
  ip: string;
  /** Who is asking, read again for each subscription (a session may have ended since the upgrade). */
  actor: () => Promise<Actor>;
  /** The last answer of `actor`, reused for a few seconds: a resubscribe storm is not a session-lookup storm. */
  actorCache: { at: number; actor: Promise<Actor> } | null;
}

export interface HubOptions {
  db: Db;
  /** Queue rules a ticket's view depends on. */
  ticketRules: TicketRules;
  bus: EventBus;
  hallTz: string;
  heartbeatMs: number;
  maxBufferedBytes: number;
  log: FastifyBaseLogger;
}

/**
 * The WebSocket side of the event bus in one process: connections, their topics, snapshots and
 * deltas in sequence order, heartbeats, and dropping clients that stop reading.
 */
export class LiveHub {
  readonly clients = new Set<Client>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly refreshes = new Map<Subscription, { client: Client; full: boolean; generation: number }>();
  private refreshTimer: NodeJS.Timeout | null = null;
  /** Snapshot reads in flight, per topic: every subscriber asking meanwhile shares one. */
  private readonly reads = new Map<string, Promise<unknown>>();
  /** Open connections per client address. */
  private readonly perIp = new Map<string, number>();
  private readonly unsubscribeBus: (() => void)[];

  constructor(private readonly options: HubOptions) {
    this.unsubscribeBus = [options.bus.onEvent((e) => this.dispatch(e)), options.bus.onStatus((live) => this.status(live))];
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  close(): void {
    clearInterval(this.heartbeat);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const off of this.unsubscribeBus) off();
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
  }

  /** Connections open from one address in this process. */
  connectionsFrom(ip: string): number {
    return this.perIp.get(ip) ?? 0;
  }

  attach(socket: WebSocket, actor: () => Promise<Actor>, ip: string): void {
    const now = Date.now();
    const client: Client = { socket, subs: new Map(), alive: true, closed: false, tokens: BUCKET, refilledAt: now, authorisedAt: now, ip, actor, actorCache: null };
    this.clients.add(client);
    this.perIp.set(ip, this.connectionsFrom(ip) + 1);
    socket.on('pong', () => (client.alive = true));
    socket.on('message', (data, isBinary) => this.receive(client, data, isBinary));
    socket.on('close', () => {
      if (client.closed) return;
      client.closed = true;
      this.clients.delete(client);
      const left = this.connectionsFrom(ip) - 1;
      if (left > 0) this.perIp.set(ip, left);
      else this.perIp.delete(ip);
      for (const sub of client.subs.values()) this.refreshes.delete(sub);
    });
    // @fastify/websocket's own error listener closes over the upgrade's Fastify request and reply
    // (and through them the raw request, response and a child logger): kept for the socket's life,
    // they were most of an idle socket's memory. Ours keeps nothing of the upgrade.
    socket.removeAllListeners('error');
    socket.on('error', (err) => this.options.log.debug({ err }, 'websocket error'));
    this.send(client, { type: 'hello', live: this.options.bus.live, heartbeatMs: this.options.heartbeatMs, now: new Date().toISOString() });
  }

  private receive(client: Client, data: RawData, isBinary: boolean): void {
    client.alive = true;
    if (!this.take(client)) {
      client.socket.close(1008, 'too many messages');
      return;
    }
    let message: unknown;
    try {
      message = isBinary ? null : JSON.parse(rawText(data));
    } catch {
      message = null;
    }
    const { type, topic } = (typeof message === 'object' && message !== null ? message : {}) as { type?: unknown; topic?: unknown };
    if (type === 'ping') return this.send(client, { type: 'pong' });
    if (type !== 'subscribe' && type !== 'unsubscribe') {
      return this.error(client, 'bad_message', 'Send {"type":"subscribe","topic":"board"}, unsubscribe or ping');
    }
    const parsed = parseTopic(topic);
    if (!parsed) return this.error(client, 'unknown_topic', 'Topics are board, window:<id> and ticket:<id>', typeof topic === 'string' ? topic.slice(0, 64) : undefined);
    const name = topicName(parsed);
    if (type === 'unsubscribe') {
      const sub = client.subs.get(name);
      if (sub) this.refreshes.delete(sub);
      client.subs.delete(name);
      return;
    }
    void this.subscribe(client, parsed, name);
  }

  private async subscribe(client: Client, topic: Topic, name: string): Promise<void> {
    let sub = client.subs.get(name);
    if (!sub) {
      if (client.subs.size >= MAX_TOPICS) return this.error(client, 'too_many_topics', `At most ${MAX_TOPICS} topics per connection`, name);
      sub = { name, topic, generation: 0, ready: false, lastSeq: 0 };
      client.subs.set(name, sub);
    }
    const generation = ++sub.generation;
    sub.ready = false;
    this.refreshes.delete(sub);
    const current = () => !client.closed && client.subs.get(name) === sub && sub.generation === generation;
    try {
      for (let attempt = 1; ; attempt++) {
        const snapshot = await this.snapshot(client, sub);
        if (!current()) return;
        const missed = this.options.bus.since(snapshot.seq);
        if (missed === null && attempt < SNAPSHOT_ATTEMPTS) continue;
        this.send(client, { type: 'snapshot', topic: name, seq: snapshot.seq, data: snapshot.data });
        sub.lastSeq = snapshot.seq;
        sub.ready = true;
        // Events the bus delivered while the snapshot was read: those after it follow at once.
        for (const event of missed ?? []) this.deliver(client, sub, event);
        if (missed === null) this.error(client, 'unavailable', 'The hall is too busy to catch up; subscribe again', name);
        return;
      }
    } catch (err) {
      if (!current()) return;
      client.subs.delete(name);
      if (err instanceof TopicRefused) return this.error(client, err.code, err.title, name);
      this.options.log.warn({ err, topic: name }, 'reading a live snapshot failed');
      this.error(client, 'unavailable', 'The snapshot could not be read; try again shortly', name);
    }
  }

  /** One read per topic at a time: subscribers asking while it runs share its answer. */
  private shared<T>(key: string, read: () => Promise<T>): Promise<T> {
    const running = this.reads.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = read().finally(() => this.reads.delete(key));
    this.reads.set(key, started);
    return started;
  }

  private actorOf(client: Client): Promise<Actor> {
    const now = Date.now();
    if (!client.actorCache || now - client.actorCache.at > ACTOR_CACHE_MS) {
      const actor = client.actor();
      // A failed lookup is not remembered.
      actor.catch(() => (client.actorCache = null));
      client.actorCache = { at: now, actor };
    }
    return client.actorCache.actor;
  }

  /**
   * The snapshot of a topic for this client. Who may follow it is decided per client; the data is
   * read once per topic for everyone asking at the same moment — any snapshot is right for any of
   * them, since each then follows from the snapshot's own sequence number.
   */
  private async snapshot(client: Client, sub: Subscription): Promise<{ seq: number; data: unknown }> {
    const { db, hallTz } = this.options;
    const topic = sub.topic;
    if (topic.kind === 'board') return this.shared('board', () => boardSnapshot(db, hallTz));
    const actor = await this.actorOf(client);
    if (topic.kind === 'window') {
      if (actor.kind === 'anonymous') throw new TopicRefused('unauthorized', 'Sign in first');
      const allowed =
        actor.kind === 'account' &&
        !actor.mustChangePassword &&
        (actor.roles.has('admin') || (actor.roles.has('clerk') && actor.windowIds.includes(topic.windowId)));
      if (!allowed) throw new TopicRefused('forbidden', 'Only the clerks of this window may follow it');
      const read = await this.shared(sub.name, async () => {
        const snapshot = await windowSnapshot(db, topic.windowId);
        const services = await db.execute<{ service_id: number }>(sql`select service_id from service_windows where window_id = ${topic.windowId}`);
        return { snapshot, serviceIds: new Set(services.map((s) => s.service_id)) };
      });
      if (!read.snapshot) throw new TopicRefused('not_found', 'No such window');
      sub.serviceIds = read.serviceIds;
      return read.snapshot;
    }
    const read = await this.shared(sub.name, async () => {
      const row = await loadTicketRow(db, topic.ticketId);
      if (!row) return null;
      // Its line: every service its windows serve (a change to any of them moves the ticket's place).
      const line = await db.execute<{ window_id: number; service_id: number }>(sql`
        select sw1.window_id, sw2.service_id from service_windows sw1 join service_windows sw2 on sw2.window_id = sw1.window_id
        where sw1.service_id = ${row.serviceId}`);
      return {
        row,
        lineServiceIds: new Set([row.serviceId, ...line.map((l) => l.service_id)]),
        windowIds: new Set(line.map((l) => l.window_id)),
        snapshot: await ticketSnapshot(db, row, this.options.ticketRules),
      };
    });
    // As over HTTP: a ticket the caller may not read does not exist.
    if (!read || (actor.kind === 'account' && actor.mustChangePassword) || !(await mayReadTicket(db, actor, read.row))) {
      throw new TopicRefused('not_found', 'No such ticket');
    }
    sub.lineServiceIds = read.lineServiceIds;
    sub.ticketWindowIds = read.windowIds;
    sub.view = read.snapshot.data;
    return read.snapshot;
  }

  private dispatch(event: HallEvent): void {
    // Most clients are boards with the same previous sequence: serialise and encode their message
    // once (a string handed to each socket is encoded to UTF-8 again for each).
    const boardTexts = new Map<number, Buffer>();
    for (const client of this.clients) {
      for (const sub of client.subs.values()) this.deliver(client, sub, event, boardTexts);
    }
  }

  private deliver(client: Client, sub: Subscription, event: HallEvent, boardTexts?: Map<number, Buffer>): void {
    if (!sub.ready || event.seq <= sub.lastSeq) return;
    const topic = sub.topic;
    if (topic.kind === 'board') {
      let text = boardTexts?.get(sub.lastSeq);
      if (text === undefined) {
        text = Buffer.from(JSON.stringify({ type: 'event', topic: 'board', seq: event.seq, prev: sub.lastSeq, event: publicEvent(event) }));
        boardTexts?.set(sub.lastSeq, text);
      }
      sub.lastSeq = event.seq;
      this.sendText(client, text);
      return;
    }
    const r = routing(event);
    if (topic.kind === 'window') {
      const relevant = r.windowId === topic.windowId || (r.serviceId !== undefined && sub.serviceIds!.has(r.serviceId));
      if (relevant) this.sendEvent(client, sub, event.seq, { type: event.type, at: event.at, data: event.data });
      return;
    }
    const own = r.ticketId === topic.ticketId || r.fromTicketId === topic.ticketId;
    if (own && OWN_TICKET_EVENTS.has(event.type)) {
      this.sendEvent(client, sub, event.seq, { type: event.type, at: event.at, data: event.data });
      this.scheduleRefresh(client, sub, true);
    } else if ((r.serviceId !== undefined && sub.lineServiceIds!.has(r.serviceId)) || (r.windowId !== undefined && sub.ticketWindowIds!.has(r.windowId))) {
      this.scheduleRefresh(client, sub, false);
    }
  }

  private sendEvent(client: Client, sub: Subscription, seq: number, event: LiveEvent): void {
    const prev = sub.lastSeq;
    sub.lastSeq = Math.max(seq, prev);
    this.send(client, { type: 'event', topic: sub.name, seq: sub.lastSeq, prev, event });
  }

  /** A "my ticket" page gets its ticket again (whole, or only its place in line) shortly after a change. */
  private scheduleRefresh(client: Client, sub: Subscription, full: boolean): void {
    const pending = this.refreshes.get(sub);
    if (pending) pending.full ||= full;
    else this.refreshes.set(sub, { client, full, generation: sub.generation });
    this.refreshTimer ??= setTimeout(() => void this.flushRefreshes(), TICKET_REFRESH_MS);
  }

  private async flushRefreshes(): Promise<void> {
    this.refreshTimer = null;
    const batch = [...this.refreshes.entries()];
    this.refreshes.clear();
    // Everything the bus delivered up to here is reflected in what is read next.
    const seq = this.options.bus.lastSeq;
    const { db } = this.options;
    try {
      const positions = await positionsOf(
        db,
        [...new Set(batch.filter(([, r]) => !r.full).map(([sub]) => ticketIdOf(sub)))],
        new Date(),
      );
      const fresh = new Map<string, Ticket>();
      for (const [sub, r] of batch) {
        if (!r.full) continue;
        const id = ticketIdOf(sub);
        if (fresh.has(id)) continue;
        const row = await loadTicketRow(db, id);
        if (row) fresh.set(id, await ticketView(db, row, this.options.ticketRules));
      }
      for (const [sub, r] of batch) {
        const { client } = r;
        // Resubscribed, unsubscribed, or a newer change already on its way: this read is stale.
        if (client.closed || sub.generation !== r.generation || !sub.ready || sub.lastSeq > seq || !sub.view) continue;
        const id = ticketIdOf(sub);
        const position = positions.get(id);
        const next = r.full ? fresh.get(id) : position ? { ...sub.view, ...position } : undefined;
        if (!next || JSON.stringify(next) === JSON.stringify(sub.view)) continue;
        sub.view = next;
        this.sendEvent(client, sub, seq, { type: 'ticket.updated', at: new Date().toISOString(), data: next });
      }
    } catch (err) {
      this.options.log.warn({ err }, 'refreshing live tickets failed');
    }
  }

  private status(live: boolean): void {
    for (const client of this.clients) this.send(client, { type: 'status', live });
  }

  private beat(): void {
    const text = JSON.stringify({ type: 'heartbeat', at: new Date().toISOString(), live: this.options.bus.live });
    for (const client of this.clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
      this.sendText(client, text);
      this.reauthorise(client);
    }
  }

  /** Subscribes again to each private topic: refused ones end with an error, the rest get a fresh snapshot. */
  reauthorise(client: Client, force = false): void {
    if (!force && Date.now() - client.authorisedAt < REAUTHORISE_MS) return;
    client.authorisedAt = Date.now();
    client.actorCache = null;
    for (const sub of [...client.subs.values()]) {
      if (sub.topic.kind !== 'board') void this.subscribe(client, sub.topic, sub.name);
    }
  }

  private take(client: Client): boolean {
    const now = Date.now();
    client.tokens = Math.min(BUCKET, client.tokens + ((now - client.refilledAt) / 1000) * REFILL_PER_SECOND);
    client.refilledAt = now;
    if (client.tokens < 1) return false;
    client.tokens -= 1;
    return true;
  }

  private error(client: Client, code: ErrorCode, title: string, topic?: string): void {
    this.send(client, { type: 'error', code, title, ...(topic !== undefined ? { topic } : {}) });
  }

  private send(client: Client, message: ServerMessage): void {
    this.sendText(client, JSON.stringify(message));
  }

  /** A client that stopped reading is dropped, never buffered without bound. */
  private sendText(client: Client, text: string | Buffer): void {
    const socket = client.socket;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.options.log.info('dropping a websocket client that stopped reading');
      socket.terminate();
      return;
    }
    // Bytes already encoded go out as a text frame all the same.
    socket.send(text, { binary: false });
  }
}

/** The ticket a ticket-topic subscription follows (refreshes are only scheduled for those). */
const ticketIdOf = (sub: Subscription) => (sub.topic as Extract<Topic, { kind: 'ticket' }>).ticketId;

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}
