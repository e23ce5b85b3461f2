/**
 * Whether an error means a backing service could not be reached or dropped the connection (a 503
 * to try again), rather than a bug: Postgres connection exceptions (SQLSTATE class 08), its shutdown
 * and start-up states (57P01–57P03), too many connections (53300), a deadlock or serialization failure (40P01, 40001), the driver's own connection
 * codes, and network errors — looked for along the error's cause chain (drizzle wraps the driver's).
 */
export function isUnavailable(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown; message?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE.has(code)) return true;
    if (typeof e.message === 'string' && e.message.includes("Stream isn't writeable")) return true;
  }
  return false;
}

const UNAVAILABLE = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  // A deadlock victim or a serialization failure: rolled back whole, the same request can succeed.
  '40P01',
  '40001',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_STREAM_WRITE_AFTER_END',
  'ERR_STREAM_DESTROYED',
]);
