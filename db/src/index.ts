export { createDb, type Db, type DbHandle, type DbOptions, type Tx, type Schema } from './client.ts';
export { databaseName, ensureDatabase, migrationsFolder, quoteIdent, runMigrations, withDatabase } from './migrate.ts';
export { readAppointmentRules, type AppointmentRules } from './queries/appointment-rules.ts';
export { readOpeningRules, servicesStillOpenToday } from './queries/open-windows.ts';
export { waitingInFamily } from './queries/waiting.ts';
export { refreshServiceSearchText } from './search-text.ts';
export { hashPassword, hashToken, newToken, verifyPassword } from './secrets.ts';
export { appendAudit, auditInsertSql, systemAuditSource, type AuditActor, type AuditEntry, type AuditSource } from './writers/audit.ts';
export { appendHallEvent, appendHallEvents, hallEventInsertSql, lockEventOrder, type AppendOptions } from './writers/outbox.ts';
export { lockSlot, passSeatOn, type SeatPassed } from './writers/waitlist.ts';
export { recordTicketEvents, ticketEventInsertSql, type TicketTransition } from './writers/ticket-events.ts';
export * as schema from './schema/index.ts';
export {
  DEV_CONTROLLER_SECRET_KEY,
  isSealed,
  openSecret,
  parseControllerSecretKey,
  sealControllerSecrets,
  sealSecret,
  SecretUnreadable,
} from './controller-secret.ts';
export {
  DOOR_COMMANDS_CHANNEL,
  grantDoors,
  moveCardDoors,
  queueDoorCommands,
  restoreCardDoors,
  retryFailedGrant,
  revokeCardDoors,
  revokeGrants,
  type DoorChange,
  type GrantInput,
  type GrantReason,
  type RevokeReason,
} from './writers/door-access.ts';
export { cardIsUsable, doorsOfRooms, roomDoorsSql, usableCardOf, type UsableCard } from './queries/doors.ts';
