import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDb, ensureDatabase, quoteIdent, runMigrations, withDatabase } from '@campus/db';
import { catalogue, seedCatalogue, seedDemo } from '@campus/db/seed';
import { TEST_PG_URL } from './env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/** The template's name changes whenever migrations or seed data change, so a stale template is never used. */
function templateName(): string {
  const hash = createHash('sha256');
  for (const dir of ['db/migrations', 'db/src/seed', 'db/src/schema']) {
    for (const file of filesUnder(path.join(root, dir)).sort()) {
      hash.update(file.slice(root.length)).update(readFileSync(file));
    }
  }
  return `cd_tpl_${hash.digest('hex').slice(0, 12)}`;
}

/** Templates of other checkouts (or branches) kept besides this run's own. */
const KEEP_TEMPLATES = 4;

/** Test databases carry their creation time so leftovers of killed runs can be dropped safely later. */
async function dropLeftovers(admin: postgres.Sql, keepTemplate: string) {
  // Newest first (oids grow): another checkout of the project may be testing from its own template
  // right now, so the few newest templates stay and only older ones go.
  const rows = await admin<{ datname: string }[]>`
    select datname from pg_database where datname like 'cd\_test\_%' or datname like 'cd\_tpl\_%' order by oid desc`;
  const cutoff = Math.floor(Date.now() / 1000) - 2 * 3600;
  let templatesKept = 0;
  for (const { datname } of rows) {
    const created = Number(datname.split('_')[2]);
    const staleTest = datname.startsWith('cd_test_') && created < cutoff;
    const isTemplate = datname.startsWith('cd_tpl_') && !datname.endsWith('_building');
    const oldTemplate = isTemplate && datname !== keepTemplate && ++templatesKept > KEEP_TEMPLATES;
    if (staleTest || oldTemplate) await admin.unsafe(`drop database if exists ${quoteIdent(datname)}`).catch(() => {});
  }
}

export default async function setup(project: TestProject) {
  const name = templateName();
  const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
  try {
    // One run at a time builds templates; a second run waits, then finds it ready.
    await admin`select pg_advisory_lock(727010)`;
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0) {
      const url = withDatabase(TEST_PG_URL, `${name}_building`);
      await admin.unsafe(`drop database if exists ${quoteIdent(`${name}_building`)}`);
      await ensureDatabase(url);
      await runMigrations(url);
      const handle = createDb(url, { max: 2 });
      await seedCatalogue(handle.db, catalogue);
      await seedDemo(handle.db, { controllerSimulatorUrl: 'http://127.0.0.1:3100', production: false });
      await handle.close();
      // Renamed only when complete, so an interrupted build is never mistaken for a template.
      await admin.unsafe(`alter database ${quoteIdent(`${name}_building`)} rename to ${quoteIdent(name)}`);
    }
    await dropLeftovers(admin, name);
    await admin`select pg_advisory_unlock(727010)`;
  } finally {
    await admin.end();
  }
  project.provide('templateDb', name);
}
