import type { FastifyRequest } from 'fastify';

export type Role = 'student' | 'staff' | 'clerk' | 'card_clerk' | 'lock_clerk' | 'admin';
export type DeviceKind = 'kiosk' | 'display';

/** Who is making the request: resolved once per request by the auth plugin. */
export type Actor =
  | { kind: 'anonymous'; expiredSession: boolean }
  | {
      kind: 'account';
      accountId: number;
      personId: number | null;
      username: string;
      roles: ReadonlySet<Role>;
      /** Window ids a clerk is assigned to. */
      windowIds: readonly number[];
      mustChangePassword: boolean;
      sessionId: number;
    }
  | { kind: 'device'; deviceId: number; deviceKind: DeviceKind; name: string };

/**
 * The permission rule a route declares next to itself (route `config.access`). Every /api route
 * must declare one: the app refuses to start otherwise, and the authorization matrix test lists them.
 */
export type Access =
  | { public: true }
  /** Any signed-in account. */
  | { signedIn: true }
  /** Accounts holding any of these roles and/or devices of these kinds. */
  | { roles?: Role[]; devices?: DeviceKind[] }
  /** Clerks assigned to the window named by this path parameter (admins too, when `admins`). */
  | { clerkOfWindowParam: string; admins?: boolean };

export const allow = {
  public: { public: true } as Access,
  signedIn: { signedIn: true } as Access,
  roles: (...roles: Role[]): Access => ({ roles }),
  devices: (...devices: DeviceKind[]): Access => ({ devices }),
  clerkOfWindow: (param = 'id', admins = false): Access => ({ clerkOfWindowParam: param, admins }),
};

export type Decision = 'allowed' | 'unauthenticated' | 'forbidden';

export function decide(access: Access, actor: Actor, request: Pick<FastifyRequest, 'params'>): Decision {
  if ('public' in access) return 'allowed';
  if (actor.kind === 'anonymous') return 'unauthenticated';
  if ('signedIn' in access) return actor.kind === 'account' ? 'allowed' : 'forbidden';
  if ('clerkOfWindowParam' in access) {
    if (actor.kind !== 'account') return 'forbidden';
    if (access.admins && actor.roles.has('admin')) return 'allowed';
    const raw = (request.params as Record<string, unknown>)[access.clerkOfWindowParam];
    const windowId = Number(raw);
    return actor.roles.has('clerk') && actor.windowIds.includes(windowId) ? 'allowed' : 'forbidden';
  }
  if (actor.kind === 'device') return access.devices?.includes(actor.deviceKind) ? 'allowed' : 'forbidden';
  return access.roles?.some((r) => actor.roles.has(r)) ? 'allowed' : 'forbidden';
}

/** Account ids of the actor, for queries that scope to "mine". */
export function accountOf(actor: Actor): Extract<Actor, { kind: 'account' }> | null {
  return actor.kind === 'account' ? actor : null;
}

/** The role recorded in the audit log: the strongest the actor holds. */
export function primaryRole(actor: Actor): string | null {
  if (actor.kind === 'device') return actor.deviceKind;
  return actor.kind === 'account' ? strongestRole(actor.roles) : null;
}

export function strongestRole(roles: ReadonlySet<Role>): Role | null {
  for (const r of ['admin', 'lock_clerk', 'card_clerk', 'clerk', 'staff', 'student'] as const) if (roles.has(r)) return r;
  return null;
}
