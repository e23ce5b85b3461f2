import { accountOf, type Actor } from '../common/access.ts';
import { notFound } from '../common/problem.ts';

/** Who acts on a card: its holder (self-service) or a card clerk at windows 20–23. */
export interface CardActor {
  accountId: number;
  personId: number | null;
  clerk: boolean;
}

export function cardActorOf(actor: Actor): CardActor {
  const account = accountOf(actor);
  if (!account) throw notFound('card');
  return { accountId: account.accountId, personId: account.personId, clerk: account.roles.has('card_clerk') };
}

/** A card that is not the actor's own does not exist for them, unless they are a card clerk. */
export function assertMayAct(who: CardActor, holderId: number): void {
  if (!who.clerk && who.personId !== holderId) throw notFound('card');
}
