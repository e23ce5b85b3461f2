/** An error response from the API (`application/problem+json`), or `network` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    /** Any further members of the problem document (`lockedUntil`, …). */
    readonly extras: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail || title);
    this.name = 'ApiError';
  }

  /** A further member of the problem document, when it is a string. */
  extra(name: string): string | undefined {
    const value = this.extras[name];
    return typeof value === 'string' ? value : undefined;
  }
}

const PROBLEM_MEMBERS = new Set(['type', 'title', 'status', 'code', 'detail', 'instance']);

/** The problem document of a failed response as an ApiError; a body that is not one (a proxy's error page) gives the status line. */
export async function readProblem(res: Response): Promise<ApiError> {
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') {
      const p = body as Record<string, unknown>;
      const extras = Object.fromEntries(Object.entries(p).filter(([key]) => !PROBLEM_MEMBERS.has(key)));
      return new ApiError(
        res.status,
        typeof p.code === 'string' ? p.code : `http_${res.status}`,
        typeof p.title === 'string' ? p.title : res.statusText,
        typeof p.detail === 'string' ? p.detail : undefined,
        extras,
      );
    }
  } catch {
    // Not JSON: fall through to the status line.
  }
  return new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);
}
