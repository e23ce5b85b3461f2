import { afterAll, describe, expect, it } from 'vitest';
import { asCookie } from '../../../test-support/auth.ts';
import { createServiceWithWindows, openWindow } from '../../../test-support/factories.ts';
import { useListeningApp } from '../../../test-support/server.ts';
import { connectLive, type LiveProbe } from '../../../test-support/ws.ts';

const ctx = useListeningApp({ SERVE_UI: 'false' });
const clients: LiveProbe[] = [];
afterAll(() => clients.forEach((c) => c.close()));

const CLIENTS = 500;
const CALLS = 100;
const CLERKS = 10;

describe('500 boards on one process', () => {
  it('every one receives every event of a 100-call burst, in order, with no gaps', async () => {
    const { serviceId, clerks } = await createServiceWithWindows(ctx.app, CLERKS);
    const tokens: { token: string; windowId: number }[] = [];
    for (const c of clerks) {
      const [w] = await ctx.app.pg.sql`select number from windows where id = ${c.windowId}`;
      tokens.push(await openWindow(ctx.app, c.username, w!.number as number));
    }
    for (let i = 0; i < CALLS; i++) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/tickets', headers: { authorization: 'Bearer demo-kiosk' }, payload: { serviceId } });
      expect(res.statusCode).toBe(201);
    }

    for (let i = 0; i < CLIENTS; i += 50) {
      clients.push(...(await Promise.all(Array.from({ length: Math.min(50, CLIENTS - i) }, () => connectLive(ctx.baseUrl)))));
    }
    const snapshots = await Promise.all(clients.map((c) => c.subscribe('board', 20_000)));
    expect(snapshots.every((s) => s.type === 'snapshot')).toBe(true);
    // Nothing happened while they subscribed: all start from the same point.
    expect(new Set(snapshots.map((s) => s.seq)).size).toBe(1);

    // The burst: ten clerks call, mark no-show and call again, all at once, 100 calls in all.
    await Promise.all(
      tokens.map(async ({ token, windowId }) => {
        for (let k = 0; k < CALLS / CLERKS; k++) {
          const called = await ctx.app.inject({ method: 'POST', url: `/api/windows/${windowId}/call-next`, headers: asCookie(token) });
          expect(called.statusCode).toBe(200);
          const id = called.json<{ id: string }>().id;
          const gone = await ctx.app.inject({ method: 'POST', url: `/api/tickets/${id}/no-show`, headers: asCookie(token) });
          expect(gone.statusCode).toBe(200);
        }
      }),
    );
    const burstDone = Date.now();
    const [last] = await ctx.app.pg.sql`select max(seq)::int as seq from hall_events`;
    await Promise.all(clients.map((c) => c.waitFor((m) => m.seq === last!.seq, 20_000)));

    console.log(`burst: all ${CLIENTS} clients had the last event ${Date.now() - burstDone} ms after the last call returned`);
    const reference = clients[0]!.events('board');
    expect(reference.filter((e) => e.event!.type === 'ticket.called')).toHaveLength(CALLS);
    const calledNumbers = new Set(reference.filter((e) => e.event!.type === 'ticket.called').map((e) => e.event!.data.number));
    expect(calledNumbers.size).toBe(CALLS);
    // No gaps: each event names the one before it, from the snapshot on; in order; the same stream everywhere.
    const expected = reference.map((e) => e.seq).join(',');
    const broken: string[] = [];
    for (const [i, client] of clients.entries()) {
      const events = client.events('board');
      let prev = snapshots[i]!.seq!;
      for (const e of events) {
        if (e.prev !== prev || e.seq! <= prev) broken.push(`client ${i}: event ${e.seq} names ${e.prev}, expected ${prev}`);
        prev = e.seq!;
      }
      if (events.map((e) => e.seq).join(',') !== expected) broken.push(`client ${i}: a different stream`);
    }
    expect(broken).toEqual([]);
    expect(reference[0]!.prev).toBe(snapshots[0]!.seq);
  }, 120_000);
});
