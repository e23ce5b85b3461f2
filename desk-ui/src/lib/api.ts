/**
 * Typed helpers for the API: the catalogue, sign-in and the signed-in person, administration.
 * Every helper takes an optional `fetch` (SvelteKit's, inside load functions) and an optional
 * AbortSignal.
 */

export type ApplicantType = 'student' | 'staff' | 'anyone';
export type MaterialKind = 'original' | 'copy' | 'form' | 'other';
export type WindowStatus = 'active' | 'suspended' | 'retired';

export interface FamilyRef {
  code: string;
  nameZh: string;
  nameEn: string;
  ticketPrefix: string;
}

export interface OpeningHours {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** 'HH:MM' in the hall's time zone. */
  opens: string;
  closes: string;
}

export interface WindowSummary {
  id: number;
  number: number;
  nameZh: string;
  nameEn: string;
  family: FamilyRef;
  department: { nameZh: string; nameEn: string };
  phone: string | null;
  location: string | null;
  hours: OpeningHours[];
  hoursNoteZh: string | null;
  hoursNoteEn: string | null;
  open: boolean;
  /** ISO 8601 with offset, when open. */
  closesAt: string | null;
  /** ISO 8601 with offset, when closed; null when there is no scheduled opening. */
  nextOpensAt: string | null;
  status: WindowStatus;
}

export interface WindowList {
  timeZone: string;
  now: string;
  windows: WindowSummary[];
}

export interface FamilySummary extends FamilyRef {
  windows: number[];
  serviceCount: number;
}

export interface ServiceSummary {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  family: string;
  windows: number[];
  feeFen: number;
  appointmentEnabled: boolean;
  onlineAvailable: boolean;
  keywords: string[];
}

export interface ServicePage {
  total: number;
  items: ServiceSummary[];
}

export interface Material {
  id: number;
  nameZh: string;
  nameEn: string;
  kind: MaterialKind;
  formUrl: string | null;
  required: boolean;
  noteZh: string | null;
  noteEn: string | null;
}

export interface ServiceStep {
  id: number;
  position: number;
  textZh: string;
  textEn: string;
  applicantType: ApplicantType;
  flowZh: string | null;
  flowEn: string | null;
}

export interface Department {
  nameZh: string;
  nameEn: string;
  phones: string[];
  address: string | null;
  website: string | null;
}

export interface ServiceDetail {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  keywords: string[];
  family: FamilyRef;
  feeFen: number;
  feeNoteZh: string | null;
  feeNoteEn: string | null;
  department: Department | null;
  onlineAlternative: { textZh: string; textEn: string | null; url: string | null } | null;
  links: { labelZh: string; labelEn: string; url: string }[];
  appointmentEnabled: boolean;
  handlingMinutes: number;
  editorialNoteZh: string | null;
  materials: Record<ApplicantType, Material[]>;
  steps: ServiceStep[];
  windows: WindowSummary[];
}

export interface SelfServiceMachine {
  code: string;
  nameZh: string;
  nameEn: string;
  locationZh: string;
  locationEn: string;
  instructionsZh: string[];
  instructionsEn: string[];
  functions: { groupZh: string; groupEn: string; itemsZh: string[]; itemsEn: string[] }[];
}

/** An error response from the API (`application/problem+json`), or `network` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    /** Any further members of the problem document (`lockedUntil`, …). */
    readonly extras: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  /** A further member of the problem document, when it is a string. */
  extra(name: string): string | undefined {
    const value = this.extras[name];
    return typeof value === 'string' ? value : undefined;
  }
}

export interface RequestOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /**
   * When the session has expired (401 `session_expired`) or the password must be changed first
   * (403 `password_change_required`), hand the problem to the registered handler, which moves the
   * user to the sign-in or the forced-change page. True unless a caller deals with it itself.
   */
  authRedirect?: boolean;
  /**
   * A device token (the lobby kiosk): sent as `Authorization: Bearer …`, and cookies are left out,
   * so a session someone left in the kiosk's browser never rides along.
   */
  token?: string;
}

type Query = Record<string, string | number | undefined>;

function toSearch(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'instance']);

async function readProblem(res: Response): Promise<ApiError> {
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const p = body as Record<string, unknown>;
      const extras = Object.fromEntries(Object.entries(p).filter(([key]) => !PROBLEM_MEMBERS.has(key)));
      return new ApiError(
        res.status,
        typeof p.code === 'string' ? p.code : `http_${res.status}`,
        typeof p.title === 'string' ? p.title : res.statusText,
        typeof p.detail === 'string' ? p.detail : undefined,
        extras,
      );
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to the status line.
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);
}

export type AuthProblem = 'session_expired' | 'password_change_required';

/** Returns true when it has taken the user elsewhere (the caller's request then never settles). */
type AuthProblemHandler = (problem: AuthProblem) => boolean;
let authProblemHandler: AuthProblemHandler | null = null;

/** Registered once by the session store, which knows where to send the user. */
export function onAuthProblem(handler: AuthProblemHandler): void {
  authProblemHandler = handler;
}

function authProblemOf(err: ApiError): AuthProblem | null {
  if (err.status === 401 && err.code === 'session_expired') return 'session_expired';
  if (err.status === 403 && err.code === 'password_change_required') return 'password_change_required';
  return null;
}

interface ApiRequest extends RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
}

/**
 * One call to the API. The session is an httpOnly cookie the browser sends by itself; bodies are
 * JSON both ways, and 204 answers resolve to undefined.
 */
async function request<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const doFetch = req.fetch ?? fetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
  let res: Response;
  try {
    res = await doFetch(`/api${path}${toSearch(req.query ?? {})}`, {
      method: req.method ?? 'GET',
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      credentials: req.token !== undefined ? 'omit' : 'same-origin',
      signal: req.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Network error', err instanceof Error ? err.message : undefined);
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    const auth = req.token === undefined ? authProblemOf(problem) : null;
    if (auth && req.authRedirect !== false && authProblemHandler?.(auth)) {
      // The user is on the way to another page: leave whatever awaited this pending, rather
      // than flashing an error on the page being left.
      return new Promise<T>(() => {});
    }
    throw problem;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

function getJson<T>(path: string, query: Query = {}, options: RequestOptions = {}): Promise<T> {
  return request<T>(path, { ...options, query });
}

export const listWindows = (options?: RequestOptions) => getJson<WindowList>('/windows', {}, options);

export const listFamilies = (options?: RequestOptions) =>
  getJson<{ families: FamilySummary[] }>('/families', {}, options).then((r) => r.families);

export interface ServiceQuery {
  q?: string;
  family?: string;
  window?: number;
  limit?: number;
  offset?: number;
}

export const searchServices = (query: ServiceQuery, options?: RequestOptions) =>
  getJson<ServicePage>('/services', { ...query }, options);

/** The API caps `limit`; page through until every matching service is in hand. */
export async function listAllServices(query: Omit<ServiceQuery, 'limit' | 'offset'>, options?: RequestOptions) {
  const limit = 200;
  const items: ServiceSummary[] = [];
  for (;;) {
    const page = await searchServices({ ...query, limit, offset: items.length }, options);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

export const getService = (id: number, options?: RequestOptions) =>
  getJson<ServiceDetail>(`/services/${id}`, {}, options);

export const listSelfServiceMachines = (options?: RequestOptions) =>
  getJson<{ machines: SelfServiceMachine[] }>('/self-service-machines', {}, options).then((r) => r.machines);

// ---------------------------------------------------------------------------------------------
// Accounts: sign-in, the signed-in person, password change.

export type Role = 'student' | 'staff' | 'clerk' | 'card_clerk' | 'lock_clerk' | 'admin';
export const ROLES: readonly Role[] = ['student', 'staff', 'clerk', 'card_clerk', 'lock_clerk', 'admin'];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export interface WindowRef {
  id: number;
  number: number;
  nameZh: string;
  nameEn: string;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
  person: { number: string; name: string; kind: 'student' | 'staff' | 'other' } | null;
  windows: WindowRef[];
}

export const login = (username: string, password: string, options?: RequestOptions) =>
  request<Me>('/auth/login', { ...options, authRedirect: false, method: 'POST', body: { username, password } });

export const logout = (options?: RequestOptions) =>
  request<void>('/auth/logout', { ...options, authRedirect: false, method: 'POST' });

/** Ends every session of the account, on every device. */
export const logoutAll = (options?: RequestOptions) =>
  request<void>('/auth/logout-all', { ...options, authRedirect: false, method: 'POST' });

export const getMe = (options?: RequestOptions) => request<Me>('/me', options);

export const changePassword = (currentPassword: string, newPassword: string, options?: RequestOptions) =>
  request<void>('/me/password', { ...options, method: 'POST', body: { currentPassword, newPassword } });

// ---------------------------------------------------------------------------------------------
// Administration (admins only; 403 `forbidden` for everyone else).

export interface AccountSummary {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  disabled: boolean;
  /** Locked everywhere until then (the account-wide threshold). */
  lockedUntil: string | null;
  /** Locked from these addresses or devices only (the newest first, at most ten of `sourceLockCount`). */
  sourceLocks: SourceLock[];
  sourceLockCount: number;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

export interface AccountPage {
  total: number;
  items: AccountSummary[];
}

export const listAccounts = (query: { q?: string; locked?: boolean; limit?: number; offset?: number }, options?: RequestOptions) =>
  request<AccountPage>('/admin/accounts', { ...options, query: { ...query, locked: query.locked ? 'true' : undefined } });

export const resetPassword = (id: number, options?: RequestOptions) =>
  request<{ temporaryPassword: string }>(`/admin/accounts/${id}/reset-password`, { ...options, method: 'POST' });

export const unlockAccount = (id: number, options?: RequestOptions) =>
  request<void>(`/admin/accounts/${id}/unlock`, { ...options, method: 'POST' });

// ---------------------------------------------------------------------------------------------
// accounts helper: sign-in locks (per address or device, and account-wide) and the notice a
// person gets at the next sign-in about wrong passwords since the last one.

export type LockScope = 'source' | 'account';
export type LockSourceKind = 'ip' | 'device';

/** The members of a 423 `account_locked` problem: until when, and why. */
export interface AccountLock {
  lockedUntil: string;
  /** `source`: only from this network address or device; `account`: from everywhere. */
  lockScope: LockScope;
  sourceKind?: LockSourceKind;
  /** The wrong passwords that placed the lock. */
  failures: number;
  /** `account` locks: the minutes those failures fell within. */
  windowMinutes?: number;
}

/** The lock a 423 `account_locked` problem describes, when it carries one. */
export function accountLockOf(err: ApiError): AccountLock | null {
  const lockedUntil = err.extra('lockedUntil');
  const lockScope = err.extra('lockScope');
  const failures = err.extras.failures;
  if (err.code !== 'account_locked' || !lockedUntil || (lockScope !== 'source' && lockScope !== 'account') || typeof failures !== 'number') {
    return null;
  }
  const sourceKind = err.extra('sourceKind');
  const windowMinutes = err.extras.windowMinutes;
  return {
    lockedUntil,
    lockScope,
    sourceKind: sourceKind === 'ip' || sourceKind === 'device' ? sourceKind : undefined,
    failures,
    windowMinutes: typeof windowMinutes === 'number' ? windowMinutes : undefined,
  };
}

/** One address or device from which an account cannot sign in for now. */
export interface SourceLock {
  kind: LockSourceKind;
  ip: string | null;
  device: { id: number; name: string } | null;
  failures: number;
  lockedUntil: string;
}

export interface Notification {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export const listMyNotifications = (query: { unread?: boolean } = {}, options?: RequestOptions) =>
  request<{ items: Notification[] }>('/me/notifications', { ...options, query: { unread: query.unread ? 'true' : undefined } }).then(
    (r) => r.items,
  );

export const markNotificationRead = (id: number, options?: RequestOptions) =>
  request<void>(`/me/notifications/${id}/read`, { ...options, method: 'POST' });

/** The notification kind about wrong passwords and locks since the last sign-in. */
export const SIGN_IN_FAILURES = 'account.sign_in_failures';

/** Its payload (server/src/accounts/sign-in-notice.ts). */
export interface SignInFailuresNotice {
  failures: number;
  /** Of those, from where the person has just signed in. */
  failuresHere: number;
  sources: number;
  /** The previous sign-in, or null. */
  since: string | null;
  lastFailureAt: string | null;
  locks: { scope: LockScope; sourceKind: LockSourceKind | null; at: string; until: string }[];
  lockCount: number;
}

export type DeviceKind = 'kiosk' | 'display';

export interface Device {
  id: number;
  kind: DeviceKind;
  name: string;
  location: string | null;
  createdAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
}

export const listDevices = (options?: RequestOptions) =>
  request<{ total: number; items: Device[] }>('/admin/devices?limit=200', options).then((r) => r.items);

export const createDevice = (input: { kind: DeviceKind; name: string; location?: string }, options?: RequestOptions) =>
  request<{ device: Device; token: string }>('/admin/devices', { ...options, method: 'POST', body: input });

export const revokeDevice = (id: number, options?: RequestOptions) =>
  request<void>(`/admin/devices/${id}`, { ...options, method: 'DELETE' });

export interface AuditEntry {
  id: number;
  at: string;
  actor: {
    accountId: number | null;
    username: string | null;
    displayName: string | null;
    role: string | null;
    deviceId: number | null;
    deviceName: string | null;
  };
  ip: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface Named {
  nameZh: string;
  nameEn: string | null;
}

/** The names behind the ids a page of the audit log mentions, keyed by id (as a string). */
export interface AuditNames {
  tickets: Record<string, { number: string; serviceNameZh: string; serviceNameEn: string | null }>;
  /** By window id: `number` is what people call the window. */
  windows: Record<string, { number: number } & Named>;
  accounts: Record<string, { username: string; displayName: string }>;
  devices: Record<string, { name: string }>;
  services: Record<string, Named>;
  materials: Record<string, Named>;
  notices: Record<string, { textZh: string }>;
  loans: Record<string, { personName: string; personNumber: string; ticketNumber: string | null }>;
}

export interface AuditPage {
  items: AuditEntry[];
  nextBeforeId: number | null;
  names: AuditNames;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  /** ISO 8601 date-times. */
  from?: string;
  to?: string;
  limit?: number;
  beforeId?: number;
}

export const listAudit = (query: AuditQuery, options?: RequestOptions) =>
  request<AuditPage>('/admin/audit', { ...options, query: { ...query } });

/** A notice the lobby board scrolls while it is showing. */
export interface Notice {
  id: number;
  textZh: string;
  textEn: string | null;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string | null;
  createdAt: string;
  /** Showing now. */
  active: boolean;
}

export const NOTICE_TEXT_ZH_MAX = 200;
export const NOTICE_TEXT_EN_MAX = 300;

export interface NoticeInput {
  textZh: string;
  textEn?: string | null;
  /** ISO 8601; now when left out. */
  startsAt?: string;
  /** ISO 8601, or null for no end. */
  endsAt?: string | null;
}

/** Newest first. */
export const listNotices = (options?: RequestOptions) =>
  request<{ total: number; notices: Notice[] }>('/admin/notices?limit=200', options).then((r) => r.notices);

export const createNotice = (input: NoticeInput, options?: RequestOptions) =>
  request<Notice>('/admin/notices', { ...options, method: 'POST', body: input });

export const updateNotice = (id: number, input: Partial<NoticeInput>, options?: RequestOptions) =>
  request<Notice>(`/admin/notices/${id}`, { ...options, method: 'PATCH', body: input });

export const deleteNotice = (id: number, options?: RequestOptions) =>
  request<void>(`/admin/notices/${id}`, { ...options, method: 'DELETE' });

// ---------------------------------------------------------------------------------------------
// Devices: the lobby kiosk asks who it is with its token.

export interface DeviceInfo {
  id: number;
  kind: DeviceKind;
  name: string;
  location: string | null;
}

export const getDevice = (token: string, options?: RequestOptions) =>
  request<DeviceInfo>('/device', { ...options, token, authRedirect: false });

// ---------------------------------------------------------------------------------------------
// The queue: tickets for their holders, the clerk console.

export type TicketStatus =
  | 'waiting'
  | 'called'
  | 'serving'
  | 'parked'
  | 'done'
  | 'materials_missing'
  | 'referred'
  | 'no_show'
  | 'cancelled'
  | 'transferred'
  | 'expired';

export const TICKET_STATUSES: readonly TicketStatus[] = [
  'waiting',
  'called',
  'serving',
  'parked',
  'done',
  'materials_missing',
  'referred',
  'no_show',
  'cancelled',
  'transferred',
  'expired',
];

/** Statuses in which a ticket still holds its place or a window's attention. */
export const ACTIVE_TICKET_STATUSES: readonly TicketStatus[] = ['waiting', 'called', 'serving', 'parked'];
/** Statuses of a ticket that was served to the end (and may be rated). */
export const FINISHED_TICKET_STATUSES: readonly TicketStatus[] = ['done', 'materials_missing', 'referred'];

export const isTicketStatus = (value: string): value is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(value);

export interface NamedRef {
  id: number;
  nameZh: string;
  nameEn: string;
}

export interface Ticket {
  id: string;
  number: string;
  status: TicketStatus;
  service: NamedRef;
  /** Numbers of the windows that serve it. */
  windows: number[];
  /** The window that called it. */
  window: { id: number; number: number } | null;
  priority: boolean;
  channel: string;
  ahead: number;
  estimatedWaitMinutes: number;
  /** Windows able to serve it that a clerk staffs now; 0: nobody is calling its line yet. */
  openWindows: number;
  issuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  missingMaterials: NamedRef[];
  /** After a transfer: the new ticket (same number, same place in line). */
  transferredTo: string | null;
  /** A no-show still inside the rejoin grace: until when the holder may go back into line (ISO 8601). */
  rejoinUntil: string | null;
  /** Feedback was given already. */
  rated: boolean;
}

export interface IssueInput {
  serviceId: number;
  priority?: boolean;
  /** Kiosk only: the holder's student or staff number. */
  studentNumber?: string;
}

/** Takes a ticket: online for a signed-in student or staff member, or at the kiosk with its `token`. */
export const issueTicket = (input: IssueInput, options?: RequestOptions) =>
  request<Ticket>('/tickets', { ...options, method: 'POST', body: input });

export const getTicket = (id: string, options?: RequestOptions) => request<Ticket>(`/tickets/${encodeURIComponent(id)}`, options);

export const cancelTicket = (id: string, options?: RequestOptions) =>
  request<Ticket>(`/tickets/${encodeURIComponent(id)}`, { ...options, method: 'DELETE' });

export const rejoinTicket = (id: string, options?: RequestOptions) =>
  request<Ticket>(`/tickets/${encodeURIComponent(id)}/rejoin`, { ...options, method: 'POST' });

export interface Feedback {
  attitude: number;
  efficiency: number;
  outcome: number;
  comment?: string;
}

export const rateTicket = (id: string, feedback: Feedback, options?: RequestOptions) =>
  request<void>(`/tickets/${encodeURIComponent(id)}/feedback`, { ...options, method: 'POST', body: feedback });

export const listMyTickets = (options?: RequestOptions) =>
  request<{ items: Ticket[] }>('/me/tickets', options).then((r) => r.items);

export type SessionStatus = 'open' | 'paused' | 'closed';

export interface QueueTicket {
  id: string;
  number: string;
  status: TicketStatus;
  priority: boolean;
  channel: string;
  serviceId: number;
  serviceNameZh: string;
  serviceNameEn: string;
  /** Masked name (张*明), or null for an anonymous walk-in. */
  holder: string | null;
  queuedAt: string;
  calledAt: string | null;
  finishedAt: string | null;
  recallCount: number;
}

export interface ChecklistItem {
  materialId: number;
  nameZh: string;
  nameEn: string;
  kind: string;
  required: boolean;
  checked: boolean;
}

export interface CurrentTicket extends QueueTicket {
  checklist: ChecklistItem[];
}

export interface WindowQueue {
  window: WindowRef;
  session: { id: number; status: SessionStatus; openedAt: string; clerk: string; accountId: number } | null;
  current: CurrentTicket[];
  waiting: QueueTicket[];
  servedToday: QueueTicket[];
}

export interface WindowSession {
  id: number;
  windowId: number;
  status: SessionStatus;
  openedAt: string;
}

export const getWindowQueue = (windowId: number, options?: RequestOptions) =>
  request<WindowQueue>(`/windows/${windowId}/queue`, options);

/** One transition of a ticket (or of the ticket it was transferred from). */
export interface TicketHistoryEntry {
  ticketId: string;
  /** The number of the entry's ticket. */
  ticketNumber: string;
  at: string;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  /** The window's number (as people say it), not its id. */
  windowNumber: number | null;
  /** Display name of the account that acted. */
  clerk: string | null;
  /** Who acted: the ticket's holder, staff, a kiosk, or the system. */
  actor: 'holder' | 'staff' | 'device' | 'system';
  /** The entry's ticket's service (after a transfer: the service it was sent to). */
  serviceId: number;
  serviceNameZh: string;
  serviceNameEn: string | null;
  /** kiosk, online, appointment, or transfer. */
  channel: string;
  /** Only words a clerk typed (a note, a reason); never the system's own text. */
  reason: string | null;
}

export const getTicketHistory = (ticketId: string, options?: RequestOptions) =>
  request<{ notes: string | null; entries: TicketHistoryEntry[] }>(`/tickets/${ticketId}/history`, options);

export const openWindowSession = (windowId: number, options?: RequestOptions) =>
  request<WindowSession>(`/windows/${windowId}/sessions`, { ...options, method: 'POST' });

export const setWindowSession = (windowId: number, status: SessionStatus, options?: RequestOptions) =>
  request<WindowSession>(`/windows/${windowId}/session`, { ...options, method: 'PATCH', body: { status } });

/** The next ticket, or undefined (204) when nobody is waiting. */
export const callNext = (windowId: number, options?: RequestOptions) =>
  request<{ id: string; number: string } | undefined>(`/windows/${windowId}/call-next`, { ...options, method: 'POST' });

export const callSpecific = (windowId: number, ticketId: string, reason: string, options?: RequestOptions) =>
  request<{ id: string; number: string }>(`/windows/${windowId}/call`, { ...options, method: 'POST', body: { ticketId, reason } });

const ticketAction = (id: string, action: string, body?: unknown, options?: RequestOptions) =>
  request<Ticket>(`/tickets/${encodeURIComponent(id)}/${action}`, { ...options, method: 'POST', body });

export const recallTicket = (id: string, options?: RequestOptions) => ticketAction(id, 'recall', undefined, options);
export const startTicket = (id: string, options?: RequestOptions) => ticketAction(id, 'start', undefined, options);
export const noShowTicket = (id: string, options?: RequestOptions) => ticketAction(id, 'no-show', undefined, options);
export const parkTicket = (id: string, note?: string, options?: RequestOptions) =>
  ticketAction(id, 'park', note ? { note } : {}, options);

export type FinishOutcome = 'done' | 'materials_missing' | 'referred';

export interface FinishInput {
  outcome: FinishOutcome;
  overrideReason?: string;
  missingMaterialIds?: number[];
  note?: string;
  /** Window 8's household-card loan: asked for (400 `loan_terms_required`) when such a ticket is done. */
  loan?: { purpose: string; dueOn: string };
}

export const finishTicket = (id: string, input: FinishInput, options?: RequestOptions) => ticketAction(id, 'finish', input, options);

export interface TransferInput {
  serviceId?: number;
  windowId?: number;
  accountId?: number;
  note: string;
  /** Transfer even though no window the ticket would wait for is staffed now. */
  confirmClosed?: boolean;
}

/** Answers the new ticket (same number, same place in line). */
export const transferTicket = (id: string, input: TransferInput, options?: RequestOptions) =>
  ticketAction(id, 'transfer', input, options);

export const updateChecklist = (id: string, items: { materialId: number; checked: boolean }[], options?: RequestOptions) =>
  request<void>(`/tickets/${encodeURIComponent(id)}/checklist`, { ...options, method: 'PUT', body: { items } });
