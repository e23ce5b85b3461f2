import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import { schema } from '@campus/db';
import { hallDate } from '../queue/hall-day.ts';
import { accountOf, allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { problemResponses } from '../common/problem.ts';
import { IdParams, Nullable, Pagination } from '../common/schemas.ts';
import { assertLoanDesk, listLoans } from './loan-list.ts';
import { returnLoan } from './loans.ts';

const { householdCardLoans } = schema;

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
      await assertLoanDesk(app.db, request.actor);
      const status = request.query.status ?? 'open';
      const open = isNull(householdCardLoans.returnedAt);
      const overdue = sql`${householdCardLoans.dueOn} < ${hallDate(hallTz)}`;
      return listLoans(app.db, hallDate(hallTz), status === 'all' ? undefined : status === 'overdue' ? and(open, overdue) : open, request.query);
    },
  );

  app.post(
    '/api/loans/:id/return',
    {
      config: { access: allow.roles('clerk', 'admin') },
      schema: { tags: ['loans'], summary: 'The card page came back', params: IdParams, response: { 200: Loan, 403: { $ref: 'Problem' }, 409: { $ref: 'Problem' }, ...problemResponses } },
    },
    async (request) => {
      await assertLoanDesk(app.db, request.actor);
      const me = accountOf(request.actor)!;
      const loan = await returnLoan(app.db, auditSourceOf(request), request.params.id, me.accountId);
      return (await listLoans(app.db, hallDate(hallTz), eq(householdCardLoans.id, loan))).items[0]!;
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
      return listLoans(app.db, hallDate(hallTz), eq(householdCardLoans.personId, personId), request.query);
    },
  );
};

export default loanRoutes;
