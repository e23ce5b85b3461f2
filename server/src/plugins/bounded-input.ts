import fp from 'fastify-plugin';

/** Postgres `integer`: every id and count this API stores fits, and a larger number must be a 400, not a database error. */
const INT32_MAX = 2_147_483_647;

type JsonSchema = Record<string, unknown>;

/**
 * Where a request schema lets through a value the database cannot take: an integer or number with
 * no bounds inside 32 bits, a string with no length limit (an over-long one breaks a btree index).
 * Returns a path per fault, empty when the schema is bounded everywhere.
 */
export function unboundedFields(schema: unknown, at = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as JsonSchema;
  const faults: string[] = [];
  const types = [s.type].flat();
  if (types.includes('integer') || types.includes('number')) {
    const { minimum, maximum } = s as { minimum?: unknown; maximum?: unknown };
    if (typeof minimum !== 'number' || typeof maximum !== 'number' || maximum > INT32_MAX || minimum < -INT32_MAX - 1) {
      faults.push(`${at || '(root)'}: integer without minimum/maximum inside 32 bits`);
    }
  }
  if (types.includes('string') && s.maxLength === undefined && s.const === undefined && s.enum === undefined && !['uuid', 'date', 'date-time'].includes(String(s.format))) {
    faults.push(`${at || '(root)'}: string without maxLength`);
  }
  if (types.includes('array') && s.maxItems === undefined) faults.push(`${at || '(root)'}: array without maxItems`);
  for (const [key, child] of Object.entries((s.properties as Record<string, unknown> | undefined) ?? {})) faults.push(...unboundedFields(child, `${at}.${key}`));
  if (s.items) faults.push(...unboundedFields(s.items, `${at}[]`));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, child] of ((s[key] as unknown[] | undefined) ?? []).entries()) faults.push(...unboundedFields(child, `${at}<${key}${i}>`));
  }
  return faults;
}

/**
 * Refuses to start when a route's params, query or body would let an out-of-range number or an
 * unbounded string reach the database: the bad-input test then only has to prove the rule holds.
 */
export default fp(
  async (app) => {
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api')) return;
      const schema = route.schema as Record<string, unknown> | undefined;
      const faults = (['params', 'querystring', 'body'] as const).flatMap((part) => unboundedFields(schema?.[part], part));
      if (faults.length > 0) throw new Error(`Route ${String(route.method)} ${route.url} accepts unbounded input: ${faults.join('; ')}`);
    });
  },
  { name: 'bounded-input' },
);
