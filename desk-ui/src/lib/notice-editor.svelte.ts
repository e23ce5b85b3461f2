/**
 * The lobby notices admin page's state: the list, the form that creates a notice or edits one, and
 * the deletion being confirmed. The page, its form and its table draw from one instance.
 */
import { tick } from 'svelte';
import {
  ApiError,
  createNotice,
  deleteNotice,
  listNotices,
  NOTICE_TEXT_EN_MAX,
  NOTICE_TEXT_ZH_MAX,
  updateNotice,
  type Notice,
  type NoticeInput,
} from './api';
import { errorText } from './format';
import { fromHallInput, toHallInput } from '@campus/server/client/hall-clock';
import { t, type MessageKey } from './i18n/lang.svelte';

interface Form {
  textZh: string;
  textEn: string;
  /** datetime-local values on the hall's clock; '' = now (start) or no end. */
  starts: string;
  ends: string;
}
const emptyForm = (): Form => ({ textZh: '', textEn: '', starts: '', ends: '' });

export type Phase = 'showing' | 'scheduled' | 'ended';
export const PHASE_KEYS: Record<Phase, MessageKey> = { showing: 'notices.showing', scheduled: 'notices.scheduled', ended: 'notices.ended' };
export const PHASE_BADGES: Record<Phase, string> = { showing: 'badge-ok', scheduled: 'badge-info', ended: '' };

/** `active` is the server's word for "showing now"; otherwise it has either not started or already ended. */
export const phaseOf = (n: Notice, now: number): Phase => (n.active ? 'showing' : Date.parse(n.startsAt) > now ? 'scheduled' : 'ended');

/** A long notice, shortened for a button's accessible name or the dialog. */
export const short = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** What the server answered, in words. */
export function problemText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'notice_ends_before_start') return t('notices.endsBeforeStart');
    if (err.code === 'too_many_notices') return t('notices.tooMany');
    if (err.code === 'not_found') return t('notices.notFound');
  }
  return t('admin.actionFailed', { message: errorText(err) });
}

const nowIso = () => new Date().toISOString();

export class NoticeEditor {
  notices = $state<Notice[] | null>(null);
  loadError = $state<unknown>(null);
  /** Bumped to read the list again. */
  version = $state(0);
  loadedAt = $state(Date.now());

  form = $state<Form>(emptyForm());
  /** The notice being edited, or null while the form creates a new one. */
  editing = $state<Notice | null>(null);
  attempted = $state(false);
  saving = $state(false);
  formError = $state<string | null>(null);
  /** The server said the end is not after the start. */
  serverEndsError = $state(false);
  actionMessage = $state<string | null>(null);

  deleteTarget = $state<Notice | null>(null);
  deleteOpen = $state(false);
  deleting = $state(false);
  deleteError = $state<unknown>(null);

  formSection = $state<HTMLElement>();
  textZhInput = $state<HTMLTextAreaElement>();
  textEnInput = $state<HTMLTextAreaElement>();
  startsInput = $state<HTMLInputElement>();
  endsInput = $state<HTMLInputElement>();
  listHeading = $state<HTMLElement>();

  readonly zhLength = $derived([...this.form.textZh.trim()].length);
  readonly enLength = $derived([...this.form.textEn.trim()].length);
  readonly startsIso = $derived(this.form.starts ? fromHallInput(this.form.starts) : undefined);
  readonly endsIso = $derived(this.form.ends ? fromHallInput(this.form.ends) : undefined);

  readonly textZhError = $derived.by(() => {
    if (!this.attempted) return null;
    if (this.zhLength === 0) return t('notices.textZhRequired');
    if (this.zhLength > NOTICE_TEXT_ZH_MAX) return t('notices.tooLong', { max: NOTICE_TEXT_ZH_MAX });
    return null;
  });
  readonly textEnError = $derived(this.attempted && this.enLength > NOTICE_TEXT_EN_MAX ? t('notices.tooLong', { max: NOTICE_TEXT_EN_MAX }) : null);
  readonly startsError = $derived(this.attempted && this.form.starts !== '' && this.startsIso === undefined ? t('notices.invalidTime') : null);
  readonly endsError = $derived.by(() => {
    if (this.form.ends !== '' && this.endsIso === undefined) return this.attempted ? t('notices.invalidTime') : null;
    if (this.serverEndsError) return t('notices.endsBeforeStart');
    if (!this.attempted || this.endsIso === undefined) return null;
    const start = this.startsIso ? Date.parse(this.startsIso) : Date.now();
    return Date.parse(this.endsIso) <= start ? t('notices.endsBeforeStart') : null;
  });

  /** Reads the list; the page runs this in an effect on `version`, and aborts it when that changes. */
  load(controller: AbortController) {
    listNotices({ signal: controller.signal })
      .then((items) => {
        this.notices = items;
        this.loadError = null;
        this.loadedAt = Date.now();
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) this.loadError = err;
      });
  }

  /** The field of the form's first problem (each field says its own), or null when there is none. */
  #firstProblemField(): { field: HTMLElement | undefined } | null {
    if (this.textZhError) return { field: this.textZhInput };
    if (this.textEnError) return { field: this.textEnInput };
    if (this.startsError) return { field: this.startsInput };
    if (this.endsError) return { field: this.endsInput };
    return null;
  }

  /** Only what the admin changed: an untouched time is not rounded to the minute the input shows. */
  #changes(original: Notice): Partial<NoticeInput> {
    const input: Partial<NoticeInput> = { textZh: this.form.textZh.trim(), textEn: this.form.textEn.trim() || null };
    if (this.form.starts !== toHallInput(original.startsAt)) input.startsAt = this.startsIso ?? nowIso();
    if (this.form.ends !== (original.endsAt ? toHallInput(original.endsAt) : '')) input.endsAt = this.endsIso ?? null;
    return input;
  }

  submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (this.saving) return;
    this.attempted = true;
    this.serverEndsError = false;
    this.actionMessage = null;
    // A field's problem is said once, under the field, which gets the focus.
    const problem = this.#firstProblemField();
    if (problem) {
      this.formError = null;
      problem.field?.focus();
      return;
    }
    this.formError = null;
    this.saving = true;
    const target = this.editing;
    try {
      // The answer goes straight into the list; the reload that follows catches up with anyone else's changes.
      if (target) {
        const saved = await updateNotice(target.id, this.#changes(target));
        this.notices = this.notices?.map((n) => (n.id === saved.id ? saved : n)) ?? null;
        this.actionMessage = t('notices.saved');
      } else {
        const textEn = this.form.textEn.trim();
        const created = await createNotice({
          textZh: this.form.textZh.trim(),
          textEn: textEn || null,
          ...(this.startsIso ? { startsAt: this.startsIso } : {}),
          endsAt: this.endsIso ?? null,
        });
        this.notices = [created, ...(this.notices ?? []).filter((n) => n.id !== created.id)];
        this.actionMessage = t('notices.created');
      }
      this.loadedAt = Date.now();
      this.resetForm();
      this.version++;
      if (target) {
        await tick();
        this.listHeading?.focus();
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'notice_ends_before_start') {
        // Said under the end field (endsError), not a second time above the buttons.
        this.serverEndsError = true;
        this.endsInput?.focus();
      } else {
        this.formError = problemText(err);
        if (err instanceof ApiError && err.code === 'not_found' && target) {
          // Deleted meanwhile: what was typed stays, as a new notice if the admin wants it.
          this.editing = null;
          this.version++;
        }
      }
    } finally {
      this.saving = false;
    }
  };

  resetForm() {
    this.form = emptyForm();
    this.editing = null;
    this.attempted = false;
    this.formError = null;
    this.serverEndsError = false;
  }

  edit = async (notice: Notice) => {
    this.resetForm();
    this.actionMessage = null;
    this.editing = notice;
    this.form = {
      textZh: notice.textZh,
      textEn: notice.textEn ?? '',
      starts: toHallInput(notice.startsAt),
      ends: notice.endsAt ? toHallInput(notice.endsAt) : '',
    };
    await tick();
    this.formSection?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    this.textZhInput?.focus({ preventScroll: true });
  };

  cancelEdit = async () => {
    const id = this.editing?.id;
    this.resetForm();
    await tick();
    const button = id === undefined ? null : document.querySelector<HTMLElement>(`[data-notice-id="${id}"] [data-testid="notice-edit"]`);
    (button ?? this.listHeading)?.focus();
  };

  askDelete = (notice: Notice) => {
    this.deleteTarget = notice;
    this.deleteError = null;
    this.deleteOpen = true;
  };

  confirmDelete = async () => {
    const target = this.deleteTarget;
    if (!target || this.deleting) return;
    this.deleting = true;
    this.deleteError = null;
    try {
      await deleteNotice(target.id);
      this.actionMessage = t('notices.deleted');
      this.deleteOpen = false;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'not_found') {
        this.actionMessage = t('notices.notFound');
        this.deleteOpen = false;
      } else {
        this.deleteError = err;
      }
    } finally {
      this.deleting = false;
    }
    if (!this.deleteOpen) {
      if (this.editing?.id === target.id) this.resetForm();
      this.notices = this.notices?.filter((n) => n.id !== target.id) ?? null;
      this.version++;
    }
  };
}
