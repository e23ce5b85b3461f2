import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { allow } from './common/access.ts';
import { buildApp } from './app.ts';
import { testConfig, useTestApp } from '../../test-support/app.ts';
import { asCookie, sessionFor } from '../../test-support/auth.ts';

/**
 * The authorization matrix: every route × every kind of caller, allowed or denied.
 * Routes are read from the running app, so a route added without a row here fails the first test.
 */
const ACTORS = ['anonymous', 'student', 'clerkHere', 'clerkOther', 'cardClerk', 'lockClerk', 'admin', 'kiosk', 'display'] as const;
type ActorName = (typeof ACTORS)[number];

const everyone: ActorName[] = [...ACTORS];
const accounts: ActorName[] = ['student', 'clerkHere', 'clerkOther', 'cardClerk', 'lockClerk', 'admin'];
const devices: ActorName[] = ['kiosk', 'display'];
const admins: ActorName[] = ['admin'];
const clerks: ActorName[] = ['clerkHere', 'clerkOther', 'cardClerk', 'lockClerk'];
/** Students and staff (clerks hold the staff role; without a person record they are then refused by the route). */
const bookers: ActorName[] = ['student', ...clerks];

const MATRIX: Record<string, ActorName[]> = {
  'GET /api/health': everyone,
  'GET /api/hall': everyone,
  'GET /api/docs': everyone,
  'GET /api/windows': everyone,
  'GET /api/families': everyone,
  'GET /api/services': everyone,
  'GET /api/services/:id': everyone,
  'GET /api/self-service-machines': everyone,
  'POST /api/auth/login': everyone,
  'POST /api/auth/logout': everyone,
  'POST /api/auth/logout-all': accounts,
  'GET /api/me': accounts,
  'GET /api/session': everyone,
  'POST /api/me/password': accounts,
  'GET /api/device': devices,
  'GET /api/me/cards': accounts,
  'GET /api/cards/:id': accounts,
  // Card lifecycle: the holder or a card clerk; anyone else's card answers 404 (not a denial).
  'POST /api/cards/:id/report-lost': accounts,
  'POST /api/cards/:id/unfreeze': accounts,
  'POST /api/cards/:id/replace': accounts,
  'POST /api/cards/:id/extend': accounts,
  'POST /api/cards/:id/confirmation': accounts,
  'POST /api/cards/:id/confirmation-request': accounts,
  'POST /api/cards/:id/production': accounts,
  'GET /api/card-types': everyone,
  'POST /api/people/:id/cards': ['cardClerk'],
  'GET /api/people': ['cardClerk', 'lockClerk', 'admin'],
  'GET /api/people/:id/cards': ['cardClerk', 'admin'],
  'PUT /api/me/photo': accounts,
  'GET /api/me/photo': accounts,
  'DELETE /api/people/:id/photo': ['cardClerk', 'admin'],
  'GET /api/me/notifications': accounts,
  'POST /api/me/notifications/:id/read': accounts,
  'GET /api/admin/accounts': admins,
  'POST /api/admin/accounts/:id/reset-password': admins,
  'POST /api/admin/accounts/:id/unlock': admins,
  'GET /api/admin/devices': admins,
  'POST /api/admin/devices': admins,
  'DELETE /api/admin/devices/:id': admins,
  'GET /api/notices': everyone,
  'GET /api/admin/notices': admins,
  'POST /api/admin/notices': admins,
  'PATCH /api/admin/notices/:id': admins,
  'DELETE /api/admin/notices/:id': admins,
  'GET /api/admin/audit': admins,
  'POST /api/tickets': ['student', 'clerkHere', 'clerkOther', 'cardClerk', 'lockClerk', 'kiosk'],
  'GET /api/tickets/:id': everyone,
  'DELETE /api/tickets/:id': accounts,
  'GET /api/me/tickets': accounts,
  'POST /api/windows/:id/sessions': ['clerkHere'],
  'PATCH /api/windows/:id/session': ['clerkHere'],
  'GET /api/windows/:id/queue': ['clerkHere', 'admin'],
  'POST /api/windows/:id/call-next': ['clerkHere'],
  'POST /api/tickets/:id/recall': clerks,
  'POST /api/tickets/:id/start': clerks,
  'POST /api/tickets/:id/no-show': clerks,
  'POST /api/tickets/:id/finish': clerks,
  'PUT /api/tickets/:id/checklist': clerks,
  'GET /api/tickets/:id/history': [...clerks, 'admin'],
  'POST /api/windows/:id/call': ['clerkHere'],
  'POST /api/tickets/:id/park': clerks,
  'POST /api/tickets/:id/transfer': clerks,
  'POST /api/tickets/:id/rejoin': ['student', 'clerkHere', 'clerkOther', 'cardClerk', 'lockClerk', 'kiosk'],
  'POST /api/tickets/:id/feedback': accounts,
  // The window-8 desk and admins: clerks of other windows pass the route's role rule and are then refused by it.
  'GET /api/loans': admins,
  'POST /api/loans/:id/return': admins,
  'GET /api/me/loans': accounts,
  'POST /api/appointments/check-in': ['kiosk'],
  'POST /api/appointments/:id/check-in': ['student', 'clerkHere', 'clerkOther', 'cardClerk', 'lockClerk'],
  'GET /api/me/booking-suspension': accounts,
  'POST /api/people/:id/booking-suspension/lift': [...clerks, 'admin'],
  'POST /api/admin/closures': admins,
  'GET /api/windows/:id/appointments': ['clerkHere', 'admin'],
  'GET /api/services/:id/slots': everyone,
  'GET /api/services/:id/slot-days': everyone,
  'POST /api/appointments': bookers,
  'GET /api/me/appointments': accounts,
  'GET /api/appointments/:id': accounts,
  'POST /api/appointments/:id/reschedule': bookers,
  'POST /api/appointments/:id/cancel': bookers,
  'PUT /api/appointments/:id/ticks': bookers,
  'GET /api/appointments/:id/calendar.ics': accounts,
  'GET /api/appointments/:id/qr.svg': accounts,
  'POST /api/appointments/waitlist': bookers,
  'DELETE /api/appointments/waitlist/:id': bookers,
  'POST /api/appointments/waitlist/:id/accept': bookers,
  'GET /api/admin/booking': admins,
  'PATCH /api/admin/booking/rules': admins,
  'PUT /api/admin/booking/reserves': admins,
  'PATCH /api/admin/services/:id/booking': admins,
  // Door access (issue 13, grants): the door-lock desk (window 24) and admins; students read their own.
  'GET /api/people/:id/grants': ['lockClerk', 'admin'],
  'GET /api/me/grants': accounts,
  'POST /api/lock-grants': ['lockClerk', 'admin'],
  'DELETE /api/lock-grants/:id': ['lockClerk', 'admin'],
  'POST /api/people/:id/dorm': ['lockClerk', 'admin'],
  'POST /api/lock-grants/import': ['lockClerk', 'admin'],
  'GET /api/lock-desk/people': ['lockClerk', 'admin'],
  'GET /api/buildings': ['lockClerk', 'admin'],
  'GET /api/doors': ['lockClerk', 'admin'],
  'GET /api/rooms': ['lockClerk', 'admin'],
  // Door pipeline (issue 13): controller health and the hand retry of a failed command.
  'GET /api/controllers': ['lockClerk', 'admin'],
  'POST /api/lock-grants/:id/retry': ['lockClerk', 'admin'],
};

/** Routes the app serves that the matrix does not list, and rows for routes that no longer exist. */
function matrixGaps(app: FastifyInstance, matrix: Record<string, unknown>): { unlisted: string[]; stale: string[] } {
  const served = app.routeAccess.map((r) => `${r.method} ${r.url}`);
  return {
    unlisted: served.filter((r) => !(r in matrix)),
    stale: Object.keys(matrix).filter((r) => !served.includes(r)),
  };
}

const ACCOUNT_OF: Partial<Record<ActorName, string>> = {
  student: 'S0001',
  clerkHere: 'clerk01',
  clerkOther: 'clerk02',
  cardClerk: 'clerk21',
  lockClerk: 'clerk24',
  admin: 'admin',
};

const ctx = useTestApp();

async function headersFor(actor: ActorName): Promise<Record<string, string>> {
  if (actor === 'anonymous') return { origin: 'http://localhost:3000', host: 'localhost:3000' };
  if (actor === 'kiosk') return { authorization: 'Bearer demo-kiosk' };
  if (actor === 'display') return { authorization: 'Bearer demo-display' };
  // A fresh session per request: some allowed calls (sign-out) end the session they use.
  return asCookie(await sessionFor(ctx.app, ACCOUNT_OF[actor]!));
}

describe('authorization matrix', () => {
  it('lists every route the app serves, and nothing else', () => {
    expect(matrixGaps(ctx.app, MATRIX)).toEqual({ unlisted: [], stale: [] });
  });

  it('allows and denies exactly as the matrix says', async () => {
    const [window1] = await ctx.app.pg.sql`select id from windows where number = 1`;
    const failures: string[] = [];
    for (const route of ctx.app.routeAccess) {
      const key = `${route.method} ${route.url}`;
      const windowParam = 'clerkOfWindowParam' in route.access ? route.access.clerkOfWindowParam : null;
      for (const actor of ACTORS) {
        // Ids that exist nowhere (so allowed calls change nothing), except the window a clerk-of-window rule names.
        const url = route.url.replace(/:(\w+)/g, (_, name: string) => (name === windowParam ? String(window1!.id) : '999999'));
        const res = await ctx.app.inject({
          method: route.method as 'GET',
          url,
          headers: await headersFor(actor),
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        const denied = res.statusCode === 401 || (res.statusCode === 403 && ['forbidden', 'unauthenticated'].includes(res.json().code));
        const shouldAllow = MATRIX[key]!.includes(actor);
        if (denied === shouldAllow) failures.push(`${key} as ${actor}: ${res.statusCode} ${res.body.slice(0, 80)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('fails when a route declares no access rule: the app refuses to start', async () => {
    const unprotected = async (app: FastifyInstance) => {
      app.get('/api/test-unprotected', async () => ({ secret: true }));
    };
    await expect(buildApp(testConfig({}, ctx.database), { extraRoutes: [unprotected] })).rejects.toThrow(
      /GET \/api\/test-unprotected declares no access rule/,
    );
  });

  it('fails when a protected route is missing from the matrix', async () => {
    const unlisted = async (app: FastifyInstance) => {
      app.get('/api/test-unlisted', { config: { access: allow.roles('admin') } }, async () => ({ ok: true }));
    };
    const app = await buildApp(testConfig({}, ctx.database), { extraRoutes: [unlisted] });
    try {
      expect(matrixGaps(app, MATRIX)).toEqual({ unlisted: ['GET /api/test-unlisted'], stale: [] });
    } finally {
      await app.close();
    }
  });

  it('tells a clerk of this window from a clerk of another window', async () => {
    const [window1] = await ctx.app.pg.sql`select id from windows where number = 1`;
    const windowRoute = async (app: FastifyInstance) => {
      app.get('/api/test-window/:id', { config: { access: allow.clerkOfWindow('id') } }, async () => ({ ok: true }));
    };
    const app = await buildApp(testConfig({}, ctx.database), { extraRoutes: [windowRoute] });
    try {
      const here = await app.inject({ url: `/api/test-window/${window1!.id}`, headers: asCookie(await sessionFor(app, 'clerk01')) });
      const other = await app.inject({ url: `/api/test-window/${window1!.id}`, headers: asCookie(await sessionFor(app, 'clerk02')) });
      const admin = await app.inject({ url: `/api/test-window/${window1!.id}`, headers: asCookie(await sessionFor(app, 'admin')) });
      expect([here.statusCode, other.statusCode, admin.statusCode]).toEqual([200, 403, 403]);
    } finally {
      await app.close();
    }
  });
});
