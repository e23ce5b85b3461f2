import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@campus/db';
import { createTestDatabase, type TestDatabase } from '../test-support/db.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

function adminCreate(args: string[], env: Record<string, string>, stdin = ''): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/admin-create.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'production', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run admin:create', () => {
  it('creates an administrator whose password is read from stdin, in production', async () => {
    const run = await adminCreate(['--username', 'hall-admin', '--name', '大厅管理员'], {}, 'service-hall-2026\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Administrator hall-admin created');
    const sql = postgres(database.url, { max: 1 });
    try {
      const [row] = await sql`select a.password_hash, array(select role::text from account_roles where account_id = a.id) as roles
        from accounts a where username = 'hall-admin'`;
      expect(row!.roles).toEqual(['admin']);
      expect(await verifyPassword(row!.password_hash, 'service-hall-2026')).toBe(true);
    } finally {
      await sql.end();
    }
  });

  it('refuses a weak password and an existing name', async () => {
    expect((await adminCreate(['--username', 'weakling'], { ADMIN_PASSWORD: 'demo1234' })).stderr).toMatch(/too common/);
    const again = await adminCreate(['--username', 'admin'], { ADMIN_PASSWORD: 'another-good-one' });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/exists already/);
  });
});
