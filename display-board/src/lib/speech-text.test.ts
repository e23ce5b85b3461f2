import { describe, expect, it } from 'vitest';
import { announcementEn, announcementZh, numberZh, ticketEn, ticketZh } from './speech-text';

describe('ticketZh', () => {
  it('reads the digits one by one, zero as 零 and one as 一, letters kept', () => {
    expect(ticketZh('A012')).toBe('A 零一二');
    expect(ticketZh('H100')).toBe('H 一零零');
    expect(ticketZh('C1')).toBe('C 一');
    expect(ticketZh('d045')).toBe('D 零四五');
    expect(ticketZh('VIP-07')).toBe('V I P 零七');
    expect(ticketZh('A012')).not.toContain('幺');
  });
});

describe('numberZh', () => {
  it.each([
    [1, '一'],
    [2, '二'],
    [8, '八'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
    [25, '二十五'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1005, '一千零五'],
    [1050, '一千零五十'],
    [0, '零'],
  ])('%i → %s', (n, text) => {
    expect(numberZh(n)).toBe(text);
  });
});

describe('announcements', () => {
  it('says the ticket digit by digit and the window as a number', () => {
    expect(announcementZh({ number: 'A012', windowNumber: 8 })).toBe('请 A 零一二 号，到 八号窗口 办理');
    expect(announcementZh({ number: 'C103', windowNumber: 21 })).toBe('请 C 一零三 号，到 二十一号窗口 办理');
    expect(announcementZh({ number: 'J010', windowNumber: 10 })).toBe('请 J 零一零 号，到 十号窗口 办理');
  });

  it('spells the ticket out in English', () => {
    expect(ticketEn('A012')).toBe('A 0 1 2');
    expect(announcementEn({ number: 'A012', windowNumber: 8 })).toBe('Number A 0 1 2, please go to window 8.');
  });
});
