// npm run admin:create -- --username NAME [--name "显示名"]
// Creates an administrator (the only way to get the first one in production). The password comes
// from ADMIN_PASSWORD or is read from standard input, never from the command line (shell history).
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { createDb, ensureDatabase, hashPassword, runMigrations, schema } from '@campus/db';
import { passwordProblem } from '../server/src/accounts/password-policy.ts';
import { loadConfig } from '../server/src/config.ts';

const { values } = parseArgs({ options: { username: { type: 'string' }, name: { type: 'string' } } });
const username = values.username?.trim();
if (!username || !/^[\w.-]{3,64}$/.test(username)) {
  console.error('usage: npm run admin:create -- --username NAME [--name "Display name"]   (password from ADMIN_PASSWORD or stdin)');
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const answer = await rl.question(`Password for ${username}: `);
  rl.close();
  return answer.trim();
}

const config = loadConfig();
const password = await readPassword();
const problem = passwordProblem(password, username);
if (problem) {
  console.error(`campus-desk: password refused: ${problem}`);
  process.exit(2);
}
await ensureDatabase(config.databaseUrl);
await runMigrations(config.databaseUrl);
const handle = createDb(config.databaseUrl, { max: 1 });
try {
  const hash = await hashPassword(password);
  await handle.db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: schema.accounts.id }).from(schema.accounts).where(eq(schema.accounts.username, username));
    if (exists) throw new Error(`an account named ${username} exists already`);
    const [account] = await tx
      .insert(schema.accounts)
      .values({ username, displayName: values.name ?? username, passwordHash: hash })
      .returning({ id: schema.accounts.id });
    await tx.insert(schema.accountRoles).values({ accountId: account!.id, role: 'admin' });
    await tx.insert(schema.auditLog).values({
      action: 'account.created',
      objectType: 'account',
      objectId: String(account!.id),
      actorRole: 'cli',
      after: { username, roles: ['admin'] },
    });
  });
  console.log(`Administrator ${username} created.`);
} catch (err) {
  console.error(`campus-desk: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
