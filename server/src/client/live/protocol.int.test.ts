import { Check } from 'typebox/value';
import { WebSocket } from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { asCookie, sessionFor } from '../../../../test-support/auth.ts';
import { kioskIssue, openWindow, serviceId } from '../../../../test-support/factories.ts';
import { useListeningApp } from '../../../../test-support/server.ts';
import { connectLive, type LiveProbe } from '../../../../test-support/ws.ts';
import { LiveClient, type OpenSocket, type TopicState } from './live-client.ts';
import { parseServerMessage } from './messages.ts';
import { BoardEventSchema, BoardSnapshotSchema, WindowTopicSnapshotSchema } from './protocol.ts';

/** The protocol's schemas are what the UIs check frames against: the server's real frames must pass them all. */
const ctx = useListeningApp({ SERVE_UI: 'false', WS_HEARTBEAT_MS: '300' });
const clients: LiveProbe[] = [];
afterAll(() => clients.forEach((c) => c.close()));

describe('the live protocol schemas', () => {
  it('accept every frame the server sends on the board and window topics', async () => {
    const clerk = await openWindow(ctx.app, 'clerk08', 8);
    const board = await connectLive(ctx.baseUrl);
    const desk = await connectLive(ctx.baseUrl, { cookie: asCookie(clerk.token).cookie! });
    clients.push(board, desk);
    const snapshot = await board.subscribe('board');
    const windowSnapshot = await desk.subscribe(`window:${clerk.windowId}`);

    const issued = await kioskIssue(ctx.app, await serviceId(ctx.app, 'w08-household-certificate'));
    expect(issued.statusCode).toBe(201);
    const called = await ctx.app.inject({ method: 'POST', url: `/api/windows/${clerk.windowId}/call-next`, headers: asCookie(clerk.token) });
    expect(called.statusCode).toBe(200);
    const admin = await sessionFor(ctx.app, 'admin');
    const notice = await ctx.app.inject({ method: 'POST', url: '/api/admin/notices', headers: asCookie(admin), payload: { textZh: '今日下午三点起暂停办理', textEn: 'Closed from 15:00' } });
    expect(notice.statusCode).toBe(201);
    await board.waitFor((m) => m.event?.type === 'notices.changed');
    await desk.waitFor((m) => m.event?.type === 'ticket.called');
    await board.waitFor((m) => m.type === 'heartbeat');
    desk.send({ type: 'ping' });
    await desk.waitFor((m) => m.type === 'pong');

    expect(Check(BoardSnapshotSchema, snapshot.data)).toBe(true);
    expect(Check(WindowTopicSnapshotSchema, windowSnapshot.data)).toBe(true);
    const boardEvents = board.events('board').map((m) => m.event);
    expect(boardEvents.map((e) => e!.type)).toEqual(['ticket.issued', 'ticket.called', 'notices.changed']);
    for (const e of boardEvents) expect(Check(BoardEventSchema, e), JSON.stringify(e)).toBe(true);

    const frames = [...board.messages, ...desk.messages];
    expect(new Set(frames.map((m) => m.type))).toEqual(new Set(['hello', 'snapshot', 'event', 'heartbeat', 'pong']));
    for (const frame of frames) expect(parseServerMessage(JSON.stringify(frame)), JSON.stringify(frame)).not.toBeNull();
  });

  it('accept the error the server answers to a refused topic', async () => {
    const anonymous = await connectLive(ctx.baseUrl);
    clients.push(anonymous);
    const refused = await anonymous.subscribe('window:8');
    expect(refused.type).toBe('error');
    expect(parseServerMessage(JSON.stringify(refused))).toMatchObject({ type: 'error', code: 'unauthorized', topic: 'window:8' });
  });
});

/** Node's `ws` behind the shared client's socket shape. */
const nodeSocket: OpenSocket = (url, handlers) => {
  const socket = new WebSocket(url);
  socket.on('open', () => handlers.open());
  socket.on('message', (data) => handlers.message(String(data)));
  socket.on('close', () => handlers.close());
  socket.on('error', () => undefined);
  return socket;
};

describe('the shared live client against the real server', () => {
  it('becomes live on the board snapshot, follows its events, and drops nothing', async () => {
    const states: TopicState[] = [];
    const events: string[] = [];
    let snapshot: unknown = null;
    const client = new LiveClient({ url: ctx.baseUrl.replace(/^http/, 'ws') + '/ws', openSocket: nodeSocket });
    const stop = client.subscribe('board', {
      snapshot: (data) => (snapshot = data),
      event: (e) => events.push(e.type),
      state: (state) => states.push(state),
    });
    try {
      await expect.poll(() => client.topicState('board'), { timeout: 3000 }).toBe('live');
      expect(Check(BoardSnapshotSchema, snapshot)).toBe(true);
      const clerk = await openWindow(ctx.app, 'clerk12', 12);
      await expect.poll(() => events, { timeout: 3000 }).toContain('window.opened');
      expect(clerk.windowId).toBeGreaterThan(0);
      expect(states).toEqual(['reconnecting', 'live']);
      expect(client.dropped).toBe(0);
    } finally {
      stop();
      client.close();
    }
  });
});

