/**
 * The lobby kiosk's state and steps: its device token, the families and windows it shows, the
 * service being taken, the ticket. The page and its step components draw from one instance.
 * It authenticates as a device with its token and never sends cookies.
 */
import {
  ApiError,
  getDevice,
  getService,
  issueTicket,
  listFamilies,
  listWindows,
  searchServices,
  type DeviceInfo,
  type FamilySummary,
  type ServiceDetail,
  type ServiceSummary,
  type Ticket,
  type WindowSummary,
} from './api';
import { lang } from './i18n/lang.svelte';
import { KioskCheckIn } from './kiosk-checkin.svelte';
import { forgetKioskToken, isPlausibleToken, KIOSK_IDLE_SECONDS, readKioskToken, saveKioskToken } from './kiosk';

export type KioskStep = 'families' | 'services' | 'confirm' | 'ticket' | 'checkin';
export type DeviceState = 'checking' | 'ready' | 'missing' | 'invalid' | 'wrongKind' | 'offline';

/** Open now when one of its windows is; otherwise the earliest next opening of one of them. */
export interface OpenState {
  open: boolean;
  nextOpensAt: string | null;
}

/** The windows by their number, for the families' open/closed state. */
const byNumber = (windows: WindowSummary[]) => new Map(windows.map((w) => [w.number, w]));

export class KioskFlow {
  token = $state<string | null>(null);
  device = $state<DeviceInfo | null>(null);
  deviceState = $state<DeviceState>('checking');

  families = $state<FamilySummary[] | null>(null);
  windows = $state<WindowSummary[]>([]);
  loadError = $state<unknown>(null);

  step = $state<KioskStep>('families');
  family = $state<FamilySummary | null>(null);
  services = $state<ServiceSummary[] | null>(null);
  /** The page of the service list being shown (0-based). */
  servicePage = $state(0);
  service = $state<ServiceSummary | null>(null);
  detail = $state<ServiceDetail | null>(null);
  priority = $state(false);
  studentNumber = $state('');
  issuing = $state(false);
  issueError = $state<unknown>(null);
  ticket = $state<Ticket | null>(null);
  /** The ticket is an appointment's, checked in here: its slot. */
  appointment = $state<{ slotStart: string; slotEnd: string } | null>(null);
  readonly checkIn = new KioskCheckIn(this);

  now = $state(Date.now());
  lastActivity = $state(Date.now());

  readonly idleLeft = $derived(Math.min(KIOSK_IDLE_SECONDS, Math.max(0, KIOSK_IDLE_SECONDS - Math.floor((this.now - this.lastActivity) / 1000))));
  readonly #windowByNumber = $derived(byNumber(this.windows));

  /** The token arrives once in the address; after that it is read from storage. */
  begin(fromUrl: string | null): void {
    if (fromUrl !== null) {
      const trimmed = fromUrl.trim();
      if (trimmed) {
        saveKioskToken(trimmed);
        this.token = trimmed;
      }
    } else {
      this.token = readKioskToken();
    }
    if (this.token) void this.verify();
    else this.deviceState = 'missing';
  }

  openState(numbers: readonly number[]): OpenState {
    const own = numbers.map((n) => this.#windowByNumber.get(n)).filter((w): w is WindowSummary => w !== undefined);
    if (own.some((w) => w.open)) return { open: true, nextOpensAt: null };
    const next = own
      .map((w) => w.nextOpensAt)
      .filter((x): x is string => x !== null)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
    return { open: false, nextOpensAt: next ?? null };
  }

  /** A 401 from any kiosk call: the token is unknown or was revoked. */
  refused(err: unknown): boolean {
    if (!(err instanceof ApiError) || err.status !== 401) return false;
    forgetKioskToken();
    this.token = null;
    this.device = null;
    this.deviceState = 'invalid';
    return true;
  }

  async verify(): Promise<void> {
    if (!this.token) return;
    this.deviceState = 'checking';
    try {
      const d = await getDevice(this.token);
      if (d.kind !== 'kiosk') {
        this.deviceState = 'wrongKind';
        return;
      }
      this.device = d;
      this.deviceState = 'ready';
      await this.loadStart();
    } catch (err) {
      if (!this.refused(err)) this.deviceState = 'offline';
    }
  }

  /** A token typed (pasted) at the kiosk: false when it cannot be one. */
  saveToken(value: string): boolean {
    const token = value.trim();
    if (!isPlausibleToken(token)) return false;
    saveKioskToken(token);
    this.token = token;
    void this.verify();
    return true;
  }

  async loadStart(): Promise<void> {
    if (!this.token) return;
    try {
      const [f] = await Promise.all([listFamilies({ token: this.token }), this.refreshWindows()]);
      this.families = f;
      this.loadError = null;
    } catch (err) {
      if (!this.refused(err)) this.loadError = err;
    }
  }

  async refreshWindows(): Promise<void> {
    if (!this.token) return;
    try {
      this.windows = (await listWindows({ token: this.token })).windows;
    } catch (err) {
      this.refused(err);
      // Otherwise keep the last known state; the issue request has the final say anyway.
    }
  }

  show(next: KioskStep): void {
    this.step = next;
    this.lastActivity = Date.now();
  }

  async chooseFamily(f: FamilySummary): Promise<void> {
    this.family = f;
    this.services = null;
    this.servicePage = 0;
    this.loadError = null;
    this.show('services');
    if (!this.token) return;
    try {
      const [found] = await Promise.all([searchServices({ family: f.code, limit: 200 }, { token: this.token }), this.refreshWindows()]);
      if (this.family === f) this.services = found.items;
    } catch (err) {
      if (!this.refused(err)) this.loadError = err;
    }
  }

  async chooseService(s: ServiceSummary): Promise<void> {
    this.service = s;
    this.detail = null;
    this.priority = false;
    this.studentNumber = '';
    this.issueError = null;
    this.loadError = null;
    this.show('confirm');
    if (!this.token) return;
    try {
      const d = await getService(s.id, { token: this.token });
      if (this.service === s) this.detail = d;
    } catch (err) {
      if (!this.refused(err)) this.loadError = err;
    }
  }

  async issue(): Promise<void> {
    if (!this.token || !this.service || this.issuing) return;
    this.issuing = true;
    this.issueError = null;
    try {
      const number = this.studentNumber.trim();
      this.appointment = null;
      this.ticket = await issueTicket(
        { serviceId: this.service.id, ...(this.priority ? { priority: true } : {}), ...(number ? { studentNumber: number } : {}) },
        { token: this.token },
      );
      this.show('ticket');
    } catch (err) {
      if (!this.refused(err)) this.issueError = err;
    } finally {
      this.issuing = false;
    }
  }

  /** Back to the first screen, in Chinese, forgetting everything of the last visitor. */
  reset(): void {
    this.family = null;
    this.services = null;
    this.servicePage = 0;
    this.service = null;
    this.detail = null;
    this.priority = false;
    this.studentNumber = '';
    this.issueError = null;
    this.loadError = null;
    this.ticket = null;
    this.appointment = null;
    this.checkIn.reset();
    if (lang.current !== 'zh') lang.set('zh');
    this.show('families');
  }

  touched(): void {
    this.lastActivity = Date.now();
  }

  tick(): void {
    this.now = Date.now();
  }
}
