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
