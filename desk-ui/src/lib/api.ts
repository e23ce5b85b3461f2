/**
 * Typed helpers for the catalogue API. Every helper takes an optional `fetch`
 * (SvelteKit's, inside load functions) and an optional AbortSignal.
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
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
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

async function readProblem(res: Response): Promise<ApiError> {
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const p = body as Partial<Record<'title' | 'code' | 'detail', unknown>>;
      return new ApiError(
        res.status,
        typeof p.code === 'string' ? p.code : `http_${res.status}`,
        typeof p.title === 'string' ? p.title : res.statusText,
        typeof p.detail === 'string' ? p.detail : undefined,
      );
    }
  } catch {
    // Not JSON (a proxy error page, say): fall through to the status line.
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);
}

async function getJson<T>(path: string, query: Query = {}, options: RequestOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(`/api${path}${toSearch(query)}`, {
      headers: { accept: 'application/json' },
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'Network error', err instanceof Error ? err.message : undefined);
  }
  if (!res.ok) throw await readProblem(res);
  return (await res.json()) as T;
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
