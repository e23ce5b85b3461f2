import type { Db } from '@campus/db';
import { Redis } from 'ioredis';
import type { FastifyBaseLogger } from 'fastify';
import type { HallEvent } from '../events/hall-events.ts';
import { BATCH, eventsAfter, eventsChannel } from '../events/publisher.ts';
import { latestSeq } from './snapshots.ts';

/** Delivered events kept in memory, so a client whose snapshot is a little older catches up from here. */
const RING = 4096;

export interface BusOptions {
  db: Db;
  redisUrl: string;
  redisPrefix: string;
  log: FastifyBaseLogger;
}

/**
 * One process's view of the hall's event stream. Events arrive over Redis pub/sub in sequence
 * order; anything the subscription missed (a dropped connection, a Redis restart) is read back
 * from the Postgres outbox, so listeners see every committed event exactly once, in order.
 * `live` is false while the Redis subscription is down: events cannot flow then.
 */
export class EventBus {
  /** The last event delivered to listeners. */
  lastSeq = 0;
  live = false;
  private readonly ring: HallEvent[] = [];
  /** The ring holds every delivered event after this sequence number. */
  private ringFloor = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly eventListeners = new Set<(event: HallEvent) => void>();
  private readonly statusListeners = new Set<(live: boolean) => void>();
  private subscriber: Redis | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly options: BusOptions) {}

  /**
   * Finds where the stream stands, then listens. Never fails: while Postgres cannot answer, it keeps
   * trying in the background (the app boots and reports the outage on /api/health).
   */
  async start(): Promise<void> {
    if (this.closed) return;
    try {
      this.lastSeq = await latestSeq(this.options.db);
    } catch (err) {
      this.options.log.warn({ err }, 'event bus: cannot read the outbox yet; retrying');
      const retry = setTimeout(() => void this.start(), 1000);
      retry.unref();
      this.retry = retry;
      return;
    }
    if (this.closed) return;
    this.ringFloor = this.lastSeq;
    const channel = eventsChannel(this.options.redisPrefix);
    const subscriber = new Redis(this.options.redisUrl, {
      lazyConnect: true,
      // SUBSCRIBE issued while (re)connecting waits for the connection; ioredis resubscribes on reconnect.
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(100 + attempt * 200, 1000),
    });
    this.subscriber = subscriber;
    subscriber.on('error', (err) => this.options.log.debug({ err }, 'event bus: redis error'));
    subscriber.on('message', (_channel: string, message: string) => {
      let event: HallEvent;
      try {
        event = JSON.parse(message) as HallEvent;
      } catch {
        return;
      }
      if (typeof event.seq !== 'number') return;
      this.enqueue(() => this.receive(event));
    });
    subscriber.on('close', () => this.setLive(false));
    // Subscribed (again, after a reconnect): whatever was published meanwhile is in the outbox;
    // read it back before saying the stream is live. Retried while Postgres cannot answer.
    const resume = async () => {
      if (this.closed || subscriber.status !== 'ready') return;
      try {
        await subscriber.subscribe(channel);
        await this.catchUp();
        this.setLive(true);
      } catch (err) {
        this.options.log.warn({ err }, 'event bus: catching up failed; retrying');
        setTimeout(() => this.enqueue(resume), 1000).unref();
      }
    };
    subscriber.on('ready', () => this.enqueue(resume));
    // Start live when Redis is there; boot anyway (not live) when it is not, and keep trying.
    const ready = new Promise<void>((resolve) => {
      const off = this.onStatus((live) => {
        if (!live) return;
        off();
        resolve();
      });
    });
    subscriber.connect().catch((err: unknown) => this.options.log.warn({ err }, 'event bus: redis not reachable yet'));
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.subscriber?.disconnect();
    await this.chain;
  }

  onEvent(listener: (event: HallEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  onStatus(listener: (live: boolean) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Delivered events after `seq`, or null when the ring no longer reaches back that far. */
  since(seq: number): HallEvent[] | null {
    if (seq >= this.lastSeq) return [];
    if (seq < this.ringFloor) return null;
    const from = this.ring.findIndex((e) => e.seq > seq);
    return from === -1 ? [] : this.ring.slice(from);
  }

  /** Reads the outbox for anything after the last delivered event (after a reconnect, or a gap). */
  private async catchUp(before?: number): Promise<void> {
    for (;;) {
      const missed = await eventsAfter(this.options.db, this.lastSeq, before);
      for (const event of missed) this.deliver(event);
      if (missed.length === 0 || before !== undefined || missed.length < BATCH) return;
    }
  }

  private async receive(event: HallEvent): Promise<void> {
    if (event.seq <= this.lastSeq) return; // already delivered (a republish, or read back from the outbox)
    // Numbers left out are either committed events this subscription missed or rolled-back ones
    // that never existed: the outbox tells which.
    if (event.seq > this.lastSeq + 1) {
      try {
        await this.catchUp(event.seq);
      } catch (err) {
        // Cannot tell what was missed: go on, and have every client take a fresh snapshot.
        this.options.log.warn({ err }, 'event bus: filling a gap failed; clients resynchronise');
        this.deliver(event);
        this.setLive(false);
        this.setLive(true);
        return;
      }
    }
    this.deliver(event);
  }

  private deliver(event: HallEvent): void {
    if (event.seq <= this.lastSeq) return;
    this.lastSeq = event.seq;
    this.ring.push(event);
    if (this.ring.length > RING) this.ringFloor = this.ring.shift()!.seq;
    for (const listener of this.eventListeners) {
      try {
        listener(event);
      } catch (err) {
        this.options.log.error({ err }, 'event bus listener failed');
      }
    }
  }

  private setLive(live: boolean): void {
    if (this.live === live || (live && this.closed)) return;
    this.live = live;
    for (const listener of this.statusListeners) listener(live);
  }

  /** Event handling is strictly one at a time, in arrival order. */
  private enqueue(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((err: unknown) => {
      this.options.log.error({ err }, 'event bus: handling an event failed');
    });
  }
}
