import type { Queue } from 'bullmq';
import type { Db } from '@campus/db';
import { closeLeaversCards, expireOverdueCards, moveDueBalances, type CardSweepResult } from './lifecycle.ts';
import { syncUpcomingExpiries } from './validity.ts';

/** The card center's periodic run; every part is idempotent, so any worker may take any tick. */
export async function sweepCards(db: Db, queue: Queue, hallTz: string, now: Date): Promise<CardSweepResult> {
  const expired = await expireOverdueCards(db, hallTz, now);
  const closed = await closeLeaversCards(db, hallTz, now);
  const balancesMoved = await moveDueBalances(db, now);
  const expiriesScheduled = await syncUpcomingExpiries(db, queue, hallTz, now);
  return { expired, closed, balancesMoved, expiriesScheduled };
}
