/**
 * Reading the server's frames, checked against the protocol's schemas: a frame that does not
 * follow it (not JSON, an unknown type, a field of the wrong type) is null, and the client drops it
 * rather than acting on it.
 */
import { Check } from 'typebox/value';
import { ServerMessageSchema, type ServerMessage } from './protocol.ts';

export type ParsedMessage = ServerMessage;

export function parseServerMessage(raw: unknown): ParsedMessage | null {
  if (typeof raw !== 'string') return null;
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  return Check(ServerMessageSchema, message) ? message : null;
}
