import { Type } from 'typebox';
import { Nullable } from '../common/schemas.ts';
import { PASSWORD_MAX } from './password-policy.ts';

const RoleSchema = Type.Union([
  Type.Literal('student'),
  Type.Literal('staff'),
  Type.Literal('clerk'),
  Type.Literal('card_clerk'),
  Type.Literal('lock_clerk'),
  Type.Literal('admin'),
]);

export const Me = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(RoleSchema),
    mustChangePassword: Type.Boolean(),
    person: Nullable(
      Type.Object({
        number: Type.String(),
        name: Type.String(),
        kind: Type.Union([Type.Literal('student'), Type.Literal('staff'), Type.Literal('other')]),
      }),
    ),
    windows: Type.Array(Type.Object({ id: Type.Integer(), number: Type.Integer(), nameZh: Type.String(), nameEn: Type.String() })),
  },
  { $id: 'Me' },
);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 }),
  },
  { additionalProperties: false },
);

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 }),
    newPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX * 4 }),
  },
  { additionalProperties: false },
);

/** 423 account_locked: the problem says until when and why, so the sign-in page can tell the person. */
export const AccountLockedProblem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Literal(423),
    code: Type.Literal('account_locked'),
    detail: Type.String(),
    lockedUntil: Type.String({ format: 'date-time', description: 'When sign-in works again' }),
    lockScope: Type.Union([Type.Literal('source'), Type.Literal('account')], {
      description: 'source: only from this network address or device; account: from everywhere (a guess spread over many sources)',
    }),
    sourceKind: Type.Optional(Type.Union([Type.Literal('ip'), Type.Literal('device')], { description: 'lockScope source: a network address or a device' })),
    failures: Type.Integer({ description: 'The wrong passwords that placed the lock' }),
    windowMinutes: Type.Optional(Type.Integer({ description: 'lockScope account: the window those failures fell in' })),
  },
  { description: 'application/problem+json' },
);

/** Source locks listed per account; the count says how many there are in all. */
export const SOURCE_LOCKS_LISTED = 10;

const SourceLock = Type.Object({
  kind: Type.Union([Type.Literal('ip'), Type.Literal('device')]),
  /** kind ip: the client address. */
  ip: Nullable(Type.String()),
  /** kind device: the kiosk or display. */
  device: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  failures: Type.Integer(),
  lockedUntil: Type.String({ format: 'date-time' }),
});

export const AccountItem = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  disabled: Type.Boolean(),
  lockedUntil: Nullable(Type.String({ format: 'date-time', description: 'Locked everywhere until then (the account-wide threshold)' })),
  sourceLocks: Type.Array(SourceLock, { description: `Locked from these addresses or devices only; soonest to end last, at most ${SOURCE_LOCKS_LISTED}` }),
  sourceLockCount: Type.Integer(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
});
