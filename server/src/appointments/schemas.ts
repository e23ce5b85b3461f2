import { Type, type Static } from 'typebox';
import { Nullable, SerialId } from '../common/schemas.ts';

const IsoDate = Type.String({ maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Hall-local date, YYYY-MM-DD' });
const DateTimeText = Type.String({ format: 'date-time', description: 'ISO 8601 with the hall zone’s offset' });

export const SlotRangeQuery = Type.Object(
  {
    from: Type.Optional({ ...IsoDate, description: 'First hall-local date (default today)' }),
    to: Type.Optional({ ...IsoDate, description: 'Last hall-local date, inclusive (default the end of the booking horizon)' }),
  },
  { additionalProperties: false },
);

export const Slot = Type.Object({
  start: DateTimeText,
  end: DateTimeText,
  capacity: Type.Integer(),
  remaining: Type.Integer({ description: 'Seats still free (capacity − taken, at least 0)' }),
});
export const SlotList = Type.Array(Slot);

export const SlotDay = Type.Object({
  date: IsoDate,
  remaining: Type.Integer({ description: 'Free seats over the day’s bookable slots' }),
  slots: Type.Integer({ description: 'Bookable slots that day' }),
  slotsWithSeats: Type.Integer({ description: 'Of them, slots with a seat left' }),
});
export const SlotDayList = Type.Array(SlotDay);

export const AppointmentIdParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) }, { additionalProperties: false });
export const WaitlistIdParams = Type.Object({ id: SerialId }, { additionalProperties: false });

export const BookBody = Type.Object(
  {
    serviceId: SerialId,
    start: Type.String({ format: 'date-time', maxLength: 40, description: 'The slot’s start, as the slots list gives it' }),
  },
  { additionalProperties: false },
);
export const RescheduleBody = Type.Object({ start: BookBody.properties.start }, { additionalProperties: false });
export const TicksBody = Type.Object({ materialIds: Type.Array(SerialId, { maxItems: 100 }) }, { additionalProperties: false });

export const ChecklistItem = Type.Object({
  materialId: Type.Integer(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  required: Type.Boolean(),
  noteZh: Nullable(Type.String()),
  noteEn: Nullable(Type.String()),
  formUrl: Nullable(Type.String()),
  ready: Type.Boolean({ description: 'Ticked by the holder as ready' }),
});

export const AppointmentWindow = Type.Object({ number: Type.Integer(), nameZh: Type.String(), nameEn: Type.String() });

export const Appointment = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String({ description: 'Booking code typed or scanned at the kiosk' }),
    status: Type.Union(['booked', 'checked_in', 'served', 'cancelled', 'no_show', 'expired'].map((s) => Type.Literal(s))),
    serviceId: Type.Integer(),
    serviceNameZh: Type.String(),
    serviceNameEn: Type.String(),
    start: DateTimeText,
    end: DateTimeText,
    windows: Type.Array(AppointmentWindow),
    createdAt: DateTimeText,
    cancelledAt: Nullable(DateTimeText),
    cancelReason: Nullable(Type.String()),
    rescheduledFromId: Nullable(Type.String()),
    /** Cancelling and rescheduling close then. */
    changeableUntil: DateTimeText,
    checklist: Type.Array(ChecklistItem),
  },
  { $id: 'Appointment' },
);
export type AppointmentView = Static<typeof Appointment>;

export const Booked = Type.Object({ appointment: Type.Ref('Appointment'), code: Type.String() });

export const WaitlistEntry = Type.Object(
  {
    id: Type.Integer(),
    serviceId: Type.Integer(),
    serviceNameZh: Type.String(),
    serviceNameEn: Type.String(),
    start: DateTimeText,
    status: Type.Union(['waiting', 'offered', 'booked', 'expired', 'left'].map((s) => Type.Literal(s))),
    /** Place among those waiting (1 = next offered); null once offered or done. */
    position: Nullable(Type.Integer()),
    offerExpiresAt: Nullable(DateTimeText),
    appointmentId: Nullable(Type.String()),
  },
  { $id: 'WaitlistEntry' },
);
export type WaitlistView = Static<typeof WaitlistEntry>;

export const Suspension = Type.Object({ until: DateTimeText, reasonZh: Type.String(), reasonEn: Type.String() });

export const MyAppointments = Type.Object({
  items: Type.Array(Type.Ref('Appointment')),
  waitlist: Type.Array(Type.Ref('WaitlistEntry')),
  suspension: Nullable(Suspension),
});

export const appointmentSchemas = [Appointment, WaitlistEntry];
