import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../client.ts';
import {
  accountRoles,
  accounts,
  buildings,
  cards,
  clerkWindows,
  controllers,
  devices,
  doors,
  dormAssignments,
  people,
  rooms,
  windows,
} from '../schema/index.ts';
import { hashPassword, hashToken } from '../secrets.ts';
import { DEMO_STUDENTS, demoStudents } from './demo-people.ts';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_KIOSK_TOKEN = 'demo-kiosk';
export const DEMO_DISPLAY_TOKEN = 'demo-display';

/** Windows whose clerks also hold the card-clerk permission (card center), and the door-lock window. */
const CARD_WINDOWS = new Set([20, 21, 22, 23, 25]);
const LOCK_WINDOW = 24;

export interface DemoSeedOptions {
  /** Base URL of the access-controller simulator the two demo controllers point at. */
  controllerSimulatorUrl: string;
  production: boolean;
}

export interface DemoAccountInfo {
  username: string;
  /** Roles besides the implied staff role, e.g. 'clerk+card_clerk'. */
  role: string;
  windows: number[];
}

export class DemoSeedRefused extends Error {
  constructor() {
    super('The demo seed is refused when NODE_ENV=production: it would create accounts with a known password.');
  }
}

/**
 * Demo accounts, students with cards and dorm rooms, two dorm buildings with doors, two controllers,
 * a kiosk and a display. Idempotent: what exists is left as it is.
 */
export async function seedDemo(db: Db, options: DemoSeedOptions): Promise<DemoAccountInfo[]> {
  if (options.production) throw new DemoSeedRefused();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727003)`);
    const created: DemoAccountInfo[] = [];
    const students = demoStudents();

    created.push(await ensureAccount(tx, { username: 'admin', displayName: '管理员', passwordHash, roles: ['admin'] }));

    const allWindows = await tx.select({ id: windows.id, number: windows.number }).from(windows);
    for (const w of allWindows.sort((a, b) => a.number - b.number)) {
      const username = `clerk${String(w.number).padStart(2, '0')}`;
      const roles: ('clerk' | 'card_clerk' | 'lock_clerk' | 'staff')[] = ['staff', 'clerk'];
      if (CARD_WINDOWS.has(w.number)) roles.push('card_clerk');
      if (w.number === LOCK_WINDOW) roles.push('lock_clerk');
      const staffNumber = `T${String(9000 + w.number)}`;
      const personId = await ensurePerson(tx, { kind: 'staff', number: staffNumber, name: `${w.number}号窗口工作人员` });
      const info = await ensureAccount(tx, { username, displayName: `${w.number}号窗口`, passwordHash, roles, personId });
      await tx.insert(clerkWindows).values({ accountId: info.id, windowId: w.id }).onConflictDoNothing();
      created.push({ ...info, windows: [w.number] });
    }

    const roomIds = await seedDorms(tx, options.controllerSimulatorUrl);
    for (const [i, s] of students.entries()) {
      const personId = await ensurePerson(tx, { kind: 'student', ...s.person });
      await ensureAccount(tx, { username: s.person.number, displayName: s.person.name, passwordHash, roles: ['student'], personId });
      await tx
        .insert(cards)
        .values({ cardNo: s.cardNo, personId, typeCode: s.cardType, validUntil: s.person.validUntil, balanceFen: s.balanceFen })
        .onConflictDoNothing();
      const roomId = roomIds[Math.floor(i / 2) % roomIds.length]!;
      const current = await tx
        .select({ id: dormAssignments.id })
        .from(dormAssignments)
        .where(and(eq(dormAssignments.personId, personId), isNull(dormAssignments.endsOn)));
      if (current.length === 0) {
        await tx.insert(dormAssignments).values({ personId, roomId, bed: (i % 2) + 1, startsOn: '2025-09-01' });
      }
    }

    await ensureDevice(tx, 'kiosk', '大厅自助取号机 1', DEMO_KIOSK_TOKEN);
    await ensureDevice(tx, 'display', '大厅显示屏 1', DEMO_DISPLAY_TOKEN);
    created.push({ username: `${DEMO_STUDENTS[0]} … ${DEMO_STUDENTS[1]}`, role: 'student', windows: [] });
    return created.map(({ username, role, windows: w }) => ({ username, role, windows: w }));
  });
}

async function ensurePerson(
  tx: Tx,
  p: { kind: 'student' | 'staff'; number: string; name: string } & Partial<typeof people.$inferInsert>,
): Promise<number> {
  await tx.insert(people).values(p).onConflictDoNothing();
  const row = await tx.select({ id: people.id }).from(people).where(eq(people.number, p.number));
  return row[0]!.id;
}

async function ensureAccount(
  tx: Tx,
  a: { username: string; displayName: string; passwordHash: string; roles: (typeof accountRoles.$inferInsert.role)[]; personId?: number },
): Promise<DemoAccountInfo & { id: number }> {
  await tx
    .insert(accounts)
    .values({ username: a.username, displayName: a.displayName, passwordHash: a.passwordHash, personId: a.personId ?? null })
    .onConflictDoNothing();
  const row = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, a.username));
  const id = row[0]!.id;
  await tx
    .insert(accountRoles)
    .values(a.roles.map((role) => ({ accountId: id, role })))
    .onConflictDoNothing();
  return { id, username: a.username, role: a.roles.filter((r) => r !== 'staff').join('+'), windows: [] };
}

async function ensureDevice(tx: Tx, kind: 'kiosk' | 'display', name: string, token: string): Promise<void> {
  await tx.insert(devices).values({ kind, name, tokenHash: hashToken(token) }).onConflictDoNothing();
}

/** Two dorm buildings, 3 floors × 5 rooms each, an entrance and a door per room, one controller per building. */
async function seedDorms(tx: Tx, simulatorUrl: string): Promise<number[]> {
  const plan = [
    { code: 'N1', nameZh: '北区学生公寓1号楼', nameEn: 'North Dorm 1', controller: 'ctl-n1' },
    { code: 'N2', nameZh: '北区学生公寓2号楼', nameEn: 'North Dorm 2', controller: 'ctl-n2' },
  ];
  const roomIds: number[] = [];
  for (const b of plan) {
    await tx
      .insert(buildings)
      .values({ code: b.code, nameZh: b.nameZh, nameEn: b.nameEn, kind: 'dorm', campus: '北区' })
      .onConflictDoNothing();
    const building = (await tx.select({ id: buildings.id }).from(buildings).where(eq(buildings.code, b.code)))[0]!;
    await tx
      .insert(controllers)
      .values({
        code: b.controller,
        name: `${b.nameZh}门禁控制器`,
        buildingId: building.id,
        endpoint: `${simulatorUrl.replace(/\/$/, '')}/controllers/${b.controller}`,
        secret: `demo-secret-${b.controller}`,
      })
      .onConflictDoNothing();
    const controller = (await tx.select({ id: controllers.id }).from(controllers).where(eq(controllers.code, b.controller)))[0]!;
    await tx
      .insert(doors)
      .values({ code: `${b.code}-entrance`, buildingId: building.id, controllerId: controller.id, kind: 'entrance', nameZh: `${b.nameZh}大门` })
      .onConflictDoNothing();
    for (let floor = 1; floor <= 3; floor++) {
      for (let n = 1; n <= 5; n++) {
        const number = `${floor}${String(n).padStart(2, '0')}`;
        await tx.insert(rooms).values({ buildingId: building.id, number, floor, beds: 4 }).onConflictDoNothing();
        const room = (
          await tx.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.buildingId, building.id), eq(rooms.number, number)))
        )[0]!;
        roomIds.push(room.id);
        await tx
          .insert(doors)
          .values({
            code: `${b.code}-${number}`,
            buildingId: building.id,
            roomId: room.id,
            controllerId: controller.id,
            kind: 'room',
            nameZh: `${b.nameZh}${number}室`,
          })
          .onConflictDoNothing();
      }
    }
  }
  return roomIds;
}
