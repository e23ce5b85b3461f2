import { asc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { schema, type Db } from '@campus/db';
import type { Role } from '../common/access.ts';
import type { Me } from './schemas.ts';

const { accountRoles, accounts, clerkWindows, people, windows } = schema;

export async function loadMe(db: Db, accountId: number): Promise<Static<typeof Me>> {
  const [account] = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      mustChangePassword: accounts.mustChangePassword,
      personNumber: people.number,
      personName: people.name,
      personKind: people.kind,
    })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(eq(accounts.id, accountId));
  if (!account) throw new Error(`account ${accountId} vanished`);
  const [roles, assigned] = await Promise.all([
    db.select({ role: accountRoles.role }).from(accountRoles).where(eq(accountRoles.accountId, accountId)),
    db
      .select({ id: windows.id, number: windows.number, nameZh: windows.nameZh, nameEn: windows.nameEn })
      .from(clerkWindows)
      .innerJoin(windows, eq(windows.id, clerkWindows.windowId))
      .where(eq(clerkWindows.accountId, accountId))
      .orderBy(asc(windows.number)),
  ]);
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    roles: roles.map((r) => r.role as Role).sort(),
    mustChangePassword: account.mustChangePassword,
    person:
      account.personNumber && account.personName && account.personKind
        ? { number: account.personNumber, name: account.personName, kind: account.personKind }
        : null,
    windows: assigned,
  };
}
