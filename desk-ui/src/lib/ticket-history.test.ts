import { describe, expect, it } from 'vitest';
import type { TicketHistoryEntry } from './api';
import { en } from './i18n/en';
import { wordsOf } from './i18n/translate';
import { zh } from './i18n/zh';
import { historyLines } from './ticket-history';

const OLD = '2d107e0c-5b1a-4c8e-9a77-1f0e3c2b4a59';
const NEW = '7c1e2f3a-0b4d-4e5f-8a6b-9c0d1e2f3a4b';

function entry(overrides: Partial<TicketHistoryEntry> & Pick<TicketHistoryEntry, 'type' | 'toStatus'>): TicketHistoryEntry {
  return {
    ticketId: OLD,
    ticketNumber: 'C012',
    at: '2026-11-21T01:30:00.000Z',
    fromStatus: null,
    windowNumber: 20,
    clerk: '20号窗口',
    actor: 'staff',
    serviceId: 51,
    serviceNameZh: '校园卡的挂失、解挂',
    serviceNameEn: 'Report a lost card / unfreeze',
    channel: 'kiosk',
    reason: null,
    ...overrides,
  };
}

/** A walk-in's card ticket, called and started at window 20, sent on to window 22 for a replacement card. */
const transferred: TicketHistoryEntry[] = [
  entry({ type: 'issued', toStatus: 'waiting', windowNumber: null, clerk: null, actor: 'device' }),
  entry({ type: 'called', fromStatus: 'waiting', toStatus: 'called' }),
  entry({ type: 'started', fromStatus: 'called', toStatus: 'serving' }),
  entry({ type: 'transferred', fromStatus: 'serving', toStatus: 'transferred', reason: '需补卡' }),
  entry({
    ticketId: NEW,
    type: 'issued',
    toStatus: 'waiting',
    windowNumber: 22,
    channel: 'transfer',
    serviceId: 60,
    serviceNameZh: '校园卡补办',
    serviceNameEn: 'Card replacement',
    reason: null,
  }),
  entry({ ticketId: NEW, type: 'called', fromStatus: 'waiting', toStatus: 'called', windowNumber: 22, clerk: '李老师', channel: 'transfer' }),
];

const zhLines = historyLines(transferred, wordsOf(zh, false));
const enLines = historyLines(transferred, wordsOf(en, true));
const shown = (lines: ReturnType<typeof historyLines>) => lines.map((l) => [l.text, l.where, l.who, l.note].filter(Boolean).join(' · '));

describe('a ticket’s history at the desk', () => {
  it('tells a transfer in words: where it went and the note, in Chinese', () => {
    expect(shown(zhLines)).toEqual([
      '取号（现场取号）',
      '叫号 · 20 号窗口',
      '开始办理 · 20 号窗口',
      '转办至“校园卡补办”（22 号窗口） · 20 号窗口 · 需补卡',
      '转入新事项排队，保留原排队位置',
      '叫号 · 22 号窗口 · 李老师',
    ]);
  });

  it('says the same in English', () => {
    expect(shown(enLines)[3]).toBe('Transferred to “Card replacement” (Window 22) · Window 20 · 需补卡');
    expect(shown(enLines)[0]).toBe('Ticket taken (Kiosk)');
  });

  it('shows no id, no English and no doubled window label in the Chinese lines', () => {
    for (const line of shown(zhLines)) {
      expect(line).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
      expect(line).not.toMatch(/[A-Za-z]/);
      expect(line).not.toMatch(/(?<!\d)(\d+) ?号窗口.*(?<!\d)\1 ?号窗口/);
    }
  });

  it('says who cancelled and what an expiry means, and words any other change', () => {
    const lines = historyLines(
      [
        entry({ type: 'cancelled', toStatus: 'cancelled', actor: 'holder', windowNumber: null }),
        entry({ type: 'cancelled', toStatus: 'cancelled', actor: 'staff', clerk: '王老师' }),
        entry({ type: 'expired', toStatus: 'expired', actor: 'system', clerk: null, windowNumber: null }),
        entry({ type: 'finished', toStatus: 'materials_missing' }),
        entry({ type: 'something_new', toStatus: 'waiting' }),
      ],
      wordsOf(zh, false),
    );
    expect(shown(lines)).toEqual(['取号人自行取消', '工作人员取消 · 20 号窗口 · 王老师', '闭馆时仍在等候，号码作废', '办结：材料不齐 · 20 号窗口', '状态变更 · 20 号窗口']);
  });
});
