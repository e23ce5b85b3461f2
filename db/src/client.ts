import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres, { type Sql } from 'postgres';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PostgresJsDatabase<Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface DbHandle {
  db: Db;
  sql: Sql;
  close(): Promise<void>;
}

export interface DbOptions {
  max?: number;
  /** Seconds to wait for a connection before failing (health checks must answer quickly). */
  connectTimeout?: number;
  applicationName?: string;
}

export function createDb(url: string, options: DbOptions = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: options.connectTimeout ?? 5,
    idle_timeout: 30,
    // The driver's default waits up to 20 s between reconnects once a few attempts failed, counted
    // across the whole pool: after a Postgres restart every query then stalls that long although
    // Postgres is back. Ten connections retrying at most once a second each is no load for it.
    backoff: (attempt) => Math.min(0.05 * 2 ** attempt, 1) * (0.5 + Math.random() / 2),
    onnotice: () => {},
    // No JIT: every query here is short, and a plan over a long line (the place-in-line count, a
    // board snapshot) is costed above jit_above_cost, so Postgres spent ~130 ms compiling it to
    // answer in 10 (a ticket's place: 150-220 ms with JIT, 8-25 ms without, 20,000 waiting).
    connection: { application_name: options.applicationName ?? 'campus-desk', jit: 'off' },
  });
  const db = drizzle(sql, { schema });
  return {
    db,
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}
