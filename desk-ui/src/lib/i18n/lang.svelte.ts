import { browser } from '$app/environment';
import { en } from './en';
import { translate, type Words } from './translate';
import { zh, type MessageKey, type Messages } from './zh';

export type { MessageKey } from './zh';
export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'campus-desk.lang';
const dictionaries: Record<Lang, Messages> = { zh, en };
const htmlLang: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

function storedLang(): Lang {
  if (!browser) return 'zh';
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh'; // storage blocked (private mode, policy): default language
  }
}

/** The current UI language; reading `lang.current` inside markup or an effect makes it reactive. */
class LangState {
  current = $state<Lang>(storedLang());

  set(next: Lang): void {
    this.current = next;
    if (!browser) return;
    document.documentElement.lang = htmlLang[next];
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered across visits, but the switch still works for this one.
    }
  }

  toggle(): void {
    this.set(this.current === 'zh' ? 'en' : 'zh');
  }
}

export const lang = new LangState();

if (browser) document.documentElement.lang = htmlLang[lang.current];

/** Looks a UI string up in the current language and fills `{name}` placeholders. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(dictionaries[lang.current], key, params);
}

/** Picks catalogue content for the current language, falling back to Chinese when the English is missing. */
export function loc(zhText: string, enText: string | null | undefined): string;
export function loc(zhText: string | null, enText: string | null | undefined): string | null;
export function loc(zhText: string | null, enText: string | null | undefined): string | null {
  if (lang.current === 'en' && enText && enText.trim() !== '') return enText;
  return zhText;
}

/** The current language's words, for the sentence builders in $lib that take them as an argument. */
export const words: Words = { t, loc: (zhText, enText) => loc(zhText, enText) };

/** Joins list items with the current language's separator. */
export function joinList(items: readonly (string | number)[]): string {
  return items.join(t('list.sep'));
}

/** `loc` for parallel lists (instructions, function items): English only when it lines up with the Chinese. */
export function locList(zhItems: readonly string[], enItems: readonly string[]): readonly string[] {
  if (lang.current !== 'en' || enItems.length !== zhItems.length) return zhItems;
  return zhItems.map((zhText, i) => loc(zhText, enItems[i]));
}
