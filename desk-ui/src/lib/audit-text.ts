/**
 * Audit entries as sentences in the UI's language: "叫号 C012（校园卡补办），到 21 号窗口". Built from
 * the entry and the names its page carries (ticket and window numbers, usernames, material names),
 * never showing an id, a code or a JSON summary; those stay in the raw record behind "详情".
 */
import type { AuditEntry, AuditNames } from './api';
import type { Params, Words } from './i18n/translate';
import type { MessageKey } from './i18n/zh';

type Summary = Record<string, unknown>;

interface Ctx {
  entry: AuditEntry;
  names: AuditNames;
  w: Words;
  after: Summary;
  before: Summary;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function ticketRef({ names, w }: Ctx, id: unknown): string {
  const ticket = typeof id === 'string' ? names.tickets[id.toLowerCase()] : undefined;
  if (!ticket) return w.t('auditRef.ticket');
  return w.t('auditRef.ticketNamed', { number: ticket.number, service: w.loc(ticket.serviceNameZh, ticket.serviceNameEn) });
}

function windowRef({ names, w }: Ctx, id: unknown): string {
  const win = id === null || id === undefined ? undefined : names.windows[String(id)];
  return win ? w.t('window.one', { n: win.number }) : w.t('auditRef.window');
}

function accountRef({ names, w }: Ctx, id: unknown): string {
  const account = id === null || id === undefined ? undefined : names.accounts[String(id)];
  if (!account) return w.t('auditRef.account');
  return account.displayName && account.displayName !== account.username
    ? w.t('auditRef.accountNamed', { name: account.displayName, username: account.username })
    : account.username;
}

function serviceRef({ names, w }: Ctx, id: unknown): string {
  const service = id === null || id === undefined ? undefined : names.services[String(id)];
  return service ? w.loc(service.nameZh, service.nameEn) : w.t('auditRef.service');
}

function materialList({ names, w }: Ctx, ids: readonly unknown[]): string {
  return ids
    .map((id) => {
      const m = names.materials[String(id)];
      return m ? w.loc(m.nameZh, m.nameEn) : w.t('auditRef.material');
    })
    .join(w.t('list.sep'));
}

function noticeRef({ names, w, entry, before, after }: Ctx): string {
  const text = str(after.textZh) ?? str(before.textZh) ?? (entry.objectId ? names.notices[entry.objectId]?.textZh : undefined) ?? null;
  return text ? w.t('auditRef.noticeNamed', { text: clip(text) }) : w.t('auditRef.notice');
}

function deviceRef({ names, w, entry, after }: Ctx): string {
  const name = str(after.name) ?? (entry.objectId ? names.devices[entry.objectId]?.name : undefined) ?? null;
  return name ? w.t('auditRef.deviceNamed', { name }) : w.t('auditRef.device');
}

function loanRef({ names, w, entry }: Ctx): string {
  const loan = entry.objectId ? names.loans[entry.objectId] : undefined;
  if (!loan) return w.t('auditRef.loan');
  return loan.ticketNumber
    ? w.t('auditRef.loanNamedTicket', { name: loan.personName, number: loan.personNumber, ticket: loan.ticketNumber })
    : w.t('auditRef.loanNamed', { name: loan.personName, number: loan.personNumber });
}

function cardRef({ w, after, before }: Ctx): string {
  return str(after.cardNo) ?? str(before.cardNo) ?? w.t('auditRef.card');
}

/** Money in words without a decimal point where there are no jiao: 20 元, 免费. */
function money(w: Words, fen: unknown): string {
  const n = num(fen);
  if (n === null) return '—';
  if (n === 0) return w.t('fee.free');
  return w.t('auditRef.yuan', { amount: n % 100 === 0 ? String(n / 100) : (n / 100).toFixed(2) });
}

/** The person a door-access entry is about: its summary carries the name and number (the audit page has no people names). */
function personRef({ w, after }: Ctx): string {
  const name = str(after.personName);
  const number = str(after.personNumber);
  return name && number ? w.t('auditRef.personNamed', { name, number }) : (name ?? w.t('auditRef.person'));
}

type Sentence = (c: Ctx, clock: (iso: string) => string) => string;

const say = (key: MessageKey, params?: (c: Ctx) => Params): Sentence => (c) => c.w.t(key, params?.(c));
const onTicket = (key: MessageKey, extra?: (c: Ctx) => Params): Sentence => say(key, (c) => ({ ticket: ticketRef(c, c.entry.objectId), ...extra?.(c) }));
const onWindow = (key: MessageKey): Sentence => say(key, (c) => ({ window: windowRef(c, c.entry.objectId) }));
const onAccount = (key: MessageKey, extra?: (c: Ctx) => Params): Sentence => say(key, (c) => ({ account: accountRef(c, c.entry.objectId), ...extra?.(c) }));
const onNotice = (key: MessageKey): Sentence => say(key, (c) => ({ notice: noticeRef(c) }));
const onCard = (key: MessageKey, extra?: (c: Ctx) => Params): Sentence => say(key, (c) => ({ card: cardRef(c), ...extra?.(c) }));
const how = (c: Ctx) => ({ how: c.w.t(c.after.selfService === true ? 'auditRef.selfService' : 'auditRef.atDesk') });
const REASON_KEYS: Record<string, MessageKey> = { lost: 'cards.reason.lost', damaged: 'cards.reason.damaged', faulty: 'cards.reason.faulty' };

const OUTCOME_KEYS: Record<string, MessageKey> = {
  done: 'ticketStatus.done',
  materials_missing: 'ticketStatus.materials_missing',
  referred: 'ticketStatus.referred',
};
const CHANNEL_KEYS: Record<string, MessageKey> = {
  kiosk: 'channel.kiosk',
  online: 'channel.online',
  appointment: 'channel.appointment',
  transfer: 'channel.transfer',
};
const DEVICE_KIND_KEYS: Record<string, MessageKey> = { kiosk: 'auditRef.kindKiosk', display: 'auditRef.kindDisplay' };

/** One sentence per action the server writes; anything newer falls back to `audit.do.other`. */
const SENTENCES: Record<string, Sentence> = {
  'auth.login': say('audit.do.auth.login'),
  'auth.logout': say('audit.do.auth.logout'),
  'auth.logout_all': say('audit.do.auth.logout_all', (c) => ({ n: num(c.after.sessionsEnded) ?? 0 })),
  'account.created': say('audit.do.account.created', (c) => ({ username: str(c.after.username) ?? accountRef(c, c.entry.objectId) })),
  'account.locked': (c, clock) => {
    const until = str(c.after.lockedUntil);
    const account = accountRef(c, c.entry.objectId);
    return until ? c.w.t('audit.do.account.lockedUntil', { account, until: clock(until) }) : c.w.t('audit.do.account.locked', { account });
  },
  'account.unlocked': onAccount('audit.do.account.unlocked'),
  'account.password_reset': onAccount('audit.do.account.password_reset'),
  'account.password_changed': say('audit.do.account.password_changed'),
  'device.registered': (c) => {
    const kind = str(c.after.kind);
    const kindKey = kind ? DEVICE_KIND_KEYS[kind] : undefined;
    return c.w.t('audit.do.device.registered', { device: deviceRef(c), kind: kindKey ? c.w.t(kindKey) : c.w.t('auditRef.device') });
  },
  'device.revoked': say('audit.do.device.revoked', (c) => ({ device: deviceRef(c) })),
  'lock_grant.retried': say('audit.do.lock_grant.retried', (c) => ({ card: str(c.after.cardNumber) ?? '—', door: str(c.after.doorNameZh) ?? c.w.t('auditObject.lockGrant') })),
  'loan.returned': say('audit.do.loan.returned', (c) => ({ loan: loanRef(c) })),
  'notice.created': onNotice('audit.do.notice.created'),
  'notice.changed': onNotice('audit.do.notice.changed'),
  'notice.deleted': onNotice('audit.do.notice.deleted'),
  'window.opened': onWindow('audit.do.window.opened'),
  'window.paused': onWindow('audit.do.window.paused'),
  'window.closed': onWindow('audit.do.window.closed'),
  'ticket.issued': (c) => {
    const channel = str(c.after.channel);
    const how = [channel && CHANNEL_KEYS[channel] ? c.w.t(CHANNEL_KEYS[channel]) : null, c.after.priority === true ? c.w.t('ticket.priority') : null].filter(
      (x): x is string => x !== null,
    );
    const ticket = ticketRef(c, c.entry.objectId);
    return how.length ? c.w.t('audit.do.ticket.issuedHow', { ticket, how: how.join(c.w.t('list.sep')) }) : c.w.t('audit.do.ticket.issued', { ticket });
  },
  'ticket.called': onTicket('audit.do.ticket.called', (c) => ({ window: windowRef(c, c.after.windowId) })),
  'ticket.called_specific': (c) => {
    const params = { ticket: ticketRef(c, c.entry.objectId), window: windowRef(c, c.after.windowId) };
    const reason = str(c.after.reason);
    return reason ? c.w.t('audit.do.ticket.called_specific_reason', { ...params, reason }) : c.w.t('audit.do.ticket.called_specific', params);
  },
  'ticket.recalled': onTicket('audit.do.ticket.recalled', (c) => ({ n: num(c.after.recallCount) ?? 1 })),
  'ticket.started': onTicket('audit.do.ticket.started'),
  'ticket.finished': (c) => {
    const outcome = str(c.after.outcome) ?? str(c.after.status);
    const outcomeText = outcome && OUTCOME_KEYS[outcome] ? c.w.t(OUTCOME_KEYS[outcome]) : c.w.t('ticketStatus.done');
    const missing = Array.isArray(c.after.missingMaterialIds) ? c.after.missingMaterialIds : [];
    const ticket = ticketRef(c, c.entry.objectId);
    return missing.length
      ? c.w.t('audit.do.ticket.finishedMissing', { ticket, outcome: outcomeText, materials: materialList(c, missing) })
      : c.w.t('audit.do.ticket.finished', { ticket, outcome: outcomeText });
  },
  'ticket.no_show': onTicket('audit.do.ticket.no_show'),
  'ticket.cancelled': onTicket('audit.do.ticket.cancelled'),
  'ticket.parked': onTicket('audit.do.ticket.parked'),
  'ticket.rejoined': onTicket('audit.do.ticket.rejoined'),
  'ticket.expired': onTicket('audit.do.ticket.expired'),
  'ticket.rated': onTicket('audit.do.ticket.rated', (c) => ({
    attitude: num(c.after.attitude) ?? '—',
    efficiency: num(c.after.efficiency) ?? '—',
    outcome: num(c.after.outcome) ?? '—',
  })),
  'ticket.transferred': (c) => {
    const ticket = ticketRef(c, c.entry.objectId);
    const service = c.after.serviceId === undefined ? null : serviceRef(c, c.after.serviceId);
    const parts = [
      c.after.windowId === null || c.after.windowId === undefined ? null : windowRef(c, c.after.windowId),
      c.after.accountId === null || c.after.accountId === undefined ? null : accountRef(c, c.after.accountId),
    ].filter((x): x is string => x !== null);
    if (!service) return c.w.t('audit.do.ticket.transferred', { ticket });
    return parts.length
      ? c.w.t('audit.do.ticket.transferredToAt', { ticket, service, where: parts.join(c.w.t('list.sep')) })
      : c.w.t('audit.do.ticket.transferredTo', { ticket, service });
  },
  'ticket.checklist_updated': (c) => {
    const items = Array.isArray(c.after.items) ? (c.after.items as { materialId?: unknown; checked?: unknown }[]) : [];
    const ticked = items.filter((i) => i?.checked === true).map((i) => i.materialId);
    const unticked = items.filter((i) => i?.checked === false).map((i) => i.materialId);
    const ticket = ticketRef(c, c.entry.objectId);
    const parts = [
      ticked.length ? c.w.t('audit.do.ticket.checklistTicked', { materials: materialList(c, ticked) }) : null,
      unticked.length ? c.w.t('audit.do.ticket.checklistUnticked', { materials: materialList(c, unticked) }) : null,
    ].filter((x): x is string => x !== null);
    return parts.length ? c.w.t('audit.do.ticket.checklist_updated', { ticket, changes: parts.join(c.w.t('audit.partSep')) }) : c.w.t('audit.do.ticket.checklistNone', { ticket });
  },
  'booking.rules_changed': say('audit.do.booking.rules_changed'),
  'booking.service_changed': say('audit.do.booking.service_changed', (c) => ({ service: serviceRef(c, c.entry.objectId) })),
  'booking.reserves_changed': say('audit.do.booking.reserves_changed'),
  'appointment.booked': say('audit.do.appointment.booked', (c) => ({ service: serviceRef(c, c.after.serviceId ?? c.before.serviceId) })),
  'appointment.cancelled': say('audit.do.appointment.cancelled', (c) => ({ service: serviceRef(c, c.after.serviceId ?? c.before.serviceId) })),
  'appointment.rescheduled': say('audit.do.appointment.rescheduled', (c) => ({ service: serviceRef(c, c.after.serviceId ?? c.before.serviceId) })),
  'appointment.checked_in': say('audit.do.appointment.checked_in', (c) => ({ service: serviceRef(c, c.after.serviceId ?? c.before.serviceId) })),
  'appointment.no_show': say('audit.do.appointment.no_show', (c) => ({ service: serviceRef(c, c.after.serviceId ?? c.before.serviceId) })),
  'appointment.ticks_set': say('audit.do.appointment.ticks_set'),
  'appointment.waitlist_joined': say('audit.do.appointment.waitlist_joined', (c) => ({ service: serviceRef(c, c.after.serviceId ?? c.before.serviceId) })),
  'appointment.waitlist_left': say('audit.do.appointment.waitlist_left', (c) => ({ service: serviceRef(c, c.after.serviceId ?? c.before.serviceId) })),
  'closure.declared': say('audit.do.closure.declared'),
  'booking_suspension.created': say('audit.do.booking_suspension.created'),
  'booking_suspension.lifted': say('audit.do.booking_suspension.lifted'),
  'card.reported_lost': onCard('audit.do.card.reported_lost', how),
  'card.unfrozen': onCard('audit.do.card.unfrozen', how),
  'card.replaced': onCard('audit.do.card.replaced', (c) => {
    const reason = str(c.after.reason);
    return { newCard: str(c.after.newCardNo) ?? c.w.t('auditRef.card'), reason: reason && REASON_KEYS[reason] ? c.w.t(REASON_KEYS[reason]) : '—', fee: money(c.w, c.after.feeFen) };
  }),
  'card.issued': onCard('audit.do.card.issued', (c) => ({
    fee: c.after.feeFen === 0 ? c.w.t('audit.do.card.issuedFree') : c.w.t('audit.do.card.issuedFee', { fee: money(c.w, c.after.feeFen) }),
  })),
  'card.validity_extended': onCard('audit.do.card.validity_extended', (c) => ({ date: str(c.after.validUntil) ?? '—' })),
  'card.expired': onCard('audit.do.card.expired'),
  'card.closed': onCard('audit.do.card.closed'),
  'card.balance_moved': say('audit.do.card.balance_moved', (c) => ({ amount: money(c.w, c.after.amountFen) })),
  'card.info_confirmed': onCard('audit.do.card.info_confirmed'),
  'card.info_flagged': onCard('audit.do.card.info_flagged'),
  'card.info_requested': onCard('audit.do.card.info_requested'),
  'card.made': onCard('audit.do.card.made'),
  'card.ready': onCard('audit.do.card.ready'),
  'card.collected': onCard('audit.do.card.collected'),
  'photo.accepted': say('audit.do.photo.accepted'),
  'photo.reset': say('audit.do.photo.reset'),
  // Door access (issue 13, grants slice).
  'lock_grant.granted': say('audit.do.lock_grant.granted', (c) => ({
    person: personRef(c),
    doors: Array.isArray(c.after.doorNames) ? clip(c.after.doorNames.filter((d): d is string => typeof d === 'string').join(c.w.t('list.sep')), 80) : c.w.t('auditRef.door'),
  })),
  'lock_grant.revoked': say('audit.do.lock_grant.revoked', (c) => ({ person: personRef(c), door: str(c.after.doorName) ?? c.w.t('auditRef.door') })),
  'lock_grant.imported': say('audit.do.lock_grant.imported', (c) => ({ rows: num(c.after.rows) ?? 0, granted: num(c.after.granted) ?? 0, revoked: num(c.after.revoked) ?? 0 })),
  'dorm.changed': say('audit.do.dorm.changed', (c) => ({ person: personRef(c), room: str(c.after.roomName) ?? c.w.t('auditRef.room'), date: str(c.after.startsOn) ?? '' })),
};

/** The actions that have their own sentence (every one the server writes today). */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(SENTENCES);

/** An action's short name (for the filter): 叫号, 登录… An unknown one: 其他操作. */
export function auditActionName(action: string, w: Words): string {
  return AUDIT_ACTIONS.includes(action) ? w.t(`auditAction.${action}` as MessageKey) : w.t('audit.do.other');
}

const OBJECT_KEYS: Record<string, MessageKey> = {
  ticket: 'auditObject.ticket',
  window: 'auditObject.window',
  account: 'auditObject.account',
  device: 'auditObject.device',
  notice: 'auditObject.notice',
  household_card_loan: 'auditObject.loan',
  card: 'auditObject.card',
  person: 'auditObject.person',
  lock_import: 'auditObject.lockImport',
  lock_grant: 'auditObject.lockGrant',
};

/** The object's kind in words, for the filter and the fallback sentence; null for one this UI does not know. */
export function objectKindText(objectType: string, w: Words): string | null {
  const key = OBJECT_KEYS[objectType];
  return key ? w.t(key) : null;
}

export const AUDIT_OBJECT_TYPES: readonly string[] = Object.keys(OBJECT_KEYS);

/** What an entry's object is, by name: C012（校园卡补办）, 21 号窗口, 21号窗口（clerk21）… */
function objectText(c: Ctx): string | null {
  switch (c.entry.objectType) {
    case 'ticket':
      return ticketRef(c, c.entry.objectId);
    case 'window':
      return windowRef(c, c.entry.objectId);
    case 'account':
      return accountRef(c, c.entry.objectId);
    case 'device':
      return deviceRef(c);
    case 'notice':
      return noticeRef(c);
    case 'household_card_loan':
      return loanRef(c);
    case 'card':
      return cardRef(c);
    default:
      return null;
  }
}

/** The entry as one sentence; an action this UI does not know yet still reads as words. */
export function auditSentence(entry: AuditEntry, names: AuditNames, w: Words, clock: (iso: string) => string): string {
  const c: Ctx = { entry, names, w, after: entry.after ?? {}, before: entry.before ?? {} };
  const sentence = SENTENCES[entry.action];
  if (sentence) return sentence(c, clock);
  const object = objectText(c);
  return object ? w.t('audit.do.otherOn', { object }) : w.t('audit.do.other');
}

/** Who did it: 21号窗口（clerk21）, 设备“大厅自助取号机1”, 未登录的访问者, 系统. */
export function auditActorText(entry: AuditEntry, w: Words): string {
  const { username, displayName, deviceName } = entry.actor;
  if (username) return displayName && displayName !== username ? w.t('auditRef.accountNamed', { name: displayName, username }) : username;
  if (deviceName) return w.t('audit.device', { name: deviceName });
  if (entry.actor.role === 'cli') return w.t('audit.cli');
  if (entry.ip) return w.t('audit.anonymous');
  return w.t('audit.system');
}
