/**
 * The kiosk's "I have an appointment" screen: the booking code (typed on the on-screen keys or read
 * from its QR code by the camera) or the student number, and what the check-in answered. On success
 * the appointment's ticket goes to the kiosk's ticket step like any other ticket, marked 预约.
 */
import { ApiError, checkInAtKiosk, getService, type ServiceSummary } from './api';
import type { KioskFlow } from './kiosk-flow.svelte';

/** The letters booking codes are made of (server/src/appointments/booking-rules.ts): no 0/O, 1/I, 2/Z, 5/S, 8/B. */
export const CODE_KEYS = 'ACDEFGHJKMNPQRTUVWXY34679'.split('');
export const CODE_LENGTH = 6;

export type CheckInMode = 'code' | 'number';

export type CheckInOutcome =
  | { kind: 'tooEarly'; comeBackAt: string }
  | { kind: 'tooLate'; serviceId: number | null }
  | { kind: 'notFound' }
  | { kind: 'already' }
  | { kind: 'error'; error: unknown };

/** What a scanned QR code carries: the code itself, or a link ending in it (…?code=X or …/X). */
export function codeFromScan(raw: string): string {
  const text = raw.trim();
  try {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- parsed once here, never state
    const url = new URL(text);
    const q = url.searchParams.get('code');
    if (q) return normaliseCode(q);
    const last = url.pathname.split('/').filter(Boolean).pop();
    if (last) return normaliseCode(last);
  } catch {
    // Not a link: the code itself.
  }
  return normaliseCode(text);
}

export const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** Whether this browser can read QR codes from the camera (Chromium on Android and ChromeOS, some kiosks). */
export function canScan(): boolean {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window && !!navigator.mediaDevices?.getUserMedia;
}

export class KioskCheckIn {
  mode = $state<CheckInMode>('code');
  code = $state('');
  studentNumber = $state('');
  busy = $state(false);
  outcome = $state<CheckInOutcome | null>(null);
  scanning = $state(false);

  readonly #flow: KioskFlow;

  constructor(flow: KioskFlow) {
    this.#flow = flow;
  }

  readonly ready = $derived(this.mode === 'code' ? this.code.length >= CODE_LENGTH : this.studentNumber.trim().length > 0);

  reset(): void {
    this.mode = 'code';
    this.code = '';
    this.studentNumber = '';
    this.busy = false;
    this.outcome = null;
    this.scanning = false;
  }

  setMode(mode: CheckInMode): void {
    this.mode = mode;
    this.outcome = null;
    this.#flow.touched();
  }

  press(key: string): void {
    this.#flow.touched();
    this.outcome = null;
    if (this.code.length < CODE_LENGTH) this.code += key;
  }

  backspace(): void {
    this.#flow.touched();
    this.outcome = null;
    this.code = this.code.slice(0, -1);
  }

  clear(): void {
    this.#flow.touched();
    this.outcome = null;
    this.code = '';
  }

  /**
   * A key from a hardware keyboard, or from a QR scanner, which types the code it reads and then
   * Enter like a keyboard does: the code's letters fill the cells, Enter checks in. Keys meant for
   * a field (the student number) are left to it. True when the key was used.
   */
  keyed(key: string): boolean {
    if (this.mode !== 'code' || this.busy) return false;
    if (key === 'Enter') {
      if (this.ready) void this.submit();
      return true;
    }
    if (key === 'Backspace') {
      this.backspace();
      return true;
    }
    const k = key.length === 1 ? key.toUpperCase() : '';
    if (!CODE_KEYS.includes(k)) return false;
    this.press(k);
    return true;
  }

  /** A QR code read by the camera: checked in at once. */
  scanned(raw: string): void {
    this.scanning = false;
    this.mode = 'code';
    this.code = codeFromScan(raw).slice(0, 32);
    void this.submit();
  }

  async submit(): Promise<void> {
    const flow = this.#flow;
    if (!flow.token || this.busy) return;
    const body = this.mode === 'code' ? { code: normaliseCode(this.code) } : { studentNumber: this.studentNumber.trim() };
    if (!('code' in body ? body.code : body.studentNumber)) return;
    this.busy = true;
    this.outcome = null;
    flow.touched();
    try {
      const done = await checkInAtKiosk(body, { token: flow.token });
      flow.ticket = done.ticket;
      flow.appointment = { slotStart: done.slotStart, slotEnd: done.slotEnd };
      flow.show('ticket');
    } catch (err) {
      if (flow.refused(err)) return;
      this.outcome = outcomeOf(err);
    } finally {
      this.busy = false;
    }
  }

  /** Too late: the same service's normal ticket, with the student number carried over. */
  async walkIn(serviceId: number): Promise<void> {
    const flow = this.#flow;
    if (!flow.token) return;
    try {
      const d = await getService(serviceId, { token: flow.token });
      const summary: ServiceSummary = {
        id: d.id,
        code: d.code,
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        descriptionZh: d.descriptionZh,
        descriptionEn: d.descriptionEn,
        family: d.family.code,
        windows: d.windows.map((w) => w.number),
        feeFen: d.feeFen,
        appointmentEnabled: d.appointmentEnabled,
        onlineAvailable: d.onlineAlternative !== null,
        keywords: d.keywords,
      };
      const number = this.mode === 'number' ? this.studentNumber.trim() : '';
      await flow.chooseService(summary);
      if (number) flow.studentNumber = number;
    } catch (err) {
      if (!flow.refused(err)) this.outcome = { kind: 'error', error: err };
    }
  }
}

function outcomeOf(err: unknown): CheckInOutcome {
  if (!(err instanceof ApiError)) return { kind: 'error', error: err };
  switch (err.code) {
    case 'too_early': {
      const at = err.extra('comeBackAt');
      return at ? { kind: 'tooEarly', comeBackAt: at } : { kind: 'error', error: err };
    }
    case 'too_late':
      return { kind: 'tooLate', serviceId: typeof err.extras.serviceId === 'number' ? err.extras.serviceId : null };
    case 'appointment_not_found':
    case 'validation_failed':
      return { kind: 'notFound' };
    case 'already_checked_in':
      return { kind: 'already' };
    default:
      return { kind: 'error', error: err };
  }
}
