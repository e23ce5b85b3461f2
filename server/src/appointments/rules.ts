import { readAppointmentRules } from '@campus/db';

export type { AppointmentRules } from '@campus/db';

/**
 * The hall's booking rules (one row, created by migration 0009 with the defaults), read where the
 * workers read them too (@campus/db), so the sweeper and the reminders never disagree with booking.
 */
export const readRules = readAppointmentRules;

/** Statuses holding a seat: a live appointment. */
export const LIVE_STATUSES = ['booked', 'checked_in'] as const;
