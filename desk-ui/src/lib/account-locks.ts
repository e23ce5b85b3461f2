import { hallParts } from '@campus/server/client/hall-clock';
import type { AccountLock, SourceLock } from './api';
import { formatHallClock, formatHallDateTime } from './format';
import { t } from './i18n/lang.svelte';

const hallDay = (iso: string) => {
  const p = hallParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
};

/** When a lock ends, on the hall's clock: the time alone when it is today there, else with the date. */
export function lockEndText(iso: string, now: Date = new Date()): string {
  return hallDay(iso) === hallDay(now.toISOString()) ? formatHallClock(iso) : formatHallDateTime(iso);
}

/** Why sign-in is refused and until when, in the UI's language (the 423 `account_locked` problem). */
export function lockMessage(lock: AccountLock): string {
  const time = lockEndText(lock.lockedUntil);
  if (lock.lockScope === 'account') {
    return t('lock.account', { failures: lock.failures, minutes: lock.windowMinutes ?? '', time });
  }
  return t(lock.sourceKind === 'device' ? 'lock.source.device' : 'lock.source.ip', { failures: lock.failures, time });
}

/** Where an account is locked and until when, for the admin's account list. */
export function sourceLockText(lock: SourceLock): string {
  const time = lockEndText(lock.lockedUntil);
  if (lock.kind === 'ip') return t('accounts.lockedAtIp', { ip: lock.ip ?? '', time });
  return lock.device ? t('accounts.lockedAtDevice', { name: lock.device.name, time }) : t('accounts.lockedAtDeviceGone', { time });
}
