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
  method?: 'GET' | 'POST' | 'DELETE';
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
  let res: Response;
  try {
    res = await doFetch(`/api${path}${toSearch(req.query ?? {})}`, {
      method: req.method ?? 'GET',
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      credentials: 'same-origin',
      signal: req.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Network error', err instanceof Error ? err.message : undefined);
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    const auth = authProblemOf(problem);
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
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}

export interface AccountPage {
  total: number;
  items: AccountSummary[];
}

export const listAccounts = (query: { q?: string; limit?: number; offset?: number }, options?: RequestOptions) =>
  request<AccountPage>('/admin/accounts', { ...options, query });

export const resetPassword = (id: number, options?: RequestOptions) =>
  request<{ temporaryPassword: string }>(`/admin/accounts/${id}/reset-password`, { ...options, method: 'POST' });

export const unlockAccount = (id: number, options?: RequestOptions) =>
  request<void>(`/admin/accounts/${id}/unlock`, { ...options, method: 'POST' });

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
  request<{ items: Device[] }>('/admin/devices', options).then((r) => r.items);

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

export interface AuditPage {
  items: AuditEntry[];
  nextBeforeId: number | null;
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
