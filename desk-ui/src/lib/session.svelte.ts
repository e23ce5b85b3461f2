import { browser } from '$app/environment';
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import * as api from './api';
import { ApiError, type Me } from './api';
import type { MessageKey } from './i18n/lang.svelte';
import { withSearch } from './paths';

/**
 * Remembers (not secretly: it holds no credential) that this browser signed in. The session cookie
 * is httpOnly, so the UI cannot see it; without this hint every anonymous visit to a public page
 * would ask `/api/me` and get a 401 that browsers log as a console error. Pages that need an
 * account always ask, hint or not.
 */
const HINT_KEY = 'campus-desk.signed-in';

function readHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return true; // storage blocked: cannot tell, so ask
  }
}

function writeHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // Storage blocked: every page asks the server instead.
  }
}

/** `next` as a path of this site, or null when it leads elsewhere (or back to the sign-in page). */
function sameSitePath(next: string): ResolvedPathname | null {
  try {
    const base = browser ? location.origin : 'http://localhost';
    const url = new URL(next, base);
    if (url.origin !== base || url.pathname === '/login') return null;
    // Read back from this site's own address: base path included already.
    return (url.pathname + url.search + url.hash) as ResolvedPathname;
  } catch {
    return null;
  }
}

/** A same-site path to go to after signing in, or `/`: never another origin, never the sign-in page. */
export function safeNext(next: string | null | undefined): ResolvedPathname {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return resolve('/');
  return sameSitePath(next) ?? resolve('/');
}

/** The parameters that have a value, in their order. */
const query = (params: Record<string, string | null>) =>
  new URLSearchParams(Object.entries(params).filter((p): p is [string, string] => p[1] !== null));

const hereNow = () => (browser ? location.pathname + location.search + location.hash : '/');

/** The sign-in page, coming back to `next` afterwards. */
export function loginUrl(next: string = hereNow(), reason?: 'expired'): ResolvedPathname {
  const target = safeNext(next);
  return withSearch(resolve('/login'), query({ reason: reason ?? null, next: target !== resolve('/') ? target : null }));
}

/** The forced password change, coming back to `next` afterwards. */
export function forcedChangeUrl(next: string = hereNow()): ResolvedPathname {
  const target = safeNext(next);
  const away = target !== resolve('/') && !target.startsWith(resolve('/account/password'));
  return withSearch(resolve('/account/password'), query({ forced: '1', next: away ? target : null }));
}

/** Paths that only make sense signed in: leaving them after signing out. */
export const isPrivatePath = (pathname: string) =>
  ['/account', '/admin', '/me', '/desk'].some((root) => pathname === root || pathname.startsWith(`${root}/`));

interface Notice {
  key: MessageKey;
  /** Navigations it survives: 1 when it was set just before moving to another page. */
  keep: number;
}

/** The signed-in person, loaded once per page load by the root layout and kept in rune state. */
class SessionState {
  me = $state<Me | null>(null);
  /** True until the first check (or the decision not to ask) is done. */
  loading = $state(true);
  /** The last check found the session expired or ended on another device. */
  expired = $state(false);
  /** The last check failed for another reason (network, server error). */
  error = $state<ApiError | null>(null);
  /** A one-line message for the layout's status area: signed out, password changed… */
  notice = $state<Notice | null>(null);

  readonly isAdmin = $derived(this.me?.roles.includes('admin') ?? false);

  #asked = false;
  #pending: Promise<Me | null> | null = null;

  /**
   * Loads the session once. Public pages pass nothing and skip the request when this browser has
   * not signed in; pages behind the sign-in pass `verify` and always ask.
   */
  load(options: { verify?: boolean } = {}): Promise<Me | null> {
    if (this.#pending) return this.#pending;
    if (this.#asked) return Promise.resolve(this.me);
    if (!options.verify && !readHint()) {
      this.loading = false;
      return Promise.resolve(null);
    }
    return this.refresh();
  }

  /** Asks the server who is signed in. */
  refresh(): Promise<Me | null> {
    this.#pending ??= this.#fetchMe().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #fetchMe(): Promise<Me | null> {
    try {
      const me = await api.getMe({ authRedirect: false });
      this.#signedIn(me);
      return me;
    } catch (err) {
      const problem = err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err));
      if (problem.status === 401 || problem.status === 404) {
        // 401: not signed in, or the session ended. 404: a server without accounts.
        this.#signedOut();
        this.expired = problem.code === 'session_expired';
      } else {
        this.me = null;
        this.error = problem;
      }
      return null;
    } finally {
      this.#asked = true;
      this.loading = false;
    }
  }

  #signedIn(me: Me): void {
    this.me = me;
    this.expired = false;
    this.error = null;
    this.loading = false;
    this.#asked = true;
    writeHint(true);
  }

  #signedOut(): void {
    this.me = null;
    this.error = null;
    writeHint(false);
  }

  async login(username: string, password: string): Promise<Me> {
    const me = await api.login(username, password);
    this.#signedIn(me);
    return me;
  }

  /** Signs out here, or with `everywhere` on every device; a session that already ended counts as done. */
  async logout(everywhere = false): Promise<void> {
    try {
      await (everywhere ? api.logoutAll() : api.logout());
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    }
    this.#signedOut();
    this.expired = false;
    const leaving = browser && isPrivatePath(location.pathname);
    this.flash(everywhere ? 'account.loggedOutAll' : 'account.loggedOut', leaving);
    if (leaving) await goto(resolve('/'), { replaceState: true });
  }

  /** Shows a message in the layout's status area, on this page or (`acrossNavigation`) the next. */
  flash(key: MessageKey, acrossNavigation = false): void {
    this.notice = { key, keep: acrossNavigation ? 1 : 0 };
  }

  /** Called by the layout after each navigation: a notice lives until the user moves on. */
  navigated(): void {
    if (!this.notice) return;
    if (this.notice.keep > 0) this.notice = { ...this.notice, keep: this.notice.keep - 1 };
    else this.notice = null;
  }

  /** Handles a 401 `session_expired` or 403 `password_change_required` from any API call. */
  handleAuthProblem(problem: api.AuthProblem): boolean {
    if (!browser) return false;
    if (problem === 'session_expired') {
      this.#signedOut();
      this.expired = true;
      if (location.pathname === '/login') return false;
      void goto(loginUrl(hereNow(), 'expired'), { replaceState: true });
      return true;
    }
    // The password must be changed first: learn it (the layout then keeps the user on the page).
    if (this.me) this.me = { ...this.me, mustChangePassword: true };
    else void this.refresh();
    if (location.pathname === '/account/password') return false;
    void goto(forcedChangeUrl(), { replaceState: true });
    return true;
  }
}

export const session = new SessionState();

api.onAuthProblem((problem) => session.handleAuthProblem(problem));
