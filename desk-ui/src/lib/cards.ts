/**
 * The campus card, as the student's "my card" page and the card-center desk call it: the API
 * helpers over the generated client, and the words for statuses, steps and refusals.
 */
import { authRedirectMiddleware, client } from './api/client';
import { ApiError, readProblem } from './api/errors';
import type { BodyOf, ResponseOf } from './api/types';
import { errorText } from './format';
import { t, type MessageKey } from './i18n/lang.svelte';

export type Card = ResponseOf<'getCardsById'>;
export type CardStatus = Card['status'];
export type ProductionStatus = NonNullable<Card['productionStatus']>;
export type ReplaceReason = BodyOf<'postCardsByIdReplace'>['reason'];
export type InfoField = NonNullable<BodyOf<'postCardsByIdConfirmation'>['fields']>[number];
export type MyCards = ResponseOf<'getMeCards'>;
export type PersonCards = ResponseOf<'getPeopleByIdCards'>;
export type PersonHit = ResponseOf<'getPeople'>['items'][number];
export type Replacement = ResponseOf<'postCardsByIdReplace'>;
export type CardEvent = PersonCards['history'][number];
export type CardType = ResponseOf<'getCardTypes'>['items'][number];
export type IssuedCard = ResponseOf<'postPeopleByIdCards'>;

const opts = { credentials: 'same-origin' as const, middleware: [authRedirectMiddleware] };
const onCard = (id: number) => ({ ...opts, params: { path: { id } } });
async function dataOf<D>(answer: Promise<{ data?: D }>): Promise<D> {
  return (await answer).data as D;
}

export const getMyCards = (signal?: AbortSignal): Promise<MyCards> => dataOf(client.GET('/api/me/cards', { ...opts, signal }));
export const reportLost = (id: number) => dataOf(client.POST('/api/cards/{id}/report-lost', onCard(id)));
export const unfreezeCard = (id: number) => dataOf(client.POST('/api/cards/{id}/unfreeze', onCard(id)));
export const replaceCard = (id: number, reason: ReplaceReason): Promise<Replacement> =>
  dataOf(client.POST('/api/cards/{id}/replace', { ...onCard(id), body: { reason } }));
export const confirmInfo = (id: number, answer: BodyOf<'postCardsByIdConfirmation'>) =>
  dataOf(client.POST('/api/cards/{id}/confirmation', { ...onCard(id), body: answer }));
export const askToConfirmAgain = (id: number, corrections: BodyOf<'postCardsByIdConfirmationRequest'>) =>
  dataOf(client.POST('/api/cards/{id}/confirmation-request', { ...onCard(id), body: corrections }));
export const advanceProduction = (id: number, step: 'made' | 'ready' | 'collected') =>
  dataOf(client.POST('/api/cards/{id}/production', { ...onCard(id), body: { step } }));
export const extendValidity = (id: number, validUntil: string) => dataOf(client.POST('/api/cards/{id}/extend', { ...onCard(id), body: { validUntil } }));
export const findPeople = async (q: string, signal?: AbortSignal): Promise<PersonHit[]> =>
  (await dataOf(client.GET('/api/people', { ...opts, signal, params: { query: { q } } }))).items;
export const getPersonCards = (id: number, signal?: AbortSignal): Promise<PersonCards> =>
  dataOf(client.GET('/api/people/{id}/cards', { ...onCard(id), signal }));
export const getCardTypes = async (signal?: AbortSignal): Promise<CardType[]> => (await dataOf(client.GET('/api/card-types', { ...opts, signal }))).items;
export const issueCard = (personId: number, body: BodyOf<'postPeopleByIdCards'>): Promise<IssuedCard> =>
  dataOf(client.POST('/api/people/{id}/cards', { ...onCard(personId), body }));
export const resetPhoto = async (personId: number): Promise<void> => {
  await client.DELETE('/api/people/{id}/photo', onCard(personId));
};

/** The photo file as the body: the server reads its content, not its name or type. */
export async function uploadPhoto(file: Blob): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/api/me/photo', { method: 'PUT', body: file, credentials: 'same-origin', headers: { 'content-type': file.type || 'application/octet-stream' } });
  } catch (err) {
    throw new ApiError(0, 'network', 'Network error', err instanceof Error ? err.message : undefined);
  }
  if (!res.ok) throw await readProblem(res);
}

export const MY_PHOTO_URL = '/api/me/photo';

/** The card a holder uses now: the live one, else the newest. */
export function currentCard(cards: readonly Card[]): Card | null {
  return cards.find((c) => c.status === 'active' || c.status === 'lost') ?? cards[0] ?? null;
}

export const statusText = (s: CardStatus): string => t(`cards.status.${s}` as MessageKey);
export const reasonText = (r: ReplaceReason): string => t(`cards.reason.${r}` as MessageKey);
export const fieldText = (f: string): string => t(`cards.field.${f}` as MessageKey);
export const eventText = (type: string): string => t(`cards.event.${type}` as MessageKey);

/** The making of a replacement card, in order; where it is now. */
export const PRODUCTION_STEPS: readonly ProductionStatus[] = ['awaiting_confirmation', 'confirmed', 'made', 'ready', 'collected'];
export const productionText = (s: ProductionStatus): string => t(`cards.production.${s}` as MessageKey);

/** The next step a clerk takes on a card in the making, if any. */
export function nextClerkStep(s: Card['productionStatus']): 'made' | 'ready' | 'collected' | null {
  return s === 'confirmed' ? 'made' : s === 'made' ? 'ready' : s === 'ready' ? 'collected' : null;
}

const PHOTO_REASONS = new Set(['too_large', 'empty', 'not_an_image', 'wrong_format', 'truncated', 'wrong_size', 'wrong_background']);
const CODES = new Set([
  'self_service_lost_limit',
  'card_already_lost',
  'card_not_lost',
  'card_replaced',
  'card_closed',
  'card_expired',
  'card_validity_ended',
  'report_lost_first',
  'photo_required',
  'photo_already_accepted',
  'card_not_awaiting_confirmation',
  'production_out_of_order',
  'card_clerk_only',
  'validity_in_past',
  'card_not_found',
  'flag_fields_required',
  'card_exists',
  'extend_instead',
  'person_left',
  'person_not_found',
]);

/** A refusal in words: every code the card routes answer has its sentence. */
export function cardProblemText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'photo_rejected') {
      const reason = err.extra('reason');
      return reason && PHOTO_REASONS.has(reason) ? t(`cards.photo.refused.${reason}` as MessageKey) : t('cards.photo.refused.other');
    }
    if (CODES.has(err.code)) return t(`cards.problem.${err.code}` as MessageKey);
  }
  return t('cards.failed', { message: errorText(err) });
}
