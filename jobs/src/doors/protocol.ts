import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The door controller protocol (README, "Door controller protocol"): a JSON webhook POSTed to the
 * controller's endpoint, signed with HMAC-SHA256 over `timestamp + "." + body` under the shared
 * secret. The controller answers with a signed acknowledgement of the same shape. One home for the
 * format, imported by the workers (to sign and check acks) and the simulator (to verify).
 */

export const HEADER_CONTROLLER = 'x-controller-id';
export const HEADER_TIMESTAMP = 'x-controller-timestamp';
export const HEADER_SIGNATURE = 'x-controller-signature';
/** Pushes older or newer than this (by their timestamp) are refused, and a signature is remembered this long to refuse replays. */
export const REPLAY_WINDOW_MS = 5 * 60_000;

export type DoorCommandName = 'grant' | 'revoke';

/** A grant or revoke of one card on some doors, at the (card, door) version. */
export interface CommandBody {
  command: DoorCommandName;
  cardNumber: string;
  doors: string[];
  validFrom: string;
  validTo: string | null;
  version: number;
}

/** Asks for the controller's whole list (reconciliation). */
export interface ListBody {
  command: 'list';
}

export type PushBody = CommandBody | ListBody;

/** The controller's acknowledgement of a grant or revoke. `applied` is false when it already held this version or a newer one. */
export interface CommandAck {
  ack: true;
  command: DoorCommandName;
  cardNumber: string;
  doors: string[];
  version: number;
  applied: boolean;
}

/** One (card, door) pair a controller holds: present, or a remembered revoke (so an older grant cannot undo it). */
export interface ListEntry {
  cardNumber: string;
  door: string;
  version: number;
  present: boolean;
  validTo: string | null;
}

export interface ListAck {
  ack: true;
  command: 'list';
  entries: ListEntry[];
}

export function signature(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Headers for a signed message from `controllerId` (the sender's view of the controller id, both ways). */
export function signedHeaders(controllerId: string, secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(now);
  return {
    'content-type': 'application/json',
    [HEADER_CONTROLLER]: controllerId,
    [HEADER_TIMESTAMP]: timestamp,
    [HEADER_SIGNATURE]: signature(secret, timestamp, body),
  };
}

export type VerifyFailure = 'unsigned' | 'wrong_controller' | 'stale_timestamp' | 'bad_signature';

/** Checks a message's headers against its raw body; null when it is genuine and fresh. */
export function verifySigned(
  headers: Record<string, string | string[] | undefined>,
  body: string,
  expected: { controllerId: string; secret: string },
  now = Date.now(),
): VerifyFailure | null {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = one(HEADER_CONTROLLER);
  const timestamp = one(HEADER_TIMESTAMP);
  const sig = one(HEADER_SIGNATURE);
  if (!id || !timestamp || !sig) return 'unsigned';
  if (id !== expected.controllerId) return 'wrong_controller';
  if (!/^\d{1,15}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > REPLAY_WINDOW_MS) return 'stale_timestamp';
  const want = Buffer.from(signature(expected.secret, timestamp, body));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return 'bad_signature';
  return null;
}
