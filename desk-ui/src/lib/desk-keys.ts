import type { MessageKey } from './i18n/lang.svelte';

/** One of the clerk console's buttons, with its single-letter shortcut. */
export interface DeskAction {
  id: string;
  key: string;
  label: MessageKey;
  enabled: boolean;
  run: () => void;
  kind?: 'primary' | 'danger';
}

const NOT_TYPING = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** Whether keys pressed on this element are typing (a text field, a select), not commands. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type);
}

/** The action a key press asks for: never while typing, with a modifier, or while a dialog is open. */
export function shortcutAction(event: KeyboardEvent, actions: readonly DeskAction[]): DeskAction | null {
  if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTyping(event.target)) return null;
  if (document.querySelector('dialog[open]')) return null;
  return actions.find((a) => a.key.toLowerCase() === event.key.toLowerCase()) ?? null;
}
