import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, readProblem } from './errors';
import type { paths } from './schema';

/** Like the API expects it: empty and missing members are left out of the query string. */
function querySerializer(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

/** Every failed answer becomes an ApiError (thrown), and an unreachable API the `network` one; aborts stay aborts. */
export const problemMiddleware: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await readProblem(response);
    return undefined;
  },
  onError({ error }) {
    if (error instanceof DOMException && error.name === 'AbortError') return error;
    return new ApiError(0, 'network', 'Network error', error instanceof Error ? error.message : undefined);
  },
};

export type AuthProblem = 'session_expired' | 'password_change_required';

/** Returns true when it has taken the user elsewhere (the caller's request then never settles). */
type AuthProblemHandler = (problem: AuthProblem) => boolean;
let authProblemHandler: AuthProblemHandler | null = null;

/** Registered once by the session store, which knows where to send the user. */
export function onAuthProblem(handler: AuthProblemHandler): void {
  authProblemHandler = handler;
}

async function authProblemOf(response: Response): Promise<AuthProblem | null> {
  if (response.status !== 401 && response.status !== 403) return null;
  const { status, code } = await readProblem(response.clone());
  if (status === 401 && code === 'session_expired') return 'session_expired';
  if (status === 403 && code === 'password_change_required') return 'password_change_required';
  return null;
}

/**
 * An expired session or a password that must be changed first goes to the registered handler,
 * which moves the user to the sign-in or the forced-change page. The request is then left
 * pending, rather than flashing an error on the page being left.
 */
export const authRedirectMiddleware: Middleware = {
  async onResponse({ response }) {
    const problem = await authProblemOf(response);
    if (problem && authProblemHandler?.(problem)) return new Promise<Response>(() => {});
    return undefined;
  },
};

/**
 * The API client generated from the server's OpenAPI document. The session is an httpOnly cookie
 * the browser sends by itself; bodies are JSON both ways.
 */
export const client = createClient<paths>({
  baseUrl: '',
  headers: { accept: 'application/json' },
  querySerializer,
});
client.use(problemMiddleware);
