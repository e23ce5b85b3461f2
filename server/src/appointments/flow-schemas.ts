import { Type } from 'typebox';
import { Nullable, SerialId } from '../common/schemas.ts';

/** The kiosk names an appointment by its booking code (typed or scanned) or the holder's number. */
export const KioskCheckInBody = Type.Object(
  {
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'The booking code, typed or read from its QR code' })),
    studentNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32, description: 'The holder’s student or staff number' })),
  },
  { additionalProperties: false },
);

export const AppointmentIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const PersonIdParams = Type.Object({ id: SerialId }, { additionalProperties: false });

export const CheckInResult = Type.Object({
  appointmentId: Type.String({ format: 'uuid' }),
  slotStart: Type.String({ format: 'date-time' }),
  slotEnd: Type.String({ format: 'date-time' }),
  ticket: Type.Ref('Ticket'),
});

export const BookingSuspension = Type.Object({
  suspension: Nullable(
    Type.Object({
      endsAt: Type.String({ format: 'date-time', description: 'When booking works again (hall zone)' }),
      reasonZh: Type.String(),
      reasonEn: Type.String(),
    }),
  ),
});

export const ClosureBody = Type.Object(
  {
    windowId: Type.Optional(Nullable(SerialId)),
    startsOn: Type.String({ format: 'date', description: 'First hall-local day closed' }),
    endsOn: Type.String({ format: 'date', description: 'Last hall-local day closed' }),
    reasonZh: Type.String({ minLength: 1, maxLength: 200 }),
    reasonEn: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ClosureResult = Type.Object({
  id: Type.Integer(),
  withdrawnSlots: Type.Integer({ description: 'Slots no longer offered: no window is left to serve them' }),
  narrowedSlots: Type.Integer({ description: 'Slots still offered whose capacity fell with the closed window (seats already given are kept)' }),
  cancelledAppointments: Type.Integer(),
});

export const WindowIdParams = Type.Object({ id: SerialId }, { additionalProperties: false });

export const WindowAppointments = Type.Object({
  items: Type.Array(
    Type.Object({
      slotStart: Type.String({ format: 'date-time' }),
      slotEnd: Type.String({ format: 'date-time' }),
      serviceNameZh: Type.String(),
      serviceNameEn: Type.String(),
      holder: Type.String({ description: 'The holder’s name, masked' }),
      status: Type.String({ description: 'booked, checked_in, served, no_show, expired' }),
      ticketNumber: Nullable(Type.String()),
      ticks: Type.Array(Type.Object({ nameZh: Type.String(), nameEn: Type.String() }), { description: 'Checklist items the holder ticked as ready' }),
    }),
  ),
});
