import { eq } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';

const { appointmentRules } = schema;

/** How long a process keeps the admin's booking rate before reading it again. */
export const BOOKING_RATE_TTL_MS = 1000;

/**
 * The admin's limit on booking requests per account per 10 minutes (`bookings_per_10_minutes`),
 * for the rate limit in front of POST /api/appointments. Read at most once a second per process:
 * a storm of bookings does not add a query each, and a change reaches every process within a second.
 */
export function bookingRate(db: Db): () => Promise<number> {
  let cached: { value: number; until: number } | null = null;
  return async () => {
    if (cached && Date.now() < cached.until) return cached.value;
    const [row] = await db.select({ n: appointmentRules.bookingsPer10Minutes }).from(appointmentRules).where(eq(appointmentRules.id, 1));
    if (!row) throw new Error('appointment_rules has no row: run the migrations');
    cached = { value: row.n, until: Date.now() + BOOKING_RATE_TTL_MS };
    return row.n;
  };
}
