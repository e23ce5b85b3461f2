import { afterAll, describe, expect, it } from 'vitest';
import { asCookie, sessionFor } from '../../../test-support/auth.ts';
import { kioskIssue, openWindow, serviceId, windowId } from '../../../test-support/factories.ts';
import { useListeningApp } from '../../../test-support/server.ts';
import { connectLive, type LiveProbe } from '../../../test-support/ws.ts';

const ctx = useListeningApp({ SERVE_UI: 'false', WS_HEARTBEAT_MS: '400' });
const clients: LiveProbe[] = [];
afterAll(() => clients.forEach((c) => c.close()));

async function live(options: { cookie?: string; origin?: string } = {}) {
  const client = await connectLive(ctx.baseUrl, options);
  clients.push(client);
  return client;
}

const cookieOf = (token: string) => asCookie(token).cookie!;

async function call(token: string, window: number) {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/windows/${window}/call-next`, headers: asCookie(token) });
  expect(res.statusCode).toBe(200);
  return res.json<{ id: string; number: string }>();
}

async function act(token: string, ticketId: string, action: 'recall' | 'start' | 'no-show') {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/${action}`, headers: asCookie(token) });
  expect(res.statusCode).toBe(200);
}

describe('the board topic', () => {
  it('answers a snapshot of every window, family and notice, then each change in order without ticket ids', async () => {
    const board = await live();
    const hello = await board.waitFor((m) => m.type === 'hello');
    expect(hello).toMatchObject({ live: true, heartbeatMs: 400 });
    const snapshot = await board.subscribe('board');
    expect(JSON.stringify(snapshot)).toContain('"type":"snapshot"');
    const data = snapshot.data as { windows: { number: number; state: string; current: unknown }[]; families: { code: string; waiting: number }[]; timeZone: string };
    expect(data.windows).toHaveLength(18);
    expect(data.windows.every((w) => w.state === 'closed' && w.current === null)).toBe(true);
    expect(data.families.map((f) => f.code)).toContain('household');
    expect(data.timeZone).toBe('Asia/Shanghai');

    const clerk = await openWindow(ctx.app, 'clerk08', 8);
    const letter = await serviceId(ctx.app, 'w08-household-certificate');
    const issued = await kioskIssue(ctx.app, letter);
    expect(issued.statusCode).toBe(201);
    const called = await call(clerk.token, clerk.windowId);
    await act(clerk.token, called.id, 'recall');

    const recall = await board.waitFor((m) => m.event?.type === 'ticket.recalled');
    const events = board.events('board');
    expect(events.map((e) => e.event!.type)).toEqual(['window.opened', 'ticket.issued', 'ticket.called', 'ticket.recalled']);
    // Each event names the one before it; the first names the snapshot.
    expect(events[0]!.prev).toBe(snapshot.seq);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prev).toBe(events[i - 1]!.seq);
    const callEvent = events[2]!.event!;
    expect(callEvent.data).toMatchObject({ number: called.number, windowNumber: 8, familyCode: 'household', familyWaiting: 0 });
    expect(events[1]!.event!.data).toMatchObject({ familyCode: 'household', familyWaiting: 1 });
    expect(JSON.stringify(board.messages)).not.toContain(called.id);
    expect(recall.event!.data).toMatchObject({ number: called.number, windowNumber: 8, recallCount: 1 });

    // A fresh snapshot reflects the same state the deltas built.
    const again = await board.subscribe('board');
    expect(again.seq).toBe(recall.seq);
    const fresh = again.data as { windows: { number: number; state: string; current: { number: string; status: string } | null }[]; recentCalls: { number: string; recall: boolean }[] };
    expect(fresh.windows.find((w) => w.number === 8)).toMatchObject({ state: 'open', current: { number: called.number, status: 'called' } });
    expect(fresh.recentCalls.slice(0, 2)).toEqual([
      expect.objectContaining({ number: called.number, recall: true }),
      expect.objectContaining({ number: called.number, recall: false }),
    ]);
  });

  it('ends a client that stops answering pings, and keeps one that answers', async () => {
    const healthy = await live();
    const dead = await live();
    await healthy.subscribe('board');
    await dead.subscribe('board');
    // Stop reading: no pong goes back.
    (dead.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await expect.poll(() => ctx.app.live.hub.clients.size, { timeout: 3000 }).toBe(clients.length - 1);
    expect(healthy.socket.readyState).toBe(healthy.socket.OPEN);
    await healthy.waitFor((m) => m.type === 'heartbeat');
  });
});

describe('who may follow what', () => {
  it('lets the clerk of a window follow it, and nobody else but admins', async () => {
    const window8 = await windowId(ctx.app, 8);
    const anonymous = await live();
    expect(await anonymous.subscribe(`window:${window8}`)).toMatchObject({ type: 'error', code: 'unauthorized' });
    const otherClerk = await live({ cookie: cookieOf(await sessionFor(ctx.app, 'clerk02')) });
    expect(await otherClerk.subscribe(`window:${window8}`)).toMatchObject({ type: 'error', code: 'forbidden' });
    const student = await live({ cookie: cookieOf(await sessionFor(ctx.app, 'S0001')) });
    expect(await student.subscribe(`window:${window8}`)).toMatchObject({ type: 'error', code: 'forbidden' });
    const admin = await live({ cookie: cookieOf(await sessionFor(ctx.app, 'admin')) });
    expect(await admin.subscribe(`window:${window8}`)).toMatchObject({ type: 'snapshot', data: { windowNumber: 8 } });
    const clerk = await live({ cookie: cookieOf(await sessionFor(ctx.app, 'clerk08')) });
    expect(await clerk.subscribe(`window:${window8}`)).toMatchObject({ type: 'snapshot', data: { windowId: window8, windowNumber: 8 } });
  });

  it('stops following a window once the clerk signs out elsewhere', async () => {
    const window8 = await windowId(ctx.app, 8);
    const token = await sessionFor(ctx.app, 'clerk08');
    const clerk = await live({ cookie: cookieOf(token) });
    expect(await clerk.subscribe(`window:${window8}`)).toMatchObject({ type: 'snapshot' });
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: asCookie(token) });
    expect(out.statusCode).toBeLessThan(300);
    const from = clerk.messages.length;
    // What the heartbeat does every minute, now.
    for (const c of ctx.app.live.hub.clients) ctx.app.live.hub.reauthorise(c, true);
    expect(await clerk.waitFor((m) => m.topic === `window:${window8}`, 3000, from)).toMatchObject({ type: 'error', code: 'unauthorized' });
  });

  it('hides other people’s tickets exactly as HTTP does', async () => {
    await openWindow(ctx.app, 'clerk07', 7);
    const service = await serviceId(ctx.app, 'w07-legal-consultation');
    const mine = await kioskIssue(ctx.app, service, { studentNumber: 'S0003' });
    const walkIn = await kioskIssue(ctx.app, service);
    const mineId = mine.json<{ id: string }>().id;
    const walkInId = walkIn.json<{ id: string }>().id;

    const stranger = await live({ cookie: cookieOf(await sessionFor(ctx.app, 'S0004')) });
    expect(await stranger.subscribe(`ticket:${mineId}`)).toMatchObject({ type: 'error', code: 'not_found' });
    const anonymous = await live();
    expect(await anonymous.subscribe(`ticket:${mineId}`)).toMatchObject({ type: 'error', code: 'not_found' });
    expect(await anonymous.subscribe('ticket:00000000-0000-4000-8000-000000000000')).toMatchObject({ type: 'error', code: 'not_found' });
    // A walk-in ticket's id is its key (the QR code on the slip).
    expect(await anonymous.subscribe(`ticket:${walkInId}`)).toMatchObject({ type: 'snapshot', data: { id: walkInId } });
    const holder = await live({ cookie: cookieOf(await sessionFor(ctx.app, 'S0003')) });
    expect(await holder.subscribe(`ticket:${mineId}`)).toMatchObject({ type: 'snapshot', data: { id: mineId, status: 'waiting' } });
  });

  it('refuses a socket opened from another site', async () => {
    const token = await sessionFor(ctx.app, 'clerk08');
    await expect(live({ cookie: cookieOf(token), origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const same = await live({ cookie: cookieOf(token), origin: ctx.baseUrl });
    await same.waitFor((m) => m.type === 'hello');
  });

  it('answers nonsense with a stable error code and stops a flood', async () => {
    const client = await live();
    client.send({ type: 'dance' });
    await client.waitFor((m) => m.type === 'error' && m.code === 'bad_message');
    client.socket.send('not json at all');
    await client.waitFor((m) => m.type === 'error' && m.code === 'bad_message' && client.messages.filter((x) => x.code === 'bad_message').length === 2);
    client.send({ type: 'subscribe', topic: 'window:abc' });
    await client.waitFor((m) => m.code === 'unknown_topic');
    client.send({ type: 'subscribe', topic: { nested: true } });
    await client.waitFor((m) => m.code === 'unknown_topic' && m.topic === undefined);
    client.send({ type: 'ping' });
    await client.waitFor((m) => m.type === 'pong');
    // At most 20 topics per connection, pending ones included.
    const ids = Array.from({ length: 40 }, (_, i) => `ticket:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) client.send({ type: 'subscribe', topic: id });
    const refused = () => client.messages.filter((m) => m.code === 'not_found' || m.code === 'too_many_topics');
    await client.waitFor(() => refused().length === 40);
    expect(refused().filter((m) => m.code === 'too_many_topics').length).toBeGreaterThan(0);

    const flood = await live();
    for (let i = 0; i < 200; i++) flood.send({ type: 'ping' });
    expect((await flood.closed).code).toBe(1008);
  });
});

describe('the ticket topic', () => {
  it('follows the holder’s place in line and tells them when they are called', async () => {
    const clerk = await openWindow(ctx.app, 'clerk12', 12);
    const service = await serviceId(ctx.app, 'w12-outbound-procedures');
    const first = (await kioskIssue(ctx.app, service)).json<{ id: string }>();
    const second = (await kioskIssue(ctx.app, service, { studentNumber: 'S0010' })).json<{ id: string; number: string }>();
    const holder = await live({ cookie: cookieOf(await sessionFor(ctx.app, 'S0010')) });
    const snapshot = await holder.subscribe(`ticket:${second.id}`);
    expect(snapshot.data).toMatchObject({ ahead: 1, status: 'waiting' });

    const firstCall = await call(clerk.token, clerk.windowId);
    expect(firstCall.id).toBe(first.id);
    const moved = await holder.waitFor((m) => m.event?.type === 'ticket.updated' && m.event.data.ahead === 0);
    expect(moved.prev).toBe(snapshot.seq);
    expect(JSON.stringify(holder.messages)).not.toContain(first.id);

    await act(clerk.token, first.id, 'no-show');
    const mine = await call(clerk.token, clerk.windowId);
    expect(mine.id).toBe(second.id);
    const calledEvent = await holder.waitFor((m) => m.event?.type === 'ticket.called');
    expect(calledEvent.event!.data).toMatchObject({ number: second.number, windowNumber: 12 });
    await holder.waitFor((m) => m.event?.type === 'ticket.updated' && m.event.data.status === 'called');
    // Sequence chain holds on the filtered topic.
    const events = holder.events(`ticket:${second.id}`);
    for (let i = 1; i < events.length; i++) expect(events[i]!.prev).toBe(events[i - 1]!.seq);
  });
});

describe('the window topic', () => {
  it('gives the clerk the events of their window and of the services it serves, nothing else', async () => {
    const own = await openWindow(ctx.app, 'clerk05', 5);
    const other = await openWindow(ctx.app, 'clerk14', 14);
    const desk = await live({ cookie: cookieOf(own.token) });
    const snapshot = await desk.subscribe(`window:${own.windowId}`);
    expect(snapshot.data).toMatchObject({ windowId: own.windowId, windowNumber: 5, state: 'open' });

    const [mineService] = await ctx.app.pg.sql`select service_id as id from service_windows where window_id = ${own.windowId} limit 1`;
    const [otherService] = await ctx.app.pg.sql`select service_id as id from service_windows where window_id = ${other.windowId}
      and service_id not in (select service_id from service_windows where window_id = ${own.windowId}) limit 1`;
    const theirs = (await kioskIssue(ctx.app, otherService!.id as number)).json<{ id: string }>();
    const mine = (await kioskIssue(ctx.app, mineService!.id as number)).json<{ id: string }>();
    await call(other.token, other.windowId);
    const called = await call(own.token, own.windowId);
    expect(called.id).toBe(mine.id);
    await desk.waitFor((m) => m.event?.type === 'ticket.called');
    const events = desk.events(`window:${own.windowId}`);
    expect(events.map((e) => e.event!.type)).toEqual(['ticket.issued', 'ticket.called']);
    expect(events.map((e) => e.event!.data.ticketId)).toEqual([mine.id, mine.id]);
    expect(JSON.stringify(desk.messages)).not.toContain(theirs.id);
    expect(events[0]!.prev).toBe(snapshot.seq);
    expect(events[1]!.prev).toBe(events[0]!.seq);
  });
});
