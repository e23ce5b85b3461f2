/**
 * What the hall hears for a call, read the way a Chinese service hall reads it: the ticket digit by
 * digit (A012 → "A 零一二", 1 is 一, never 幺), the window as a number (12 → 十二号窗口).
 */

const DIGITS_ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const UNITS_ZH = ['', '十', '百', '千'] as const;

export interface Call {
  number: string;
  windowNumber: number;
}

/** A012 → "A 零一二": letters kept (each on its own), each run of digits read digit by digit. */
export function ticketZh(ticket: string): string {
  return tokens(ticket)
    .map((t) => (/^\d+$/.test(t) ? [...t].map((d) => DIGITS_ZH[Number(d)]).join('') : t))
    .join(' ');
}

/** A012 → "A 0 1 2": an English voice spells it out. */
export function ticketEn(ticket: string): string {
  return tokens(ticket)
    .flatMap((t) => [...t])
    .join(' ');
}

/** 8 → 八, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五; from 10 000 on, digit by digit. */
export function numberZh(n: number): string {
  if (!Number.isInteger(n) || n < 0) return String(n);
  if (n >= 10_000) return [...String(n)].map((d) => DIGITS_ZH[Number(d)]).join('');
  if (n < 10) return DIGITS_ZH[n]!;
  const digits = [...String(n)].map(Number);
  let text = '';
  let zeroPending = false;
  digits.forEach((d, i) => {
    const unit = UNITS_ZH[digits.length - 1 - i]!;
    if (d === 0) {
      zeroPending = text !== '';
      return;
    }
    if (zeroPending) text += '零';
    zeroPending = false;
    text += DIGITS_ZH[d]! + unit;
  });
  // 十二, not 一十二: only a leading ten drops its one.
  return n < 20 ? text.replace(/^一十/, '十') : text;
}

/** "请 A 零一二 号，到 八号窗口 办理" */
export function announcementZh({ number, windowNumber }: Call): string {
  return `请 ${ticketZh(number)} 号，到 ${numberZh(windowNumber)}号窗口 办理`;
}

/** "Number A 0 1 2, please go to window 8." */
export function announcementEn({ number, windowNumber }: Call): string {
  return `Number ${ticketEn(number)}, please go to window ${windowNumber}.`;
}

/** Runs of letters (one token per letter) and runs of digits; anything else only separates. */
function tokens(ticket: string): string[] {
  return ticket.toUpperCase().match(/[A-Z]|\d+/g) ?? [];
}
