import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test-support/app.ts';
import { asCookie, sessionFor } from '../../test-support/auth.ts';
import { unboundedFields } from './plugins/bounded-input.ts';

/**
 * Every documented route, fed garbage: wrong types, unknown ids, over-long strings, unknown
 * parameters. Each must answer a 4xx problem+json — never a 500. Routes are read from the
 * OpenAPI document, so a route added later is covered without editing this file.
 */
const ctx = useTestApp({ TICKET_RATE_PER_KIOSK: '1000000', TICKET_RATE_PER_PERSON: '1000000', LOGIN_RATE_PER_IP: '1000000', LOGIN_RATE_PER_ACCOUNT: '100000' });

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

type Schema = Record<string, unknown>;
interface FullOperation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

/** A value the schema accepts, so that only the field under test is wrong. */
function example(schema: Schema | undefined): unknown {
  if (!schema) return null;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const options = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (options) return example(options.find((o) => o.type !== 'null') ?? options[0]);
  const type = [schema.type].flat()[0];
  if (type === 'integer' || type === 'number') return Math.max(1, Number(schema.minimum ?? 1));
  if (type === 'boolean') return false;
  if (type === 'string') {
    if (schema.format === 'uuid') return randomUUID();
    if (schema.format === 'date') return '2026-12-01';
    if (schema.format === 'date-time') return new Date().toISOString();
    return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
  }
  if (type === 'array') return Array.from({ length: Math.max(1, Number(schema.minItems ?? 1)) }, () => example(schema.items as Schema));
  if (type === 'object') {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    return Object.fromEntries(((schema.required ?? []) as string[]).map((k) => [k, example(props[k])]));
  }
  return null;
}

/** Paths to every integer or number in a body schema; `[]` steps into an array's first element. */
function numericPaths(schema: Schema | undefined, at: string[] = []): string[][] {
  if (!schema) return [];
  const type = [schema.type].flat();
  if (type.includes('integer') || type.includes('number')) return [at];
  const options = (schema.anyOf ?? schema.oneOf ?? []) as Schema[];
  const props = Object.entries((schema.properties ?? {}) as Record<string, Schema>).flatMap(([k, v]) => numericPaths(v, [...at, k]));
  const items = schema.items ? numericPaths(schema.items as Schema, [...at, '[]']) : [];
  return [...props, ...items, ...options.flatMap((o) => numericPaths(o, at))];
}

function withValue(body: Schema, schema: Schema, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (head === '[]') {
    const items = schema.items as Schema;
    const list = Array.isArray(body) ? [...(body as unknown[])] : [example(items)];
    list[0] = withValue((list[0] ?? {}) as Schema, items, rest, value);
    return list;
  }
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const child = props[head] ?? {};
  const base = (typeof body === 'object' && body !== null ? body : {}) as Schema;
  return { ...base, [head]: withValue((base[head] ?? example(child)) as Schema, child, rest, value) };
}

const outOfRange = [2147483648, 1e21, -1, 1.5, 'x'.repeat(5000)];

describe('out-of-range numbers anywhere', () => {
  it('declares a bounded schema for every integer and string a route takes', async () => {
    const doc = (await ctx.app.inject('/api/docs')).json<{ paths: Record<string, Record<string, FullOperation>> }>();
    const faults = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) => [
        ...(op.parameters ?? []).flatMap((p) => unboundedFields(p.schema, `${method} ${path} ${p.in}.${p.name}`)),
        ...unboundedFields(op.requestBody?.content?.['application/json']?.schema, `${method} ${path} body`),
      ]),
    );
    expect(faults).toEqual([]);
  });

  it('answers 2^31, 1e21, -1, 1.5 and a 5,000-character string in every numeric path, query and body field with a 4xx problem, whoever asks', async () => {
    const doc = (await ctx.app.inject('/api/docs')).json<{ paths: Record<string, Record<string, FullOperation>> }>();
    const callers: Record<string, string>[] = [
      asCookie(await sessionFor(ctx.app, 'admin')),
      asCookie(await sessionFor(ctx.app, 'clerk08')),
      asCookie(await sessionFor(ctx.app, 'S0011')),
      { authorization: 'Bearer demo-kiosk' },
    ];
    let probes = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        // Signing out would end the sessions the probes ride on.
        if (method === 'head' || /logout/.test(path)) continue;
        const params = op.parameters ?? [];
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        const pathValue = (name: string) => String(example(params.find((p) => p.in === 'path' && p.name === name)?.schema));
        const targets: { where: 'path' | 'query' | 'body'; name: string; bodyPath?: string[] }[] = [
          ...params.filter((p) => p.in !== 'header' && numericPaths(p.schema).length > 0).map((p) => ({ where: p.in as 'path' | 'query', name: p.name })),
          ...numericPaths(bodySchema).map((bodyPath) => ({ where: 'body' as const, name: bodyPath.join('.'), bodyPath })),
        ];
        for (const target of targets) {
          for (const value of outOfRange) {
            const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(target.where === 'path' && target.name === name ? String(value) : pathValue(name)));
            const query = target.where === 'query' ? { [target.name]: String(value) } : {};
            const payload = bodySchema ? (target.where === 'body' ? withValue(example(bodySchema) as Schema, bodySchema, target.bodyPath!, value) : example(bodySchema)) : undefined;
            for (const headers of callers) {
              const res = await ctx.app.inject({
                method: method.toUpperCase() as 'GET',
                url,
                query,
                headers,
                ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
              });
              probes += 1;
              expectProblem(res, `${method.toUpperCase()} ${url} ${target.where}.${target.name}=${String(value).slice(0, 12)}`);
            }
          }
        }
      }
    }
    expect(probes).toBeGreaterThan(500);
  }, 120_000);
});
