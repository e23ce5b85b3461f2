import { eq } from 'drizzle-orm';
import { schema, type Tx } from '@campus/db';
import { AppError } from '../shared/problem.ts';

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
