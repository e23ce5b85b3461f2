import { Type } from 'typebox';
import { Nullable } from '../common/schemas.ts';

const Instant = Type.String({ format: 'date-time' });

export const ControllerHealth = Type.Object(
  {
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    doors: Type.Integer({ description: 'Doors this controller drives' }),
    backlog: Type.Integer({ description: 'Grants and revokes on its doors not acknowledged yet' }),
    oldestWaitingSince: Nullable(Instant),
    failures: Type.Integer({ description: 'Grants whose last command failed after every attempt' }),
    lastAckAt: Nullable(Instant),
    lastError: Nullable(Type.String()),
    lastErrorAt: Nullable(Instant),
    lastReconciledAt: Nullable(Instant),
    driftLast: Type.Integer({ description: 'Differences the last reconciliation found' }),
    driftTotal: Type.Integer({ description: 'Differences found by every reconciliation so far' }),
  },
);

export const RetriedGrant = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('revoke_pending')]),
  version: Type.Integer(),
});
