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
import { DEV_CONTROLLER_SECRET_KEY, sealSecret } from '../controller-secret.ts';
import { hashPassword, hashToken } from '../secrets.ts';
import { grantDoors, type GrantInput } from '../writers/door-access.ts';
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
  /** Seals the demo controllers' secrets (CONTROLLER_SECRET_KEY); the development key when absent. */
  controllerSecretKey?: Buffer;
}

/** The demo's two controllers, one per dorm building, with the secrets the demo simulators share. */
export const DEMO_CONTROLLERS = [
  { code: 'ctl-n1', building: 'N1', secret: 'demo-secret-ctl-n1' },
  { code: 'ctl-n2', building: 'N2', secret: 'demo-secret-ctl-n2' },
] as const;

/**
 * Each demo controller has a simulator of its own: the first on CONTROLLER_SIM_URL's port, the next
 * on the port after it, and so on (http://127.0.0.1:3100/controllers/ctl-n1, …:3101/controllers/ctl-n2).
 */
export function demoControllerEndpoint(simulatorUrl: string, index: number): { base: string; endpoint: string } {
  const url = new URL(simulatorUrl);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80)) + index;
  url.port = String(port);
  const base = url.origin;
  return { base, endpoint: `${base}/controllers/${DEMO_CONTROLLERS[index]!.code}` };
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

    const roomIds = await seedDorms(tx, options.controllerSimulatorUrl, options.controllerSecretKey ?? DEV_CONTROLLER_SECRET_KEY);
    const doorGrants: GrantInput[] = [];
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
      doorGrants.push(...(await missingDormGrants(tx, s.cardNo, roomId)));
    }
    // Each student's room door and building entrance, through the door-access writer, so the
    // controllers (the demo's simulators) receive them: a newcomer sees working door lists at once.
    await grantDoors(tx, doorGrants);

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
async function seedDorms(tx: Tx, simulatorUrl: string, secretKey: Buffer): Promise<number[]> {
  const plan = [
    { code: 'N1', nameZh: '北区学生公寓1号楼', nameEn: 'North Dorm 1', controller: DEMO_CONTROLLERS[0] },
    { code: 'N2', nameZh: '北区学生公寓2号楼', nameEn: 'North Dorm 2', controller: DEMO_CONTROLLERS[1] },
  ];
  const roomIds: number[] = [];
  for (const [index, b] of plan.entries()) {
    await tx
      .insert(buildings)
      .values({ code: b.code, nameZh: b.nameZh, nameEn: b.nameEn, kind: 'dorm', campus: '北区' })
      .onConflictDoNothing();
    const building = (await tx.select({ id: buildings.id }).from(buildings).where(eq(buildings.code, b.code)))[0]!;
    await tx
      .insert(controllers)
      .values({
        code: b.controller.code,
        name: `${b.nameZh}门禁控制器`,
        buildingId: building.id,
        endpoint: demoControllerEndpoint(simulatorUrl, index).endpoint,
        secret: sealSecret(b.controller.secret, secretKey),
      })
      .onConflictDoNothing();
    // Databases seeded before each controller had its own simulator pointed both at the first one.
    await tx
      .update(controllers)
      .set({ endpoint: demoControllerEndpoint(simulatorUrl, index).endpoint })
      .where(and(eq(controllers.code, b.controller.code), eq(controllers.endpoint, `${simulatorUrl.replace(/\/$/, '')}/controllers/${b.controller.code}`)));
    const controller = (await tx.select({ id: controllers.id }).from(controllers).where(eq(controllers.code, b.controller.code)))[0]!;
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

/** The room door and building entrance of a student's room that the card does not hold yet (the seed runs at every start). */
async function missingDormGrants(tx: Tx, cardNo: string, roomId: number): Promise<GrantInput[]> {
  const rows = await tx.execute<{ card_id: number; door_id: number }>(sql`
    select c.id as card_id, d.id as door_id
      from cards c, rooms r
      join doors d on d.building_id = r.building_id and (d.room_id = r.id or d.kind = 'entrance')
     where c.card_no = ${cardNo} and r.id = ${roomId}
       and not exists (select 1 from lock_grants g where g.card_id = c.id and g.door_id = d.id)`);
  return rows.map((r) => ({ cardId: Number(r.card_id), doorId: Number(r.door_id), reason: 'demo_seed' as const }));
}
