import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { cardDoorsOn, converged, heldLists, useDoorRig, waitUntil } from '../../../test-support/doors.ts';

/**
 * Door access follows the card, end to end: the card routes (as the holder and a card clerk) change
 * lock_grants through the door-access writer, the worker's relay and per-controller queues push to
 * the running controller simulators, and each simulator's own list (its /state) is what is asserted.
 */
const ctx = useTestApp();
// The demo's dorm grants reach both simulators first.
const doors = useDoorRig(() => ctx.database.url);

/** A demo student holding doors on a simulator: their account, card and the simulator(s) holding it. */
async function holderOnASimulator(username: string) {
  const [row] = await ctx.app.pg.sql`
    select c.id as card_id, c.card_no from accounts a join cards c on c.person_id = a.person_id and c.status = 'active'
    where a.username = ${username}`;
  const holding: string[] = [];
  for (const [code, sim] of doors.rig.sims) if ((await cardDoorsOn(sim, code, row!.card_no as string)).length > 0) holding.push(code);
  expect(holding.length).toBeGreaterThan(0);
  return { cardId: row!.card_id as number, cardNo: row!.card_no as string, holding, token: await sessionFor(ctx.app, username) };
}

const presentAnywhere = async (cardNo: string) => {
  for (const [code, sim] of doors.rig.sims) if ((await heldLists(sim, code)).has(cardNo)) return true;
  return false;
};

describe('door access follows the card', () => {
  it('a card reported lost leaves every simulator within 5 s, and unfreezing brings its doors back', async () => {
    const h = await holderOnASimulator('S0004');
    const before = new Map<string, string[]>();
    for (const code of h.holding) before.set(code, await cardDoorsOn(doors.rig.sims.get(code)!, code, h.cardNo));

    const lost = await injectAs(ctx.app, h.token, { method: 'POST', url: `/api/cards/${h.cardId}/report-lost` });
    expect(lost.statusCode).toBe(200);
    const took = await waitUntil(async () => !(await presentAnywhere(h.cardNo)), 5_000, 'the lost card gone from every simulator');
    expect(took).toBeLessThanOrEqual(5_000);

    const back = await injectAs(ctx.app, h.token, { method: 'POST', url: `/api/cards/${h.cardId}/unfreeze` });
    expect(back.statusCode).toBe(200);
    await waitUntil(async () => {
      for (const code of h.holding) if (JSON.stringify(await cardDoorsOn(doors.rig.sims.get(code)!, code, h.cardNo)) !== JSON.stringify(before.get(code))) return false;
      return true;
    }, 5_000, 'the unfrozen card back on its doors');
  });

  it('a replacement opens the holder’s dorm doors on the simulator and the old card opens nothing', async () => {
    const h = await holderOnASimulator('S0006');
    const doorsBefore = new Map<string, string[]>();
    for (const code of h.holding) doorsBefore.set(code, await cardDoorsOn(doors.rig.sims.get(code)!, code, h.cardNo));
    const res = await injectAs(ctx.app, await sessionFor(ctx.app, 'clerk21'), { method: 'POST', url: `/api/cards/${h.cardId}/replace`, payload: { reason: 'damaged' } });
    expect(res.statusCode).toBe(200);
    const { newCardNo } = res.json() as { newCardNo: string };
    await waitUntil(async () => {
      if (await presentAnywhere(h.cardNo)) return false;
      for (const code of h.holding) if (JSON.stringify(await cardDoorsOn(doors.rig.sims.get(code)!, code, newCardNo)) !== JSON.stringify(doorsBefore.get(code))) return false;
      return true;
    }, 10_000, 'the new card on the old card’s doors, the old card nowhere');
    // And what the simulators hold is what the database intends, nothing more.
    expect(await converged(doors.rig)).toBe(true);
  });
});
