import { describe, expect, it, vi } from 'vitest';
import { authRedirectMiddleware, onAuthProblem, problemMiddleware } from './client';
import { ApiError } from './errors';

const params = (response: Response) => ({
  request: new Request('http://hall.test/api/me'),
  response,
  schemaPath: '/api/me',
  params: {},
  id: '1',
  options: {} as never,
});

const problem = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

describe('problemMiddleware', () => {
  it('throws a problem answer as an ApiError with its extension members', async () => {
    const err = await Promise.resolve(
      problemMiddleware.onResponse?.(params(problem(423, { type: 'about:blank', title: 'Locked', status: 423, code: 'account_locked', lockedUntil: 'x' }))),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 423, code: 'account_locked', title: 'Locked', extras: { lockedUntil: 'x' } });
  });

  it('gives the status line when the body is no problem document', async () => {
    const err = await Promise.resolve(problemMiddleware.onResponse?.(params(new Response('<html>', { status: 502, statusText: 'Bad Gateway' })))).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ status: 502, code: 'http_502', title: 'Bad Gateway' });
  });

  it('turns an unreachable API into the network error and leaves aborts alone', async () => {
    const onError = problemMiddleware.onError!;
    const base = params(new Response());
    expect(await onError({ ...base, error: new TypeError('Failed to fetch') })).toMatchObject({ status: 0, code: 'network', detail: 'Failed to fetch' });
    const abort = new DOMException('aborted', 'AbortError');
    expect(await onError({ ...base, error: abort })).toBe(abort);
  });
});

describe('authRedirectMiddleware', () => {
  it('hands an expired session to the handler and leaves the request pending when it redirects', async () => {
    const handler = vi.fn(() => true);
    onAuthProblem(handler);
    const pending = authRedirectMiddleware.onResponse?.(params(problem(401, { title: 'Expired', status: 401, code: 'session_expired' })));
    const settled = await Promise.race([Promise.resolve(pending).then(() => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 20))]);
    expect(handler).toHaveBeenCalledWith('session_expired');
    expect(settled).toBe('pending');
  });

  it('lets other problems through to the problem middleware', async () => {
    const handler = vi.fn(() => true);
    onAuthProblem(handler);
    expect(await authRedirectMiddleware.onResponse?.(params(problem(403, { title: 'No', status: 403, code: 'forbidden' })))).toBeUndefined();
    expect(handler).not.toHaveBeenCalled();
  });
});
