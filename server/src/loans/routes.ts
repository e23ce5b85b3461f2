import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import { schema } from '@campus/db';
import { hallDate } from '../queue/hall-day.ts';
import { clerkServesService } from '../queue/ticket-access.ts';
import { accountOf, allow } from '../shared/access.ts';
import { auditSourceOf } from '../shared/audit.ts';
import { AppError, problemResponses } from '../shared/problem.ts';
import { IdParams, Nullable, Pagination } from '../shared/schemas.ts';
import { LOAN_SERVICE_CODE, returnLoan } from './loans.ts';

const { householdCardLoans, people, services } = schema;


const Loan = Type.Object({
  id: Type.Integer(),
  borrower: Type.Object({ number: Type.String(), name: Type.String() }),
  purpose: Type.String(),
  lentAt: Type.String({ format: 'date-time' }),
  dueOn: Type.String({ format: 'date' }),
  returnedAt: Nullable(Type.String({ format: 'date-time' })),
  overdue: Type.Boolean(),
});

/** Household-card loans of window 8: what is out and overdue for its clerks, their own for borrowers. */
const loanRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hallTz } = app.config;

  /** Clerks who serve the loan service, and admins. */
  async function assertLoanDesk(request: FastifyRequest) {
    const actor = request.actor;
    if (actor.kind === 'account' && actor.roles.has('admin')) return;
    const [service] = await app.db.select({ id: services.id }).from(services).where(eq(services.code, LOAN_SERVICE_CODE));
    const serves = service && (await clerkServesService(app.db, actor, service.id));
    if (!serves) throw new AppError(403, 'forbidden', 'Only the household registration desk handles loans');
  }

  /** Loans with their borrower, earliest due first, as the API shows them; `total` counts every match. */
  async function loans(where: SQL | undefined, { limit = 50, offset = 0 }: { limit?: number; offset?: number } = {}) {
    const today = hallDate(hallTz);
    const rows = await app.db
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
    return { total: rows[0]?.total ?? (offset > 0 ? await countLoans(where) : 0), items };
  }

  /** Only needed for a page past the end, where the window count has no row to ride on. */
  async function countLoans(where: SQL | undefined): Promise<number> {
    const [row] = await app.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(householdCardLoans).where(where);
    return row?.n ?? 0;
  }

  const LoanPage = Type.Object({ total: Type.Integer(), items: Type.Array(Loan) });

  app.get(
    '/api/loans',
    {
      config: { access: allow.roles('clerk', 'admin') },
      schema: {
        tags: ['loans'],
        summary: 'Household-card loans: open (default), overdue or all',
        querystring: Type.Object(
          { status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('overdue'), Type.Literal('all')])), ...Pagination },
          { additionalProperties: false },
        ),
        response: { 200: LoanPage, 403: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request) => {
      await assertLoanDesk(request);
      const status = request.query.status ?? 'open';
      const open = isNull(householdCardLoans.returnedAt);
      const overdue = sql`${householdCardLoans.dueOn} < ${hallDate(hallTz)}`;
      return loans(status === 'all' ? undefined : status === 'overdue' ? and(open, overdue) : open, request.query);
    },
  );

  app.post(
    '/api/loans/:id/return',
    {
      config: { access: allow.roles('clerk', 'admin') },
      schema: { tags: ['loans'], summary: 'The card page came back', params: IdParams, response: { 200: Loan, 403: { $ref: 'Problem' }, 409: { $ref: 'Problem' }, ...problemResponses } },
    },
    async (request) => {
      await assertLoanDesk(request);
      const me = accountOf(request.actor)!;
      const loan = await returnLoan(app.db, auditSourceOf(request), request.params.id, me.accountId);
      return (await loans(eq(householdCardLoans.id, loan))).items[0]!;
    },
  );

  app.get(
    '/api/me/loans',
    {
      config: { access: allow.signedIn },
      schema: {
        tags: ['loans'],
        summary: 'What I have borrowed and when it is due',
        querystring: Type.Object({ ...Pagination }, { additionalProperties: false }),
        response: { 200: LoanPage, ...problemResponses },
      },
    },
    async (request) => {
      const personId = accountOf(request.actor)!.personId;
      if (personId === null) return { total: 0, items: [] };
      return loans(eq(householdCardLoans.personId, personId), request.query);
    },
  );
};

export default loanRoutes;
