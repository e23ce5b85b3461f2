import { pgEnum } from 'drizzle-orm/pg-core';
import { TICKET_STATUSES } from '../ticket-status.ts';

/** Who a material or a step applies to. */
export const applicantType = pgEnum('applicant_type', ['student', 'staff', 'anyone']);
export const materialKind = pgEnum('material_kind', ['original', 'copy', 'form', 'other']);
export const windowStatus = pgEnum('window_status', ['active', 'suspended', 'retired']);
export const personKind = pgEnum('person_kind', ['student', 'staff', 'other']);
export const personStatus = pgEnum('person_status', ['active', 'suspended', 'graduated', 'departed']);
export const role = pgEnum('role', ['student', 'staff', 'clerk', 'card_clerk', 'lock_clerk', 'admin']);
export const deviceKind = pgEnum('device_kind', ['kiosk', 'display']);
export const ticketChannel = pgEnum('ticket_channel', ['kiosk', 'online', 'appointment', 'transfer']);
export const ticketStatus = pgEnum('ticket_status', TICKET_STATUSES);
export const windowSessionStatus = pgEnum('window_session_status', ['open', 'paused', 'closed']);
export const appointmentStatus = pgEnum('appointment_status', [
  'booked',
  'checked_in',
  'served',
  'cancelled',
  'no_show',
  'expired',
]);
export const waitlistStatus = pgEnum('waitlist_status', ['waiting', 'offered', 'booked', 'expired', 'left']);
export const cardTypeCode = pgEnum('card_type_code', [
  'staff',
  'student',
  'graduate',
  'general',
  'consumption',
  'alumni',
  'canteen',
]);
export const cardStatus = pgEnum('card_status', ['active', 'lost', 'replaced', 'expired', 'closed']);
export const cardEventType = pgEnum('card_event_type', [
  'issued',
  'reported_lost',
  'unfrozen',
  'replaced',
  'password_reset',
  'extended',
  'expired',
  'closed',
  'balance_moved',
  'info_confirmed',
  'info_flagged',
  'info_requested',
  'made',
  'ready_for_pickup',
  'collected',
]);
/** Why a card is replaced: a faulty but intact card is free within six months of issue (002, 2.3.3). */
export const cardReplaceReason = pgEnum('card_replace_reason', ['lost', 'damaged', 'faulty']);
/**
 * A new or replacement card's making (000): the holder confirms the card information and photo
 * online (or flags what is wrong, a clerk fixes it and asks again), then it is made, ready for
 * pickup, collected. Null on cards already in the holder's hand.
 */
export const cardProductionStatus = pgEnum('card_production_status', [
  'awaiting_confirmation',
  'flagged',
  'confirmed',
  'made',
  'ready',
  'collected',
]);
export const buildingKind = pgEnum('building_kind', ['dorm', 'library', 'teaching', 'office', 'other']);
export const doorKind = pgEnum('door_kind', ['entrance', 'room', 'gate']);
export const controllerStatus = pgEnum('controller_status', ['active', 'disabled']);
export const grantStatus = pgEnum('grant_status', [
  'pending',
  'granted',
  'revoke_pending',
  'revoked',
  'failed',
]);
export const photoStatus = pgEnum('photo_status', ['pending', 'accepted', 'rejected']);
