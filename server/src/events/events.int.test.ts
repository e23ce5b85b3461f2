import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { TEST_REDIS_URL } from '../../../test-support/env.ts';
import { kioskIssue, openWindow, serviceId } from '../../../test-support/factories.ts';
import { eventsChannel } from './publisher.ts';

const ctx = useTestApp();

describe('the hall event bus', () => {
  it('publishes committed changes to Redis in sequence order, without personal data', async () => {
    const subscriber = new Redis(TEST_REDIS_URL);
    const received: { seq: number; type: string; data: Record<string, unknown> }[] = [];
    try {
      await subscriber.subscribe(eventsChannel(ctx.config.redisPrefix));
      subscriber.on('message', (_channel, message: string) => received.push(JSON.parse(message)));

      await openWindow(ctx.app, 'clerk07', 7);
      const legal = await serviceId(ctx.app, 'w07-legal-consultation');
      await Promise.all(Array.from({ length: 20 }, (_, i) => kioskIssue(ctx.app, legal, i === 0 ? { studentNumber: 'S0042' } : {})));
      await expect.poll(() => received.length, { timeout: 3000 }).toBeGreaterThanOrEqual(21);

      expect(received[0]).toMatchObject({ type: 'window.opened', data: { windowNumber: 7 } });
      const seqs = received.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs.at(-1)! - seqs[0]!).toBe(seqs.length - 1);
      expect(received.filter((e) => e.type === 'ticket.issued')).toHaveLength(20);
      expect(JSON.stringify(received)).not.toMatch(/S0042|name/);
      // The publisher marks a batch published after sending it: on a loaded machine the mark can
      // trail the messages by a moment.
      const unpublished = async () => (await ctx.app.pg.sql`select count(*)::int as n from hall_events where published_at is null`)[0]!.n as number;
      await expect.poll(unpublished, { timeout: 3000 }).toBe(0);
    } finally {
      subscriber.disconnect();
    }
  });

  it('never publishes a change that was rolled back', async () => {
    const legal = await serviceId(ctx.app, 'w07-legal-consultation');
    const [before] = await ctx.app.pg.sql`select count(*)::int as n from hall_events`;
    // The same student twice: the second issue fails inside its transaction.
    await kioskIssue(ctx.app, legal, { studentNumber: 'S0043' });
    const second = await kioskIssue(ctx.app, legal, { studentNumber: 'S0043' });
    expect(second.statusCode).toBe(409);
    const [after] = await ctx.app.pg.sql`select count(*)::int as n from hall_events`;
    expect(after!.n - before!.n).toBe(1);
  });
});
