import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchPostgres, type ScratchPostgres } from '../test-support/scratch-services.ts';

/**
 * The driver patch (patches/postgres+3.4.9.patch), applied by `npm ci`'s postinstall. Each case runs
 * in a child process, because unpatched the driver throws where nothing can catch it and the
 * process dies; each kills only a backend of its own, on a throw-away Postgres. Both copies of the
 * driver are checked: the ESM one the app loads and the CommonJS one `require` gets.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

let pg: ScratchPostgres;
beforeAll(async () => {
  pg = await scratchPostgres();
});
afterAll(() => pg?.destroy());

// pidOf settles the transaction into its outcome at once: left without a handler until the killer's
// query returns, its rejection (the socket's close can come first) was an unhandled one that ended
// the child process, a failure of the test and not of the driver.
const prelude = `
  const url = process.env.PG_URL;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const code = (p) => p.then(() => 'ok', (e) => e.code ?? e.message);
  const killer = postgres(url, { max: 1, onnotice: () => {} });
  async function pidOf(run) { let pid = null; const done = code(run((p) => (pid = p))); while (pid === null) await sleep(10); return { pid, done }; }
  async function eventually(query) { for (let i = 0; i < 20; i++) { const r = await code(query()); if (r === 'ok') return r; await sleep(100); } return 'never'; }
`;

/** A transaction whose backend dies mid-query: it used to end the process from a setImmediate (its ROLLBACK). */
const backendDiesInTransaction = `
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const { pid, done } = await pidOf((found) => sql.begin(async (t) => {
    const [row] = await t\`select pg_backend_pid() as pid\`;
    found(row.pid);
    await t\`select pg_sleep(5)\`;
  }));
  await killer\`select pg_terminate_backend(\${pid})\`;
  const transaction = await done;
  await sleep(200);
  const next = await eventually(() => sql\`select 1\`);
  console.log(JSON.stringify({ transaction, next }));
  await sql.end(); await killer.end();
`;

/** A transaction that carries on after losing its connection must not write through the reconnected one. */
const transactionCarriesOn = `
  const one = postgres(url, { max: 1, onnotice: () => {} });
  await one\`create table if not exists probe (n int)\`;
  await one\`truncate probe\`;
  let resume; const gate = new Promise((r) => (resume = r));
  const { pid, done } = await pidOf((found) => one.begin(async (t) => {
    const [row] = await t\`select pg_backend_pid() as pid\`;
    found(row.pid);
    await t\`select pg_sleep(5)\`.catch(() => {});
    await gate;
    await t\`insert into probe values (1)\`;
  }));
  await killer\`select pg_terminate_backend(\${pid})\`;
  const transaction = await done;
  // The pool's only connection reconnects for the next query; then the callback goes on.
  const next = await eventually(() => one\`select 1\`);
  resume();
  await sleep(300);
  const [{ rows }] = await killer\`select count(*)::int as rows from probe\`;
  console.log(JSON.stringify({ transaction, next, rows }));
  await one.end(); await killer.end();
`;

function runCase(body: string, flavour: 'esm' | 'cjs') {
  const source =
    flavour === 'esm'
      ? `import postgres from 'postgres';\n${prelude}\n${body}`
      : `const postgres = require('postgres');\n(async () => {\n${prelude}\n${body}\n})();`;
  const args = flavour === 'esm' ? ['--input-type=module', '-e', source] : ['-e', source];
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, PG_URL: pg.url }, encoding: 'utf8', timeout: 30_000 });
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return { status: result.status, output: last.startsWith('{') ? (JSON.parse(last) as Record<string, unknown>) : null, stderr: result.stderr };
}

describe.each(['esm', 'cjs'] as const)('the patched Postgres driver (%s)', (flavour) => {
  it('fails a transaction whose backend died with CONNECTION_CLOSED, lives on, and the pool recovers', () => {
    const result = runCase(backendDiesInTransaction, flavour);
    expect(result.stderr).not.toMatch(/TypeError/);
    expect(result.status, result.stderr).toBe(0);
    expect(result.output).toEqual({ transaction: 'CONNECTION_CLOSED', next: 'ok' });
  });

  it('never runs a dead transaction’s later statements on the reconnected connection', () => {
    const result = runCase(transactionCarriesOn, flavour);
    expect(result.status, result.stderr).toBe(0);
    expect(result.output).toEqual({ transaction: 'CONNECTION_CLOSED', next: 'ok', rows: 0 });
  });
});
