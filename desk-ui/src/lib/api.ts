/**
 * The API as the pages call it: a thin facade over the client generated from the server's OpenAPI
 * document (`$lib/api/`). Request and response types are the generated ones; the names below are
 * aliases the pages and components use. Every helper takes an optional `fetch` (SvelteKit's,
 * inside load functions) and an optional AbortSignal; failures throw ApiError.
 */
import { authRedirectMiddleware, client } from './api/client';
import type { ApiError } from './api/errors';
import type { BodyOf, QueryOf, ResponseOf, Schemas } from './api/types';
import type { TicketStatus } from '@campus/server/client/live';

export { ApiError } from './api/errors';
export { onAuthProblem, type AuthProblem } from './api/client';

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

/** What openapi-fetch takes besides params and body, from our options. */
function init({ fetch, signal, token, authRedirect = true }: RequestOptions = {}) {
  const device = token !== undefined;
  return {
    fetch,
    signal,
    credentials: device ? ('omit' as const) : ('same-origin' as const),
    headers: device ? { authorization: `Bearer ${token}` } : undefined,
    middleware: !device && authRedirect ? [authRedirectMiddleware] : [],
  };
}

/** The answer's body; failures never get here (the problem middleware throws them). 204 gives undefined. */
async function dataOf<D>(answer: Promise<{ data?: D; response: Response }>): Promise<D> {
  return (await answer).data as D;
}

// ---------------------------------------------------------------------------------------------
// The hall: its time zone, read once at start (hooks.client.ts).

export type Hall = ResponseOf<'getHall'>;

export const getHall = (options?: RequestOptions): Promise<Hall> => dataOf(client.GET('/api/hall', init({ ...options, authRedirect: false })));

// ---------------------------------------------------------------------------------------------
// The catalogue.

export type WindowSummary = Schemas['WindowSummary'];
export type WindowList = ResponseOf<'getWindows'>;
export type OpeningHours = WindowSummary['hours'][number];
export type FamilyRef = WindowSummary['family'];
export type WindowStatus = WindowSummary['status'];
export type FamilySummary = ResponseOf<'getFamilies'>['families'][number];
export type ServiceSummary = Schemas['ServiceSummary'];
export type ServicePage = ResponseOf<'getServices'>;
export type ServiceQuery = QueryOf<'getServices'>;
export type ServiceDetail = ResponseOf<'getServicesById'>;
export type ApplicantType = keyof ServiceDetail['materials'];
export type Material = ServiceDetail['materials'][ApplicantType][number];
export type MaterialKind = Material['kind'];
export type ServiceStep = ServiceDetail['steps'][number];
export type Department = NonNullable<ServiceDetail['department']>;
export type SelfServiceMachine = ResponseOf<'getSelfServiceMachines'>['machines'][number];

export const listWindows = (options?: RequestOptions): Promise<WindowList> => dataOf(client.GET('/api/windows', init(options)));

export const listFamilies = async (options?: RequestOptions): Promise<FamilySummary[]> =>
  (await dataOf(client.GET('/api/families', init(options)))).families;

export const searchServices = (query: ServiceQuery, options?: RequestOptions): Promise<ServicePage> =>
  dataOf(client.GET('/api/services', { ...init(options), params: { query } }));

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

export const getService = (id: number, options?: RequestOptions): Promise<ServiceDetail> =>
  dataOf(client.GET('/api/services/{id}', { ...init(options), params: { path: { id } } }));

export const listSelfServiceMachines = async (options?: RequestOptions): Promise<SelfServiceMachine[]> =>
  (await dataOf(client.GET('/api/self-service-machines', init(options)))).machines;

// ---------------------------------------------------------------------------------------------
// Accounts: sign-in, the signed-in person, password change.

export type Me = Schemas['Me'];
export type Role = Me['roles'][number];
export type WindowRef = Me['windows'][number];
export const ROLES: readonly Role[] = ['student', 'staff', 'clerk', 'card_clerk', 'lock_clerk', 'admin'];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export const login = (username: string, password: string, options?: RequestOptions): Promise<Me> =>
  dataOf(client.POST('/api/auth/login', { ...init({ ...options, authRedirect: false }), body: { username, password } }));

export const logout = async (options?: RequestOptions): Promise<void> => {
  await client.POST('/api/auth/logout', init({ ...options, authRedirect: false }));
};

/** Ends every session of the account, on every device. */
export const logoutAll = async (options?: RequestOptions): Promise<void> => {
  await client.POST('/api/auth/logout-all', init({ ...options, authRedirect: false }));
};

export const getMe = (options?: RequestOptions): Promise<Me> => dataOf(client.GET('/api/me', init(options)));

export const changePassword = async (currentPassword: string, newPassword: string, options?: RequestOptions): Promise<void> => {
  await client.POST('/api/me/password', { ...init(options), body: { currentPassword, newPassword } });
};

// ---------------------------------------------------------------------------------------------
// Administration (admins only; 403 `forbidden` for everyone else).

export type AccountPage = ResponseOf<'getAdminAccounts'>;
export type AccountSummary = AccountPage['items'][number];
/** One address or device from which an account cannot sign in for now. */
export type SourceLock = AccountSummary['sourceLocks'][number];
export type LockSourceKind = SourceLock['kind'];
export type LockScope = 'source' | 'account';

export type AccountQuery = QueryOf<'getAdminAccounts'>;

/** `locked: false` is left out: every account, not only the unlocked ones. */
export const listAccounts = (query: AccountQuery, options?: RequestOptions): Promise<AccountPage> =>
  dataOf(client.GET('/api/admin/accounts', { ...init(options), params: { query: { ...query, locked: query.locked || undefined } } }));

export const resetPassword = (id: number, options?: RequestOptions): Promise<ResponseOf<'postAdminAccountsByIdResetPassword'>> =>
  dataOf(client.POST('/api/admin/accounts/{id}/reset-password', { ...init(options), params: { path: { id } } }));

export const unlockAccount = async (id: number, options?: RequestOptions): Promise<void> => {
  await client.POST('/api/admin/accounts/{id}/unlock', { ...init(options), params: { path: { id } } });
};

// ---------------------------------------------------------------------------------------------
// Sign-in locks (per address or device, and account-wide) and the notice a person gets at the
// next sign-in about wrong passwords since the last one. Both are read from documents the API
// leaves open (a problem's extension members, a notification's payload).

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

export type Notification = ResponseOf<'getMeNotifications'>['items'][number];

export const listMyNotifications = async (query: Pick<QueryOf<'getMeNotifications'>, 'unread'> = {}, options?: RequestOptions): Promise<Notification[]> =>
  (await dataOf(client.GET('/api/me/notifications', { ...init(options), params: { query: { unread: query.unread || undefined } } }))).items;

export const markNotificationRead = async (id: number, options?: RequestOptions): Promise<void> => {
  await client.POST('/api/me/notifications/{id}/read', { ...init(options), params: { path: { id } } });
};

/** The notification kind about wrong passwords and locks since the last sign-in. */
export const SIGN_IN_FAILURES = 'account.sign_in_failures';

/** Its payload (server/src/accounts/sign-in-notice.ts); the API types notification payloads as open objects. */
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

export type Device = ResponseOf<'getAdminDevices'>['items'][number];
export type DeviceKind = Device['kind'];

export const listDevices = async (options?: RequestOptions): Promise<Device[]> =>
  (await dataOf(client.GET('/api/admin/devices', { ...init(options), params: { query: { limit: 200 } } }))).items;

export const createDevice = (input: BodyOf<'postAdminDevices'>, options?: RequestOptions): Promise<ResponseOf<'postAdminDevices', 201>> =>
  dataOf(client.POST('/api/admin/devices', { ...init(options), body: input }));

export const revokeDevice = async (id: number, options?: RequestOptions): Promise<void> => {
  await client.DELETE('/api/admin/devices/{id}', { ...init(options), params: { path: { id } } });
};

export type AuditPage = ResponseOf<'getAdminAudit'>;
export type AuditEntry = AuditPage['items'][number];
/** The names behind the ids a page of the audit log mentions, keyed by id (as a string). */
export type AuditNames = AuditPage['names'];
export type AuditQuery = QueryOf<'getAdminAudit'>;

export const listAudit = (query: AuditQuery, options?: RequestOptions): Promise<AuditPage> =>
  dataOf(client.GET('/api/admin/audit', { ...init(options), params: { query } }));

/** A notice the lobby board scrolls while it is showing. */
export type Notice = ResponseOf<'getAdminNotices'>['notices'][number];
export type NoticeInput = BodyOf<'postAdminNotices'>;

export const NOTICE_TEXT_ZH_MAX = 200;
export const NOTICE_TEXT_EN_MAX = 300;

/** Newest first. */
export const listNotices = async (options?: RequestOptions): Promise<Notice[]> =>
  (await dataOf(client.GET('/api/admin/notices', { ...init(options), params: { query: { limit: 200 } } }))).notices;

export const createNotice = (input: NoticeInput, options?: RequestOptions): Promise<Notice> =>
  dataOf(client.POST('/api/admin/notices', { ...init(options), body: input }));

export const updateNotice = (id: number, input: BodyOf<'patchAdminNoticesById'>, options?: RequestOptions): Promise<Notice> =>
  dataOf(client.PATCH('/api/admin/notices/{id}', { ...init(options), params: { path: { id } }, body: input }));

export const deleteNotice = async (id: number, options?: RequestOptions): Promise<void> => {
  await client.DELETE('/api/admin/notices/{id}', { ...init(options), params: { path: { id } } });
};

// ---------------------------------------------------------------------------------------------
// Devices: the lobby kiosk asks who it is with its token.

export type DeviceInfo = ResponseOf<'getDevice'>;

export const getDevice = (token: string, options?: RequestOptions): Promise<DeviceInfo> =>
  dataOf(client.GET('/api/device', init({ ...options, token, authRedirect: false })));

// ---------------------------------------------------------------------------------------------
// The queue: tickets for their holders, the clerk console.

export type Ticket = Schemas['Ticket'];
export type NamedRef = Ticket['service'];
// One list of ticket statuses, the database's, through the live protocol.
export { TICKET_STATUSES, isTicketStatus, type TicketStatus } from '@campus/server/client/live';


/** Statuses of a ticket that was served to the end (and may be rated). */
export const FINISHED_TICKET_STATUSES: readonly TicketStatus[] = ['done', 'materials_missing', 'referred'];


export type IssueInput = BodyOf<'postTickets'>;

/** Takes a ticket: online for a signed-in student or staff member, or at the kiosk with its `token`. */
export const issueTicket = (input: IssueInput, options?: RequestOptions): Promise<Ticket> =>
  dataOf(client.POST('/api/tickets', { ...init(options), body: input }));

export const getTicket = (id: string, options?: RequestOptions): Promise<Ticket> =>
  dataOf(client.GET('/api/tickets/{id}', { ...init(options), params: { path: { id } } }));

export const cancelTicket = (id: string, options?: RequestOptions): Promise<Ticket> =>
  dataOf(client.DELETE('/api/tickets/{id}', { ...init(options), params: { path: { id } } }));

export const rejoinTicket = (id: string, options?: RequestOptions): Promise<Ticket> =>
  dataOf(client.POST('/api/tickets/{id}/rejoin', { ...init(options), params: { path: { id } } }));

export type Feedback = BodyOf<'postTicketsByIdFeedback'>;

export const rateTicket = async (id: string, feedback: Feedback, options?: RequestOptions): Promise<void> => {
  await client.POST('/api/tickets/{id}/feedback', { ...init(options), params: { path: { id } }, body: feedback });
};

export const listMyTickets = async (options?: RequestOptions): Promise<Ticket[]> => (await dataOf(client.GET('/api/me/tickets', init(options)))).items;

export type WindowQueue = ResponseOf<'getWindowsByIdQueue'>;
export type CurrentTicket = WindowQueue['current'][number];
export type QueueTicket = WindowQueue['waiting'][number];
export type ChecklistItem = CurrentTicket['checklist'][number];
export type WindowSession = ResponseOf<'postWindowsByIdSessions', 201>;
export type SessionStatus = WindowSession['status'];

export const getWindowQueue = (windowId: number, options?: RequestOptions): Promise<WindowQueue> =>
  dataOf(client.GET('/api/windows/{id}/queue', { ...init(options), params: { path: { id: windowId } } }));

/** One transition of a ticket (or of the ticket it was transferred from). */
export type TicketHistory = ResponseOf<'getTicketsByIdHistory'>;
export type TicketHistoryEntry = TicketHistory['entries'][number];

export const getTicketHistory = (ticketId: string, options?: RequestOptions): Promise<TicketHistory> =>
  dataOf(client.GET('/api/tickets/{id}/history', { ...init(options), params: { path: { id: ticketId } } }));

export const openWindowSession = (windowId: number, options?: RequestOptions): Promise<WindowSession> =>
  dataOf(client.POST('/api/windows/{id}/sessions', { ...init(options), params: { path: { id: windowId } } }));

export const setWindowSession = (windowId: number, status: SessionStatus, options?: RequestOptions): Promise<WindowSession> =>
  dataOf(client.PATCH('/api/windows/{id}/session', { ...init(options), params: { path: { id: windowId } }, body: { status } }));

/** The next ticket, or undefined (204) when nobody is waiting. */
export const callNext = (windowId: number, options?: RequestOptions): Promise<ResponseOf<'postWindowsByIdCallNext'> | undefined> =>
  dataOf(client.POST('/api/windows/{id}/call-next', { ...init(options), params: { path: { id: windowId } } }));

export const callSpecific = (windowId: number, ticketId: string, reason: string, options?: RequestOptions): Promise<ResponseOf<'postWindowsByIdCall'>> =>
  dataOf(client.POST('/api/windows/{id}/call', { ...init(options), params: { path: { id: windowId } }, body: { ticketId, reason } }));

const ticketPath = (id: string, options?: RequestOptions) => ({ ...init(options), params: { path: { id } } });

export const recallTicket = (id: string, options?: RequestOptions): Promise<Ticket> => dataOf(client.POST('/api/tickets/{id}/recall', ticketPath(id, options)));
export const startTicket = (id: string, options?: RequestOptions): Promise<Ticket> => dataOf(client.POST('/api/tickets/{id}/start', ticketPath(id, options)));
export const noShowTicket = (id: string, options?: RequestOptions): Promise<Ticket> => dataOf(client.POST('/api/tickets/{id}/no-show', ticketPath(id, options)));
export const parkTicket = (id: string, note?: string, options?: RequestOptions): Promise<Ticket> =>
  dataOf(client.POST('/api/tickets/{id}/park', { ...ticketPath(id, options), body: note ? { note } : {} }));

export type FinishInput = BodyOf<'postTicketsByIdFinish'>;
export type FinishOutcome = FinishInput['outcome'];

export const finishTicket = (id: string, input: FinishInput, options?: RequestOptions): Promise<Ticket> =>
  dataOf(client.POST('/api/tickets/{id}/finish', { ...ticketPath(id, options), body: input }));

export type TransferInput = BodyOf<'postTicketsByIdTransfer'>;

/** Answers the new ticket (same number, same place in line). */
export const transferTicket = (id: string, input: TransferInput, options?: RequestOptions): Promise<Ticket> =>
  dataOf(client.POST('/api/tickets/{id}/transfer', { ...ticketPath(id, options), body: input }));

export const updateChecklist = async (id: string, items: BodyOf<'putTicketsByIdChecklist'>['items'], options?: RequestOptions): Promise<void> => {
  await client.PUT('/api/tickets/{id}/checklist', { ...ticketPath(id, options), body: { items } });
};

// ---------------------------------------------------------------------------------------------
// Booking settings (admins): the hall's rules, walk-in reserves, each service's booking.

export type BookingSettings = ResponseOf<'getAdminBooking'>;
export type BookingRules = BookingSettings['rules'];
export type BookingService = BookingSettings['services'][number];
export type WalkInReserve = BookingSettings['reserves'][number];

export const getBookingSettings = (options?: RequestOptions): Promise<BookingSettings> => dataOf(client.GET('/api/admin/booking', init(options)));

export const changeBookingRules = (change: BodyOf<'patchAdminBookingRules'>, options?: RequestOptions): Promise<BookingSettings> =>
  dataOf(client.PATCH('/api/admin/booking/rules', { ...init(options), body: change }));

export const replaceWalkInReserves = (reserves: WalkInReserve[], options?: RequestOptions): Promise<BookingSettings> =>
  dataOf(client.PUT('/api/admin/booking/reserves', { ...init(options), body: { reserves } }));

export const changeServiceBooking = (id: number, change: BodyOf<'patchAdminServicesByIdBooking'>, options?: RequestOptions): Promise<BookingSettings> =>
  dataOf(client.PATCH('/api/admin/services/{id}/booking', { ...init(options), params: { path: { id } }, body: change }));
// Appointments, the student's side (issue 12): slots, booking, my appointments, the waitlist.

export type Slot = ResponseOf<'getServicesByIdSlots'>[number];
export type SlotDay = ResponseOf<'getServicesByIdSlotDays'>[number];
export type Appointment = Schemas['Appointment'];
export type AppointmentStatus = Appointment['status'];
export type AppointmentChecklistItem = Appointment['checklist'][number];
export type WaitlistEntry = Schemas['WaitlistEntry'];
export type MyAppointments = ResponseOf<'getMeAppointments'>;
export type Booked = ResponseOf<'postAppointments', 201>;

const servicePath = (id: number, options?: RequestOptions) => ({ ...init(options), params: { path: { id } } });
const appointmentPath = (id: string, options?: RequestOptions) => ({ ...init(options), params: { path: { id } } });

export const listSlotDays = (serviceId: number, options?: RequestOptions): Promise<SlotDay[]> =>
  dataOf(client.GET('/api/services/{id}/slot-days', servicePath(serviceId, options)));

/** The slots of one hall-local day (YYYY-MM-DD). */
export const listSlots = (serviceId: number, date: string, options?: RequestOptions): Promise<Slot[]> =>
  dataOf(client.GET('/api/services/{id}/slots', { ...init(options), params: { path: { id: serviceId }, query: { from: date, to: date } } }));

export const bookAppointment = (serviceId: number, start: string, options?: RequestOptions): Promise<Booked> =>
  dataOf(client.POST('/api/appointments', { ...init(options), body: { serviceId, start } }));

export const listMyAppointments = (options?: RequestOptions): Promise<MyAppointments> => dataOf(client.GET('/api/me/appointments', init(options)));

export const getAppointment = (id: string, options?: RequestOptions): Promise<Appointment> =>
  dataOf(client.GET('/api/appointments/{id}', appointmentPath(id, options)));

/** Answers the moved appointment (a new id, the same code). */
export const rescheduleAppointment = (id: string, start: string, options?: RequestOptions): Promise<Appointment> =>
  dataOf(client.POST('/api/appointments/{id}/reschedule', { ...appointmentPath(id, options), body: { start } }));

export const cancelAppointment = (id: string, options?: RequestOptions): Promise<Appointment> =>
  dataOf(client.POST('/api/appointments/{id}/cancel', appointmentPath(id, options)));

export const setAppointmentTicks = (id: string, materialIds: number[], options?: RequestOptions): Promise<Appointment> =>
  dataOf(client.PUT('/api/appointments/{id}/ticks', { ...appointmentPath(id, options), body: { materialIds } }));

/** Same-origin links the browser follows itself (the session cookie rides along). */
export const appointmentCalendarUrl = (id: string): string => `/api/appointments/${encodeURIComponent(id)}/calendar.ics`;

export const joinWaitlist = (serviceId: number, start: string, options?: RequestOptions): Promise<WaitlistEntry> =>
  dataOf(client.POST('/api/appointments/waitlist', { ...init(options), body: { serviceId, start } }));

export const leaveWaitlist = async (id: number, options?: RequestOptions): Promise<void> => {
  await client.DELETE('/api/appointments/waitlist/{id}', { ...init(options), params: { path: { id } } });
};

export const acceptWaitlistOffer = (id: number, options?: RequestOptions): Promise<Booked> =>
  dataOf(client.POST('/api/appointments/waitlist/{id}/accept', { ...init(options), params: { path: { id } } }));
// Appointments on the day: check-in at the kiosk, the clerk's list of today's appointments.

export type CheckInInput = BodyOf<'postAppointmentsCheckIn'>;
export type CheckInResult = ResponseOf<'postAppointmentsCheckIn', 201>;
export type WindowAppointment = ResponseOf<'getWindowsByIdAppointments'>['items'][number];

/** Checks an appointment in at the kiosk (its `token`) by booking code or student number: the appointment's ticket. */
export const checkInAtKiosk = (input: CheckInInput, options?: RequestOptions): Promise<CheckInResult> =>
  dataOf(client.POST('/api/appointments/check-in', { ...init(options), body: input }));

export const listWindowAppointments = async (windowId: number, options?: RequestOptions): Promise<WindowAppointment[]> =>
  (await dataOf(client.GET('/api/windows/{id}/appointments', { ...init(options), params: { path: { id: windowId } } }))).items;

/** Door controllers' health (lock clerks, admins), issue 13. */
export type ControllerHealth = ResponseOf<'getControllers'>['items'][number];

export const listControllers = async (options?: RequestOptions): Promise<ControllerHealth[]> =>
  (await dataOf(client.GET('/api/controllers', { ...init(options) }))).items;

export const retryLockGrant = (id: number, options?: RequestOptions): Promise<ResponseOf<'postLockGrantsByIdRetry'>> =>
  dataOf(client.POST('/api/lock-grants/{id}/retry', { ...init(options), params: { path: { id } } }));
