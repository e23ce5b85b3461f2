import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditNames } from './api';
import { AUDIT_ACTIONS, auditActionName, auditActorText, auditSentence } from './audit-text';
import { en } from './i18n/en';
import { wordsOf } from './i18n/translate';
import { zh } from './i18n/zh';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every audit action the server, the workers and the scripts write, read from their source. */
function actionsInSource(): Set<string> {
  const found = new Set<string>();
  const code = /'([a-z_]+\.[a-z_]+)'/g;
  for (const file of ['server/src', 'jobs/src', 'scripts'].flatMap((d) => sources(path.join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    // `action: 'x.y'`, `const action = … ? 'x.y' : 'x.z'`, audit(tx, who, 'x.y', …)
    for (const line of text.split('\n')) {
      if (/\baction\s*[:=]|\baudit\(tx,/.test(line)) for (const m of line.matchAll(code)) found.add(m[1]!);
    }
    // SQL: insert into audit_log (…) select 'system', 'x.y', …
    for (const m of text.matchAll(/insert into audit_log[^;]*?select\s+'[^']*',\s*'([a-z_]+\.[a-z_]+)'/g)) found.add(m[1]!);
    // action: `ticket.${type}` with record(tx, row, ctx, 'type', …)
    if (text.includes('`ticket.${type}`')) for (const m of text.matchAll(/record\(tx, row, ctx, '([a-z_]+)'/g)) found.add(`ticket.${m[1]}`);
  }
  return found;
}

const EMPTY: AuditNames = { tickets: {}, windows: {}, accounts: {}, devices: {}, services: {}, materials: {}, notices: {}, loans: {} };
const TICKET = '2d107e0c-5b1a-4c8e-9a77-1f0e3c2b4a59';
const NEXT = '7c1e2f3a-0b4d-4e5f-8a6b-9c0d1e2f3a4b';
const names: AuditNames = {
  tickets: {
    [TICKET]: { number: 'C012', serviceNameZh: '校园卡补办', serviceNameEn: 'Card replacement' },
    [NEXT]: { number: 'C012', serviceNameZh: '校园卡门禁授权', serviceNameEn: 'Door access' },
  },
  windows: { '14': { number: 21, nameZh: '校园卡补卡、领卡岗', nameEn: 'Card replacement' } },
  accounts: { '31': { username: 'clerk21', displayName: '21号窗口' }, '40': { username: 'clerk24', displayName: '李老师' } },
  devices: { '1': { name: '大厅自助取号机1' } },
  services: { '70': { nameZh: '校园卡门禁授权', nameEn: 'Door access' } },
  materials: { '62': { nameZh: '身份证原件', nameEn: 'ID card (original)' }, '63': { nameZh: '一卡通', nameEn: 'Campus card' } },
  notices: {},
  loans: { '5': { personName: '张三', personNumber: 'S0047', ticketNumber: 'H003' } },
};

function entry(action: string, objectType: string, objectId: string | null, after: Record<string, unknown> | null = null, before: Record<string, unknown> | null = null): AuditEntry {
  return {
    id: 1,
    at: '2026-11-21T01:30:00.000Z',
    actor: { accountId: 31, username: 'clerk21', displayName: '21号窗口', role: 'clerk', deviceId: null, deviceName: null },
    ip: '10.0.0.8',
    action,
    objectType,
    objectId,
    before,
    after,
  };
}

/** One entry per action, shaped as the server writes it. */
const SAMPLES: AuditEntry[] = [
  entry('auth.login', 'account', '31', { sessionId: 9 }),
  entry('auth.logout', 'account', '31'),
  entry('auth.logout_all', 'account', '31', { sessionsEnded: 3 }),
  entry('account.created', 'account', '31', { username: 'boss', roles: ['admin'] }),
  entry('account.locked', 'account', '31', { lockedUntil: '2026-11-21T02:00:00.000Z', reason: '20 wrong passwords' }),
  entry('account.unlocked', 'account', '31', { lockedUntil: null }, { lockedUntil: '2026-11-21T02:00:00.000Z' }),
  entry('account.password_reset', 'account', '40', { mustChangePassword: true, sessionsEnded: 1 }),
  entry('account.password_changed', 'account', '31', { otherSessionsEnded: 0 }),
  entry('device.registered', 'device', '1', { kind: 'kiosk', name: '大厅自助取号机1' }),
  entry('device.revoked', 'device', '1', { name: '大厅自助取号机1' }),
  entry('lock_grant.retried', 'lock_grant', '7', { status: 'pending', command: 'grant', version: 3, cardNumber: '2231001110', doorNameZh: '北区学生公寓1号楼305室', controller: 'ctl-n1' }),
  entry('loan.returned', 'household_card_loan', '5', { returnedAt: '2026-11-21T01:30:00.000Z' }, { returnedAt: null }),
  entry('notice.created', 'notice', '3', { id: 3, textZh: '今日 16:00 起暂停办理', textEn: null }),
  entry('notice.changed', 'notice', '3', { textZh: '今日 16:30 起暂停办理' }, { textZh: '今日 16:00 起暂停办理' }),
  entry('notice.deleted', 'notice', '3', null, { textZh: '今日 16:30 起暂停办理' }),
  entry('window.opened', 'window', '14', { sessionId: 4 }),
  entry('window.paused', 'window', '14', { status: 'paused' }, { status: 'open' }),
  entry('window.closed', 'window', '14', { status: 'closed' }, { status: 'open' }),
  entry('ticket.issued', 'ticket', TICKET, { number: 'C012', serviceId: 70, channel: 'kiosk', priority: true }),
  entry('ticket.called', 'ticket', TICKET, { status: 'called', windowId: 14 }, { status: 'waiting' }),
  entry('ticket.called_specific', 'ticket', TICKET, { status: 'called', windowId: 14, reason: '老人优先' }, { status: 'parked' }),
  entry('ticket.recalled', 'ticket', TICKET, { status: 'called', recallCount: 2 }, { status: 'called' }),
  entry('ticket.started', 'ticket', TICKET, { status: 'serving' }, { status: 'called' }),
  entry('ticket.finished', 'ticket', TICKET, { status: 'materials_missing', outcome: 'materials_missing', missingMaterialIds: [62], loanId: null }, { status: 'serving' }),
  entry('ticket.no_show', 'ticket', TICKET, { status: 'no_show' }, { status: 'called' }),
  entry('ticket.cancelled', 'ticket', TICKET, { status: 'cancelled' }, { status: 'waiting' }),
  entry('ticket.parked', 'ticket', TICKET, { status: 'parked' }, { status: 'serving' }),
  entry('ticket.rejoined', 'ticket', TICKET, { status: 'waiting' }, { status: 'no_show' }),
  entry('ticket.expired', 'ticket', TICKET, { status: 'expired' }),
  entry('ticket.rated', 'ticket', TICKET, { attitude: 5, efficiency: 4, outcome: 5 }),
  entry('ticket.transferred', 'ticket', TICKET, { status: 'transferred', to: NEXT, serviceId: 70, windowId: 14, accountId: 40 }, { status: 'serving' }),
  entry('ticket.checklist_updated', 'ticket', TICKET, { items: [{ checked: true, materialId: 62 }, { checked: false, materialId: 63 }] }),
  entry('booking.rules_changed', 'appointment_rules', '1', { horizonDays: 7 }, { horizonDays: 14 }),
  entry('booking.service_changed', 'service', '70', { appointmentEnabled: false }, { appointmentEnabled: true }),
  entry('booking.reserves_changed', 'appointment_walk_in_reserves', null, { reserves: [] }),
  entry('appointment.booked', 'appointment', TICKET, { serviceId: 70, slotStart: '2026-11-22T01:00:00.000Z' }),
  entry('appointment.cancelled', 'appointment', TICKET, { serviceId: 70, status: 'cancelled' }),
  entry('appointment.rescheduled', 'appointment', TICKET, { serviceId: 70 }),
  entry('appointment.checked_in', 'appointment', TICKET, { serviceId: 70 }),
  entry('appointment.no_show', 'appointment', TICKET, { serviceId: 70 }),
  entry('appointment.ticks_set', 'appointment', TICKET, { materialIds: [62] }),
  entry('appointment.waitlist_joined', 'appointment_waitlist', '5', { serviceId: 70 }),
  entry('appointment.waitlist_left', 'appointment_waitlist', '5', { serviceId: 70 }),
  entry('closure.declared', 'window_closure', '3', { startsOn: '2026-11-23', endsOn: '2026-11-23' }),
  entry('booking_suspension.created', 'booking_suspension', '2', { endsAt: '2026-12-05T16:00:00.000Z' }),
  entry('booking_suspension.lifted', 'booking_suspension', '2'),
  entry('card.reported_lost', 'card', '7', { status: 'lost', cardNo: '222100037', selfService: true, doorsRevoked: 2 }, { status: 'active' }),
  entry('card.unfrozen', 'card', '7', { status: 'active', cardNo: '222100037', selfService: false, doorsRestored: 2 }, { status: 'lost' }),
  entry('card.replaced', 'card', '7', { status: 'replaced', cardNo: '222100037', newCardId: 9, newCardNo: '30000001', reason: 'lost', feeFen: 2000, balanceFen: 4321 }),
  entry('card.issued', 'card', '9', { cardNo: '30000002', personId: 5, typeCode: 'student', validUntil: '2030-06-30', feeFen: 0, doorsGranted: 2 }),
  entry('card.validity_extended', 'card', '7', { status: 'active', validUntil: '2028-07-01', cardNo: '222100037', doorsRestored: 0 }),
  entry('card.expired', 'card', '7', { status: 'expired', cardNo: '222100037', doorsRevoked: 2 }),
  entry('card.closed', 'card', '7', { status: 'closed', cardNo: '222100037', leftOn: '2026-07-01', doorsRevoked: 2 }),
  entry('card.balance_moved', 'card', '9', { fromCardId: 7, amountFen: 4300 }),
  entry('card.info_confirmed', 'card', '9', { cardNo: '30000001' }),
  entry('card.info_flagged', 'card', '9', { cardNo: '30000001', fields: ['name'], note: null }),
  entry('card.info_requested', 'card', '9', { cardNo: '30000001', corrected: ['name'] }),
  entry('card.made', 'card', '9', { productionStatus: 'made', cardNo: '30000001' }),
  entry('card.ready', 'card', '9', { productionStatus: 'ready', cardNo: '30000001' }),
  entry('card.collected', 'card', '9', { productionStatus: 'collected', cardNo: '30000001' }),
  entry('photo.accepted', 'person', '12', { photoId: 3, format: 'jpeg' }),
  entry('photo.reset', 'person', '12', { status: 'rejected' }, { photoId: 3, status: 'accepted' }),
  entry('lock_grant.granted', 'person', '7', { personName: '王子涵', personNumber: 'S0001', doorNames: ['北区学生公寓1号楼大门', '北区学生公寓1号楼101室'], reason: 'building_access' }),
  entry('lock_grant.revoked', 'person', '7', { personName: '王子涵', personNumber: 'S0001', doorName: '北区学生公寓1号楼大门', status: 'revoke_pending' }),
  entry('lock_grant.imported', 'lock_import', '3f2a9c0d1e4b5a6c', { rows: 2000, moved: 2000, granted: 4000, revoked: 0, unchanged: 0 }),
  entry('dorm.changed', 'person', '7', { personName: '王子涵', personNumber: 'S0001', roomName: '北区学生公寓2号楼102室', startsOn: '2026-03-01' }, { roomId: 3 }),
];

const clock = (iso: string) => iso.slice(11, 16);
const zhWords = wordsOf(zh, false);
const enWords = wordsOf(en, true);
const zhText = (e: AuditEntry, n = names) => auditSentence(e, n, zhWords, clock);

/** Names are what they are (clerk21, 李老师, 大厅自助取号机1): the words around them are what is checked. */
function withoutNames(text: string, sample: AuditEntry): string {
  const values = [
    ...Object.values(names).flatMap((group) => Object.values(group as Record<string, Record<string, unknown>>).flatMap((v) => Object.values(v))),
    ...Object.values(sample.after ?? {}).flat(),
    ...Object.values(sample.before ?? {}).flat(),
  ].filter((v): v is string => typeof v === 'string' && v.length > 1);
  return values.sort((a, b) => b.length - a.length).reduce((t, v) => t.split(v).join('‹›'), text);
}

/** What must never reach a Chinese reader: ids, codes, JSON, English words. */
function expectReadableChinese(text: string, sample: AuditEntry) {
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
  expect(text).not.toMatch(/[{}[\]#]|materialId|\w+\.\w+/);
  expect(withoutNames(text, sample)).not.toMatch(/[A-Za-z]/);
}

describe('audit sentences', () => {
  it('cover every action the server writes today', () => {
    const written = actionsInSource();
    // The grep itself must see the usual suspects, or it proves nothing.
    for (const known of ['auth.login', 'ticket.checklist_updated', 'ticket.expired', 'window.paused', 'ticket.no_show', 'account.created']) expect(written).toContain(known);
    expect([...written].filter((a) => !AUDIT_ACTIONS.includes(a))).toEqual([]);
    expect(SAMPLES.map((s) => s.action).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it('say the examples from the issue in words: 登录, the ticket number, material names, window 21 for window id 14', () => {
    expect(zhText(SAMPLES[0]!)).toBe('登录');
    expect(zhText(entry('ticket.checklist_updated', 'ticket', TICKET, { items: [{ checked: true, materialId: 62 }] }))).toBe('核对 C012（校园卡补办）的材料：勾选 身份证原件');
    expect(zhText(entry('window.opened', 'window', '14', { sessionId: 4 }))).toBe('开放 21 号窗口');
    expect(zhText(entry('ticket.called', 'ticket', TICKET, { status: 'called', windowId: 14 }))).toBe('叫号 C012（校园卡补办），到 21 号窗口');
    expect(zhText(SAMPLES.find((s) => s.action === 'card.replaced')!)).toBe('补办校园卡 222100037，新卡 30000001，原因：丢失，工本费 20 元');
    expect(zhText(SAMPLES.find((s) => s.action === 'card.issued')!)).toBe('新办校园卡 30000002，首张免费');
    expect(zhText(SAMPLES.find((s) => s.action === 'card.reported_lost')!)).toBe('挂失校园卡 222100037（本人自助）');
    expect(zhText(SAMPLES.find((s) => s.action === 'ticket.transferred')!)).toBe('将 C012（校园卡补办）转办至“校园卡门禁授权”（21 号窗口、李老师（clerk24））');
  });

  it.each(SAMPLES.map((s) => [s.action, s] as const))('%s reads as Chinese with no id, code or JSON, and has its own English', (_action, sample) => {
    const text = zhText(sample);
    expectReadableChinese(text, sample);
    expect(text).not.toContain('其他操作');
    expect(auditActionName(sample.action, zhWords)).not.toMatch(/[A-Za-z]|其他操作/);
    expect(zh[`auditAction.${sample.action}` as keyof typeof zh]).toBeDefined();
    const english = auditSentence(sample, names, enWords, clock);
    // Names may be Chinese (李老师), the sentence around them may not.
    expect(withoutNames(english, sample)).not.toMatch(/[\u3400-\u9fff（），：；]/u);
    expect(english).not.toBe(text);
  });

  it('still reads when the names are gone (a deleted object) and for an action this UI does not know', () => {
    for (const sample of SAMPLES) expectReadableChinese(zhText(sample, EMPTY), sample);
    expect(zhText(entry('ticket.teleported', 'ticket', TICKET))).toBe('C012（校园卡补办）：其他操作（见详情）');
    expect(zhText(entry('card.melted', 'campus_card', '7'))).toBe('其他操作（见详情）');
  });

  it('names the actor by display name and username, a device by name, and nobody as a visitor or the system', () => {
    expect(auditActorText(SAMPLES[0]!, zhWords)).toBe('21号窗口（clerk21）');
    const device = { ...SAMPLES[0]!, actor: { accountId: null, username: null, displayName: null, role: 'kiosk', deviceId: 1, deviceName: '大厅自助取号机1' } };
    expect(auditActorText(device, zhWords)).toBe('设备：大厅自助取号机1');
    expect(auditActorText({ ...device, actor: { ...device.actor, deviceName: null, role: null } }, zhWords)).toBe('未登录的访问者');
    expect(auditActorText({ ...device, ip: null, actor: { ...device.actor, deviceName: null, role: 'system' } }, zhWords)).toBe('系统');
  });
});
