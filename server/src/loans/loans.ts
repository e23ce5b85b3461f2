import { eq } from 'drizzle-orm';
import { appendAudit, schema, type AuditSource, type Db, type Tx } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';

/** The service whose finished tickets lend out the collective household card page. */
export const LOAN_SERVICE_CODE = 'w08-household-card-loan';

export interface LoanTerms {
  purpose: string;
  /** Hall-local date by which the card page must be back. */
  dueOn: string;
}

export async function isLoanService(tx: Tx, serviceId: number): Promise<boolean> {
  const [s] = await tx.select({ code: schema.services.code }).from(schema.services).where(eq(schema.services.id, serviceId));
  return s?.code === LOAN_SERVICE_CODE;
}

/** Records the loan when a 借用户籍卡原件 ticket is finished as done. */
export async function lendForTicket(tx: Tx, ticket: { id: string; personId: number | null }, clerkAccountId: number, terms: LoanTerms | undefined, today: string) {
  if (!terms) throw new AppError(400, 'loan_terms_required', 'Say what the card page is borrowed for and when it is due back');
  if (ticket.personId === null) throw new AppError(400, 'loan_needs_holder', 'A loan needs a known borrower: take the ticket with a student or staff number');
  if (terms.dueOn < today) throw new AppError(400, 'invalid_due_date', 'The due date is in the past');
  const [loan] = await tx
    .insert(schema.householdCardLoans)
    .values({ ticketId: ticket.id, personId: ticket.personId, purpose: terms.purpose, dueOn: terms.dueOn, lentBy: clerkAccountId })
    .returning({ id: schema.householdCardLoans.id });
  return loan!.id;
}

/** The card page came back to the desk. */
export async function returnLoan(db: Db, who: AuditSource, loanId: number, clerkAccountId: number): Promise<number> {
  const { householdCardLoans } = schema;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(householdCardLoans).where(eq(householdCardLoans.id, loanId)).for('update');
    if (!row) throw notFound('loan');
    if (row.returnedAt) throw new AppError(409, 'loan_already_returned', 'This loan was returned already');
    const now = new Date();
    await tx.update(householdCardLoans).set({ returnedAt: now, returnedTo: clerkAccountId }).where(eq(householdCardLoans.id, row.id));
    await appendAudit(tx, who, { action: 'loan.returned', objectType: 'household_card_loan', objectId: row.id, before: { returnedAt: null }, after: { returnedAt: now.toISOString() } });
    return row.id;
  });
}
