import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { asCookie, sessionFor } from '../../../test-support/auth.ts';

const ctx = useTestApp();

describe('queue board (@bull-board/fastify) at /admin/queues', () => {
  it('is for admins only, and lists the fixed queues and one per door controller', async () => {
    const anonymous = await ctx.app.inject({ url: '/admin/queues/api/queues' });
    expect(anonymous.statusCode).toBe(401);
    const clerk = await ctx.app.inject({ url: '/admin/queues/api/queues', headers: asCookie(await sessionFor(ctx.app, 'clerk24')) });
    expect([clerk.statusCode, clerk.json().code]).toEqual([403, 'forbidden']);
    const page = await ctx.app.inject({ url: '/admin/queues', headers: asCookie(await sessionFor(ctx.app, 'clerk24')) });
    expect(page.statusCode).toBe(403);

    const admin = asCookie(await sessionFor(ctx.app, 'admin'));
    const res = await ctx.app.inject({ url: '/admin/queues/api/queues', headers: admin });
    expect(res.statusCode).toBe(200);
    const names = res.json<{ queues: { name: string }[] }>().queues.map((q) => q.name).sort();
    expect(names).toEqual(['appointments', 'cards', 'door-ctl-n1', 'door-ctl-n2', 'doors', 'hall', 'maintenance']);
    const html = await ctx.app.inject({ url: '/admin/queues', headers: admin });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
  });
});
