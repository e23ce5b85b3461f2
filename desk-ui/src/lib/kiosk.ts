/**
 * The lobby kiosk's device token. It arrives once in the address (`/kiosk?token=…`), is kept in
 * localStorage and taken out of the address bar, so it is neither bookmarked nor shown on screen.
 */
const TOKEN_KEY = 'campus-desk.kiosk-token';

/** Tokens the server accepts: `Bearer [\w.~+/=-]{1,512}`. */
export const isPlausibleToken = (token: string) => /^[\w.~+/=-]{1,512}$/.test(token);

export function readKioskToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Keeps the token; false when storage is blocked (it then lasts until the page reloads). */
export function saveKioskToken(token: string): boolean {
  try {
    localStorage.setItem(TOKEN_KEY, token);
    return true;
  } catch {
    return false;
  }
}

export function forgetKioskToken(): void {
  try {
    localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing stored to forget.
  }
}

/** Seconds without a touch before the kiosk goes back to its first screen. */
export const KIOSK_IDLE_SECONDS = 30;

/** A service tile's height and the gaps between tiles, in em of the kiosk's type. */
export const SERVICE_TILE_EM = 6.6;
export const SERVICE_GAP_EM = 0.75;

export interface PageLayout {
  cols: number;
  rows: number;
  /** Tiles per page. */
  size: number;
}

/**
 * How many service tiles one screenful of the list holds, so a kiosk user pages instead of
 * scrolling: one column on a phone-narrow list, two on a portrait kiosk, three on a landscape one;
 * as many rows as fit the height left for the list.
 */
export function servicePageLayout(widthPx: number, heightPx: number, emPx: number): PageLayout {
  const em = emPx > 0 ? emPx : 16;
  const widthEm = widthPx / em;
  const cols = widthEm < 34 ? 1 : widthEm < 58 ? 2 : 3;
  const rows = Math.max(1, Math.floor((heightPx / em + SERVICE_GAP_EM) / (SERVICE_TILE_EM + SERVICE_GAP_EM)));
  return { cols, rows, size: cols * rows };
}

/** The items of page `page` (0-based, clamped to the pages there are) and how many pages there are. */
export function pageOf<T>(items: readonly T[], size: number, page: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / Math.max(1, size)));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(at * size, at * size + size), page: at, pages };
}
