import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/** Small factories for door-access tests: a dorm building of its own and students with cards, in real SQL. */

export interface TestBuilding {
  id: number;
  code: string;
  controllerId: number;
  entranceDoorId: number;
  /** Room number → { room id, door id }. */
  rooms: Map<string, { id: number; doorId: number }>;
}

/** A dorm building with `floors` × `perFloor` rooms (4 beds each), an entrance and a door per room, one controller. */
export async function createDormBuilding(app: FastifyInstance, floors: number, perFloor: number): Promise<TestBuilding> {
  const { sql } = app.pg;
  const code = `T${randomBytes(2).toString('hex').toUpperCase()}`;
  const [b] = await sql`insert into buildings (code, name_zh, name_en, kind) values (${code}, ${`测试公寓${code}`}, ${`Test dorm ${code}`}, 'dorm') returning id`;
  const [k] = await sql`insert into controllers (code, name, building_id, endpoint, secret)
    values (${`ctl-${code.toLowerCase()}`}, ${`测试公寓${code}门禁控制器`}, ${b!.id}, 'http://127.0.0.1:9/unused', 'test-secret') returning id`;
  const [entrance] = await sql`insert into doors (code, building_id, controller_id, kind, name_zh)
    values (${`${code}-entrance`}, ${b!.id}, ${k!.id}, 'entrance', ${`测试公寓${code}大门`}) returning id`;
  const rooms = await sql`insert into rooms (building_id, number, floor, beds)
    select ${b!.id}, f::text || lpad(n::text, 2, '0'), f, 4 from generate_series(1, ${floors}::int) f, generate_series(1, ${perFloor}::int) n
    returning id, number`;
  const doors = await sql`insert into doors (code, building_id, room_id, controller_id, kind, name_zh)
    select ${code} || '-' || r.number, ${b!.id}, r.id, ${k!.id}, 'room', ${`测试公寓${code}`} || r.number || '室'
      from rooms r where r.building_id = ${b!.id} returning id, room_id`;
  const doorOf = new Map(doors.map((d) => [d.room_id as number, d.id as number]));
  return {
    id: b!.id as number,
    code,
    controllerId: k!.id as number,
    entranceDoorId: entrance!.id as number,
    rooms: new Map(rooms.map((r) => [r.number as string, { id: r.id as number, doorId: doorOf.get(r.id as number)! }])),
  };
}

/** `count` students, each with an active student card; numbers share a prefix. */
export async function createCardHolders(app: FastifyInstance, count: number): Promise<{ personId: number; number: string; cardId: number; cardNo: string }[]> {
  const { sql } = app.pg;
  const tag = randomBytes(3).toString('hex');
  const people = await sql`insert into people (kind, number, name)
    select 'student', ${`D${tag}`} || lpad(i::text, 5, '0'), '门禁学生' || i from generate_series(1, ${count}::int) i
    returning id, number`;
  const cards = await sql`insert into cards (card_no, person_id, type_code, valid_until)
    select 'C' || p.number, p.id, 'student', '2029-07-01' from people p where p.id = any(${people.map((p) => p.id as number)}::int[])
    returning id, card_no, person_id`;
  const cardOf = new Map(cards.map((c) => [c.person_id as number, c]));
  return people
    .map((p) => ({ personId: p.id as number, number: p.number as string, cardId: cardOf.get(p.id as number)!.id as number, cardNo: cardOf.get(p.id as number)!.card_no as string }))
    .sort((a, b) => a.number.localeCompare(b.number));
}
