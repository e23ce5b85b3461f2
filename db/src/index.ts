export { createDb, type Db, type DbHandle, type DbOptions, type Tx, type Schema } from './client.ts';
export { databaseName, ensureDatabase, migrationsFolder, quoteIdent, runMigrations, withDatabase } from './migrate.ts';
export { waitingInFamily } from './queries/waiting.ts';
export { refreshServiceSearchText } from './search-text.ts';
export { hashPassword, hashToken, newToken, verifyPassword } from './secrets.ts';
export * as schema from './schema/index.ts';
