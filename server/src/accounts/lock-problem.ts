import type { Static } from 'typebox';
import type { Lock } from './lockout.ts';
import type { AccountLockedProblem } from './schemas.ts';

/** The 423 answer for a lock: when it ends and why, in words and in members a UI can translate. */
export function lockedProblem(lock: Lock): Static<typeof AccountLockedProblem> {
  const until = lock.until.toISOString();
  const common = {
    type: 'https://campus-desk.dev/problems/account_locked',
    status: 423 as const,
    code: 'account_locked' as const,
    lockedUntil: until,
    failures: lock.failures,
  };
  if (lock.scope === 'account') {
    return {
      ...common,
      title: 'Sign-in to this account is locked everywhere for a while',
      detail:
        `After ${lock.failures} wrong passwords within ${lock.windowMinutes} minutes from several places, sign-in to this account ` +
        `is locked everywhere until ${until}. An administrator can unlock it sooner.`,
      lockScope: 'account',
      windowMinutes: lock.windowMinutes,
    };
  }
  const where = lock.sourceKind === 'device' ? 'this device' : 'this network';
  return {
    ...common,
    title: `Sign-in to this account from ${where} is locked for a while`,
    detail:
      `After ${lock.failures} wrong passwords in a row from ${where}, sign-in to this account from here is locked until ${until}. ` +
      'Other networks and devices are not affected; an administrator can unlock it sooner.',
    lockScope: 'source',
    sourceKind: lock.sourceKind,
  };
}

/** Seconds until the lock ends, for Retry-After. */
export const retryAfterSeconds = (lock: Lock) => Math.max(1, Math.ceil((lock.until.getTime() - Date.now()) / 1000));
