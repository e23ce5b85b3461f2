import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { schema, type Db } from '@campus/db';
import { clerkServesService } from '../queue/ticket-access.ts';
import type { Actor } from '../common/access.ts';
import { AppError } from '../common/problem.ts';
import { LOAN_SERVICE_CODE } from './loans.ts';

const { householdCardLoans, people, services } = schema;

/** Clerks who serve the loan service, and admins. */
export async function assertLoanDesk(db: Db, actor: Actor) {
  if (actor.kind === 'account' && actor.roles.has('admin')) return;
  const [service] = await db.select({ id: services.id }).from(services).where(eq(services.code, LOAN_SERVICE_CODE));
  const serves = service && (await clerkServesService(db, actor, service.id));
  if (!serves) throw new AppError(403, 'forbidden', 'Only the household registration desk handles loans');
}

/** Loans with their borrower, earliest due first, as the API shows them; `total` counts every match. */
export async function listLoans(db: Db, today: string, where: SQL | undefined, { limit = 50, offset = 0 }: { limit?: number | undefined; offset?: number | undefined } = {}) {
  const rows = await db
    .select({
      id: householdCardLoans.id,
      number: people.number,
      name: people.name,
      purpose: householdCardLoans.purpose,
      lentAt: householdCardLoans.lentAt,
      dueOn: householdCardLoans.dueOn,
      returnedAt: householdCardLoans.returnedAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(householdCardLoans)
    .innerJoin(people, eq(people.id, householdCardLoans.personId))
    .where(where)
    .orderBy(asc(householdCardLoans.dueOn), asc(householdCardLoans.id))
    .limit(limit)
    .offset(offset);
  const items = rows.map((r) => ({
    id: r.id,
    borrower: { number: r.number, name: r.name },
    purpose: r.purpose,
    lentAt: r.lentAt.toISOString(),
    dueOn: r.dueOn,
    returnedAt: r.returnedAt?.toISOString() ?? null,
    overdue: r.returnedAt === null && r.dueOn < today,
  }));
  return { total: rows[0]?.total ?? (offset > 0 ? await countLoans(db, where) : 0), items };
}

/** Only needed for a page past the end, where the window count has no row to ride on. */
async function countLoans(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(householdCardLoans).where(where);
  return row?.n ?? 0;
}
