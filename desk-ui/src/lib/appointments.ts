/**
 * The student's appointment pages in words: statuses, problems and hall-local dates. Slot and
 * appointment times come from the API with the hall's offset, so the wall clock is read off them.
 */
import { ApiError, type Appointment, type AppointmentStatus, type WaitlistEntry } from './api';
import { formatClock, formatHallDateTime, formatMoment } from './format';
import { loc, t, type MessageKey } from './i18n/lang.svelte';
import { problemText } from './queue';

const weekdayOf = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
};

/** 3月10日 / 3/10 and 周一 / Mon of a hall-local YYYY-MM-DD. */
export function dayParts(date: string): { date: string; weekday: string } {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return { date: t('appointments.dayDate', { month: m, day: d }), weekday: t(`weekday.${weekdayOf(date)}` as MessageKey) };
}

/** 09:00–09:30 of a slot or an appointment. */
export const timeRange = (start: string, end: string): string => t('appointments.timeRange', { from: formatClock(start), to: formatClock(end) });

/** 明天 09:00–09:30 / 3月10日（周一）09:00–09:30. */
export const whenText = (start: string, end: string): string => `${formatMoment(start)}–${formatClock(end)}`;

export const appointmentStatusText = (status: AppointmentStatus): string => t(`appointments.status.${status}` as MessageKey);
export const waitlistStatusText = (status: WaitlistEntry['status']): string => t(`appointments.waitlist.${status}` as MessageKey);

/** Booked or checked in, and not yet over: what "upcoming" means on my list. */
export const isLive = (a: Appointment): boolean => a.status === 'booked' || a.status === 'checked_in';

/** The suspension notice of a booking_suspended problem or of GET /api/me/appointments. */
export function suspensionText(s: { until: string; reasonZh: string; reasonEn: string }): string {
  return t('appointments.suspendedText', { reason: loc(s.reasonZh, s.reasonEn), until: formatHallDateTime(s.until) });
}

const CODES: Record<string, MessageKey> = {
  slot_full: 'appointments.error.slotFull',
  already_booked: 'appointments.error.alreadyBooked',
  outside_horizon: 'appointments.error.outsideHorizon',
  too_soon: 'appointments.error.tooSoon',
  too_many_appointments: 'appointments.error.tooMany',
  cancel_cutoff_passed: 'appointments.error.cancelCutoff',
  slot_not_full: 'appointments.error.slotNotFull',
  offer_expired: 'appointments.error.offerExpired',
  slot_not_found: 'appointments.error.slotNotFound',
  appointment_not_found: 'appointments.error.notFound',
  not_a_person: 'appointments.error.notPerson',
};

/** A failed appointment request as one sentence in the UI language. */
export function appointmentProblemText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'booking_suspended') {
      const until = err.extra('until');
      const reasonZh = err.extra('reasonZh');
      if (until && reasonZh) return suspensionText({ until, reasonZh, reasonEn: err.extra('reasonEn') ?? '' });
    }
    const key = CODES[err.code];
    if (key) return t(key);
  }
  return problemText(err);
}
