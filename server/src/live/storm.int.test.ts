import { afterAll, describe, expect, it } from 'vitest';
import { kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';
import { useListeningApp } from '../../../test-support/server.ts';
import { connectLive, type LiveProbe } from '../../../test-support/ws.ts';

/**
 * Many sockets asking at once: a cap per client address, and one snapshot read per topic shared by
 * everyone asking at the same moment, so a resubscribe storm cannot stall the database pool.
 */
const MAX_PER_IP = 250;
const ctx = useListeningApp({ SERVE_UI: 'false', WS_MAX_PER_IP: String(MAX_PER_IP) });
const clients: LiveProbe[] = [];
afterAll(() => clients.forEach((c) => c.close()));

describe('a storm of sockets', () => {
  it('answers 200 sockets resubscribing a ticket 60 times each, while HTTP stays quick', async () => {
    await openWindow(ctx.app, 'clerk12', 12);
    const ticket = (await kioskIssue(ctx.app, await serviceId(ctx.app, 'w12-outbound-procedures'))).json<{ id: string }>();
    const storm = await Promise.all(Array.from({ length: 200 }, () => connectLive(ctx.baseUrl)));
    clients.push(...storm);
    await Promise.all(storm.map((c) => c.waitFor((m) => m.type === 'hello')));

    for (const c of storm) for (let i = 0; i < 60; i++) c.send({ type: 'subscribe', topic: `ticket:${ticket.id}` });
    // A phone loading its ticket page meanwhile: timed from its own request, not from the test's
    // writing of the 12,000 messages (the sockets' clients run in this process too).
    const started = performance.now();
    const read = await ctx.app.inject(`/api/tickets/${ticket.id}`);
    const readMs = performance.now() - started;
    expect(read.statusCode).toBe(200);
    expect(readMs).toBeLessThan(1000);

    // Every socket ends with a snapshot of the ticket as the rows hold it.
    await Promise.all(storm.map((c) => c.waitFor((m) => m.type === 'snapshot' && m.topic === `ticket:${ticket.id}`, 20_000)));
    const [row] = await ctx.app.pg.sql`select status from tickets where id = ${ticket.id}`;
    for (const c of storm) expect(c.messages.filter((m) => m.type === 'snapshot').at(-1)!.data).toMatchObject({ id: ticket.id, status: row!.status });
    expect(storm.every((c) => c.messages.every((m) => m.type !== 'error'))).toBe(true);
  }, 60_000);

  it('refuses one socket more than the cap per address, and takes one again once another closes', async () => {
    for (const c of clients.splice(0)) c.close();
    await expect.poll(() => ctx.app.live.hub.clients.size, { timeout: 5000 }).toBe(0);
    const full = await Promise.all(Array.from({ length: MAX_PER_IP }, () => connectLive(ctx.baseUrl)));
    clients.push(...full);
    await expect(connectLive(ctx.baseUrl)).rejects.toThrow(/429/);
    full[0]!.close();
    await expect.poll(() => ctx.app.live.hub.connectionsFrom('127.0.0.1'), { timeout: 3000 }).toBe(MAX_PER_IP - 1);
    const again = await connectLive(ctx.baseUrl);
    clients.push(again);
    await again.waitFor((m) => m.type === 'hello');
  }, 30_000);
});
