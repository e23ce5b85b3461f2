/**
 * Door access as the lock desk (window 24) and the student's 我的门禁 page use it: the API calls
 * (generated types, as `api.ts` does for the rest) and the words for states, reasons and refusals.
 */
import { hallDateTime, hallDayStart } from '@campus/server/client/hall-clock';
import { authRedirectMiddleware, client } from './api/client';
import { ApiError } from './api/errors';
import type { BodyOf, QueryOf, ResponseOf } from './api/types';
import type { RequestOptions } from './api';
import { t } from './i18n/lang.svelte';
import type { MessageKey } from './i18n/zh';
import { problemText } from './queue';

export type PersonGrants = ResponseOf<'getPeopleByIdGrants'>;
export type Grant = PersonGrants['items'][number];
export type ControllerProgress = Grant['controllers'][number];
export type GrantRequest = BodyOf<'postLockGrants'>;
export type DormRequest = BodyOf<'postPeopleByIdDorm'>;
export type ImportReport = ResponseOf<'postLockGrantsImport'>;
export type ImportError = ImportReport['errors'][number];
export type PersonHit = ResponseOf<'getLockDeskPeople'>['items'][number];
export type Building = ResponseOf<'getBuildings'>['items'][number];
export type Door = ResponseOf<'getDoors'>['items'][number];
export type Room = ResponseOf<'getRooms'>['items'][number];

function init({ fetch, signal }: RequestOptions = {}) {
  return { fetch, signal, credentials: 'same-origin' as const, middleware: [authRedirectMiddleware] };
}

async function dataOf<D>(answer: Promise<{ data?: D }>): Promise<D> {
  return (await answer).data as D;
}

export const getMyGrants = (options?: RequestOptions) => dataOf(client.GET('/api/me/grants', init(options)));
export const getPersonGrants = (personId: number, options?: RequestOptions) =>
  dataOf(client.GET('/api/people/{id}/grants', { ...init(options), params: { path: { id: personId } } }));
export const grantDoors = (body: GrantRequest) => dataOf(client.POST('/api/lock-grants', { ...init(), body }));
export const revokeGrant = (id: number) => dataOf(client.DELETE('/api/lock-grants/{id}', { ...init(), params: { path: { id } } }));
export const changeDorm = (personId: number, body: DormRequest) =>
  dataOf(client.POST('/api/people/{id}/dorm', { ...init(), params: { path: { id: personId } }, body }));
export const findPeople = (q: string, options?: RequestOptions) =>
  dataOf(client.GET('/api/lock-desk/people', { ...init(options), params: { query: { q } } })).then((r) => r.items);
export const listBuildings = (options?: RequestOptions) => dataOf(client.GET('/api/buildings', init(options))).then((r) => r.items);
export const listDoors = (query: QueryOf<'getDoors'>, options?: RequestOptions) =>
  dataOf(client.GET('/api/doors', { ...init(options), params: { query } })).then((r) => r.items);
export const listRooms = (buildingId: number, options?: RequestOptions) =>
  dataOf(client.GET('/api/rooms', { ...init(options), params: { query: { buildingId } } })).then((r) => r.items);

/**
 * Sends the file for checking (dryRun) or applying. A refused file (422) still carries its
 * row-by-row report: it is returned, not thrown.
 */
export async function importDormFile(csv: string, dryRun: boolean): Promise<ImportReport> {
  try {
    return await dataOf(client.POST('/api/lock-grants/import', { ...init(), body: { csv, dryRun } }));
  } catch (err) {
    if (err instanceof ApiError && err.code === 'import_invalid' && err.extras.report) return err.extras.report as ImportReport;
    throw err;
  }
}

/** A grant's validity end is the instant its last day ends: show that day (2027-07-15), not the next midnight. */
export function lastValidDay(validTo: string | null): string | null {
  if (validTo === null) return null;
  return hallDateTime(new Date(new Date(validTo).getTime() - 60_000).toISOString()).slice(0, 10);
}

/** The exclusive end instant of a last valid day (YYYY-MM-DD), for the API. */
export const endOfDay = (date: string): string | undefined => hallDayStart(date, 1);
export const startOfDay = (date: string): string | undefined => hallDayStart(date, 0);

/** Whether the door opens for the card now, in the holder's words. */
export function progressText(p: ControllerProgress): string {
  return t(`doors.state.${p.command}.${p.state}` as MessageKey);
}

export const isLive = (g: Grant) => g.status !== 'revoked' && g.status !== 'revoke_pending' && !(g.status === 'failed' && g.revokeReason !== null);

const REASONS = new Set(['clerk', 'dorm_change', 'building_access', 'bulk_import', 'card_replaced', 'card_unfrozen', 'validity_extended', 'demo_seed']);
const REVOKE_REASONS = new Set(['clerk', 'dorm_change', 'card_lost', 'card_replaced', 'card_expired', 'card_closed', 'validity_end']);

export function reasonText(reason: string): string {
  return REASONS.has(reason) ? t(`doors.reason.${reason}` as MessageKey) : t('doors.reason.other');
}

export function revokeReasonText(reason: string | null): string {
  return reason && REVOKE_REASONS.has(reason) ? t(`doors.revokeReason.${reason}` as MessageKey) : t('doors.reason.other');
}

const PROBLEMS: Record<string, MessageKey> = {
  no_usable_card: 'doors.error.noUsableCard',
  card_not_usable: 'doors.error.cardNotUsable',
  door_not_found: 'doors.error.doorNotFound',
  invalid_validity: 'doors.error.invalidValidity',
  grant_already_revoked: 'doors.error.alreadyRevoked',
  lock_grant_not_found: 'doors.error.grantNotFound',
  room_full: 'doors.error.roomFull',
  same_room: 'doors.error.sameRoom',
  invalid_starts_on: 'doors.error.invalidStartsOn',
  room_not_found: 'doors.error.roomNotFound',
  person_not_found: 'doors.error.personNotFound',
  payload_too_large: 'doors.error.fileTooLarge',
};

/** A refused door request as one sentence. */
export function doorProblemText(err: unknown): string {
  if (err instanceof ApiError && PROBLEMS[err.code]) return t(PROBLEMS[err.code]!);
  return problemText(err);
}

/** An import fault in the UI's language: the server's Chinese sentence, or the code's own words in English. */
export function importErrorText(e: ImportError, english: boolean): string {
  return english ? t(`doors.importError.${e.code}` as MessageKey) : e.reasonZh;
}

/** Offers a text as a file download (the error report). */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
