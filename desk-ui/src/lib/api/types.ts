import type { components, operations } from './schema';

/** The JSON body an operation answers with `status`. */
export type ResponseOf<Op extends keyof operations, Status extends number = 200> = operations[Op]['responses'] extends Record<
  Status,
  { content: { 'application/json': infer Body } }
>
  ? Body
  : never;

/** The JSON body an operation takes. */
export type BodyOf<Op extends keyof operations> = NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

/** The query parameters an operation takes. */
export type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export type Schemas = components['schemas'];
