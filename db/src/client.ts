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

/**
 * A statement of more parameters than this (a batch of rows, whose text changes with the batch's
 * size) is rarely sent twice: it stays unnamed rather than cost a describe round trip and a cache
 * entry on both ends.
 */
const PREPARED_MAX_PARAMS = 100;

/**
 * The client as drizzle sees it, with every parameterised statement sent as a named prepared
 * statement (postgres-js keeps them per connection, keyed by text and parameter types). Drizzle
 * asks postgres-js for an unnamed statement unless a query is named with `.prepare()`, so
 * Postgres parsed and planned every statement of every request again: 2 ms of planning for a
 * call-next's claim and as much for its heads-up read, more than their execution (the statement
 * log of `npm run bench -- --only call-next`). Postgres still plans a prepared statement with its
 * parameters until a generic plan is as cheap (plan_cache_mode auto), and re-prepares it after a
 * schema change. Transactions and savepoints hand drizzle a client of their own: wrapped alike.
 */
function preparing(client: Sql): Sql {
  const wrap = (c: Sql): Sql =>
    new Proxy(c, {
      get(target, key, receiver) {
        if (key === 'unsafe') {
          return (query: string, args?: unknown[], options: Record<string, unknown> = {}) =>
            target.unsafe(query, args as never, args && args.length > 0 && args.length <= PREPARED_MAX_PARAMS ? { ...options, prepare: true } : options);
        }
        if (key === 'begin') {
          return (...params: unknown[]) => {
            const fn = params.pop() as (tx: Sql) => unknown;
            return (target.begin as (...p: unknown[]) => unknown)(...params, (tx: Sql) => fn(wrap(tx)));
          };
        }
        if (key === 'savepoint') {
          return (...params: unknown[]) => {
            const fn = params.pop() as (tx: Sql) => unknown;
            return ((target as unknown as { savepoint: (...p: unknown[]) => unknown }).savepoint)(...params, (tx: Sql) => fn(wrap(tx)));
          };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  return wrap(client);
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
  const db = drizzle(preparing(sql), { schema });
  return {
    db,
    sql,
    close: () => sql.end({ timeout: 5 }),
  };
}
