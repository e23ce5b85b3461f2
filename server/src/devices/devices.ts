import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { appendAudit, hashToken, newToken, schema, type AuditSource, type Db } from '@campus/db';
import { AppError, notFound } from '../common/problem.ts';

const { devices } = schema;

type DeviceRow = typeof devices.$inferSelect;

const toDeviceItem = (d: DeviceRow) => ({
  id: d.id,
  kind: d.kind,
  name: d.name,
  location: d.location,
  createdAt: d.createdAt.toISOString(),
  lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
  revokedAt: d.revokedAt?.toISOString() ?? null,
});

/** The calling device as it sees itself. */
export async function deviceSelf(db: Db, deviceId: number) {
  const [device] = await db
    .select({ id: devices.id, kind: devices.kind, name: devices.name, location: devices.location })
    .from(devices)
    .where(eq(devices.id, deviceId));
  return device!;
}

/** Registered devices in the order they were registered, a page of them, and how many in all. */
export async function listDevices(db: Db, limit: number, offset: number) {
  const [rows, [count]] = await Promise.all([
    db.select().from(devices).orderBy(asc(devices.id)).limit(limit).offset(offset),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(devices),
  ]);
  return { total: count?.n ?? 0, items: rows.map(toDeviceItem) };
}

/** Registers a kiosk or display with a long random bearer token, returned only this once (only its hash is kept). */
export async function registerDevice(db: Db, who: AuditSource, body: { kind: DeviceRow['kind']; name: string; location?: string | undefined }) {
  const token = newToken(32);
  const device = await db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: devices.id }).from(devices).where(and(eq(devices.name, body.name), isNull(devices.revokedAt)));
    if (clash) throw new AppError(409, 'device_name_taken', 'A live device already has this name');
    const [row] = await tx
      .insert(devices)
      .values({ kind: body.kind, name: body.name, location: body.location ?? null, tokenHash: hashToken(token) })
      .returning();
    await appendAudit(tx, who, { action: 'device.registered', objectType: 'device', objectId: row!.id, after: { kind: row!.kind, name: row!.name } });
    return row!;
  });
  return { device: toDeviceItem(device), token };
}

/** Revokes a device token: tokens are checked against the database on each request, so every process refuses it at once. */
export async function revokeDevice(db: Db, who: AuditSource, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(devices)
      .set({ revokedAt: new Date() })
      .where(and(eq(devices.id, id), isNull(devices.revokedAt)))
      .returning({ id: devices.id, name: devices.name });
    if (!row) throw notFound('device', 'No live device with this id');
    await appendAudit(tx, who, { action: 'device.revoked', objectType: 'device', objectId: row.id, after: { name: row.name } });
  });
}
