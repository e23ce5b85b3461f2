import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { quoteIdent, withDatabase } from '@campus/db';
import { TEST_PG_URL } from './env.ts';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated, seeded template: milliseconds, fully isolated. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('templateDb');
  const name = `cd_test_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
  try {
    // CREATE DATABASE … TEMPLATE fails while another session is connected to the template; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.unsafe(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt > 20) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(TEST_PG_URL, name),
    async drop() {
      const sql = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}
