import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test-support/app.ts';

/**
 * Every documented route, fed garbage: wrong types, unknown ids, over-long strings, unknown
 * parameters. Each must answer a 4xx problem+json — never a 500. Routes are read from the
 * OpenAPI document, so a route added later is covered without editing this file.
 */
const ctx = useTestApp();

const garbage = ['abc', '-1', '0', '1.5', '99999999999999999999', 'x'.repeat(5000), '%00', '🙂', "1' or '1'='1", '[]'];

interface Operation {
  parameters?: { in: string; name: string; schema?: { type?: string } }[];
}

async function documentedGets(): Promise<{ path: string; op: Operation }[]> {
  const doc = (await ctx.app.inject('/api/docs')).json<{ paths: Record<string, Record<string, Operation>> }>();
  return Object.entries(doc.paths).flatMap(([path, ops]) => (ops.get ? [{ path, op: ops.get }] : []));
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, fullUrl: string) {
  const url = fullUrl.slice(0, 120);
  expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, url).toBeLessThan(500);
  expect(String(res.headers['content-type']), url).toContain('application/problem+json');
  expect(res.json(), url).toMatchObject({ status: res.statusCode, code: expect.any(String), title: expect.any(String) });
}

describe('bad input to any route', () => {
  it('documents the catalogue routes it probes', async () => {
    const paths = (await documentedGets()).map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['/api/windows', '/api/services', '/api/services/{id}', '/api/health']));
  });

  it('answers bad path parameters with 400 or 404 problems', async () => {
    for (const { path } of await documentedGets()) {
      if (!path.includes('{')) continue;
      for (const value of [...garbage, '2147483647']) {
        const url = path.replace(/\{[^}]+\}/g, encodeURIComponent(value));
        expectProblem(await ctx.app.inject(url), url);
      }
    }
  });

  it('answers bad query parameters and unknown ones with 400 problems', async () => {
    for (const { path, op } of await documentedGets()) {
      const concrete = path.replace(/\{[^}]+\}/g, '1');
      for (const p of op.parameters?.filter((x) => x.in === 'query') ?? []) {
        for (const value of garbage) {
          const res = await ctx.app.inject({ url: concrete, query: { [p.name]: value } });
          // Free text accepts short strings; everything else must be refused, and nothing may crash.
          expect(res.statusCode, `${concrete}?${p.name}=${value.slice(0, 20)}`).toBeLessThan(500);
          if (res.statusCode >= 400) expectProblem(res, `${concrete}?${p.name}`);
        }
        expectProblem(await ctx.app.inject({ url: concrete, query: { [p.name]: 'x'.repeat(5000) } }), `${concrete}?${p.name}=long`);
      }
      if (op.parameters?.some((x) => x.in === 'query')) {
        expectProblem(await ctx.app.inject({ url: concrete, query: { unknownParameter: '1' } }), `${concrete}?unknownParameter`);
      }
    }
  });

  it('answers unknown routes, wrong methods and oversized or malformed bodies with problems', async () => {
    expectProblem(await ctx.app.inject('/api/no-such-thing'), '/api/no-such-thing');
    expectProblem(await ctx.app.inject({ method: 'DELETE', url: '/api/services/1' }), 'DELETE /api/services/1');
    expectProblem(
      await ctx.app.inject({ method: 'POST', url: '/api/services', headers: { 'content-type': 'application/json' }, payload: '{"bad json' }),
      'POST malformed',
    );
    expectProblem(
      await ctx.app.inject({
        method: 'POST',
        url: '/api/services',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ q: 'x'.repeat(200_000) }),
      }),
      'POST oversized',
    );
  });
});
