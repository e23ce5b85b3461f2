/**
 * One hall can run several boards, each told by its URL what to show:
 * `?windows=1,2,8&families=card_center,door_lock&lang=zh|zh-en&voice=on|off&voiceEn=on|off&calls=8`.
 * A value that does not parse falls back to the default, so a typo never blanks a TV.
 */

export type BoardLang = 'zh' | 'zh-en';

export interface BoardConfig {
  /** Window numbers to show; null: all. */
  windows: number[] | null;
  /** Family codes to show (their windows and waiting counts); null: all. */
  families: string[] | null;
  lang: BoardLang;
  voice: boolean;
  voiceEn: boolean;
  /** How many recent calls are listed. */
  calls: number;
}

export const MAX_CALLS = 10;

export const DEFAULT_CONFIG: BoardConfig = {
  windows: null,
  families: null,
  lang: 'zh-en',
  voice: true,
  voiceEn: false,
  calls: 7,
};

export function parseBoardConfig(params: URLSearchParams): BoardConfig {
  return {
    windows: list(params.get('windows'), (item) => (/^\d{1,4}$/.test(item) ? Number(item) : null)),
    families: list(params.get('families'), (item) => (/^[a-z][a-z0-9_]{0,63}$/.test(item) ? item : null)),
    lang: oneOf(params.get('lang'), ['zh', 'zh-en'], DEFAULT_CONFIG.lang),
    voice: onOff(params.get('voice'), DEFAULT_CONFIG.voice),
    voiceEn: onOff(params.get('voiceEn'), DEFAULT_CONFIG.voiceEn),
    calls: count(params.get('calls'), 1, MAX_CALLS, DEFAULT_CONFIG.calls),
  };
}

/** Comma-separated items; the ones that do not parse are left out, and none left means "all". */
function list<T>(raw: string | null, parse: (item: string) => T | null): T[] | null {
  if (raw === null) return null;
  const items = raw
    .split(',')
    .map((item) => parse(item.trim().toLowerCase()))
    .filter((item): item is T => item !== null);
  return items.length > 0 ? [...new Set(items)] : null;
}

function oneOf<T extends string>(raw: string | null, allowed: readonly T[], fallback: T): T {
  const value = raw?.trim().toLowerCase();
  return allowed.find((a) => a === value) ?? fallback;
}

function onOff(raw: string | null, fallback: boolean): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === 'on') return true;
  if (value === 'off') return false;
  return fallback;
}

function count(raw: string | null, min: number, max: number, fallback: number): number {
  if (raw === null || !/^\s*\d+\s*$/.test(raw)) return fallback;
  const n = Number(raw);
  return n >= min && n <= max ? n : fallback;
}
