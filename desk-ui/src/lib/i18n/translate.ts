/**
 * Looking strings up, without the current-language state: pure, so that code building sentences
 * (the audit log, a ticket's history) can be tested in both languages. `lang.svelte.ts` applies
 * it to the language the UI is in.
 */
import type { MessageKey, Messages } from './zh';

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;
/** Catalogue content in the UI language, Chinese when the English is missing. */
export type Localize = (zhText: string, enText: string | null | undefined) => string;

/** Everything a sentence builder needs of a language. */
export interface Words {
  t: Translate;
  loc: Localize;
}

/**
 * A dictionary's string with `{name}` placeholders filled. A count of exactly one takes the key's
 * `.one` form when it has one ("1 service", not "1 services").
 */
export function translate(dict: Messages, key: MessageKey, params?: Params): string {
  const one = `${key}.one`;
  const text = params?.n === 1 && one in dict ? dict[one as MessageKey] : dict[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The English text when the language is English and there is one; otherwise the Chinese. */
export function localize(english: boolean, zhText: string, enText: string | null | undefined): string {
  return english && enText && enText.trim() !== '' ? enText : zhText;
}

/** The words of one dictionary, for tests and for code that is handed a language. */
export function wordsOf(dict: Messages, english: boolean): Words {
  return { t: (key, params) => translate(dict, key, params), loc: (zhText, enText) => localize(english, zhText, enText) };
}
