import { describe, expect, it } from 'vitest';
import { committedApiTypes, generateApiTypes } from './api-types.ts';
import { openApiDocument } from './openapi-document.ts';
import { lintOpenApiDocument } from './openapi-lint.ts';

describe('the OpenAPI document', () => {
  it('passes redocly lint with the recommended rules, no errors', async () => {
    const result = await lintOpenApiDocument(await openApiDocument());
    expect(result.errors, result.report).toBe(0);
  });

  it('gives every operation an operationId and a security requirement', async () => {
    const doc = (await openApiDocument()) as { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> };
    const operations = Object.values(doc.paths).flatMap((ops) => Object.values(ops));
    expect(operations.length).toBeGreaterThan(40);
    for (const op of operations) {
      expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.security).toBeInstanceOf(Array);
    }
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
    expect(doc.paths['/api/windows/{id}/call-next']?.post?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/services']?.get?.security).toEqual([]);
    expect(doc.paths['/api/tickets']?.post?.security).toEqual([{ session: [] }, { device: [] }]);
  });
});

describe('desk-ui/src/lib/api/schema.d.ts', () => {
  it('is what `npm run api:types` generates from the document today (regenerate it when this fails)', async () => {
    expect(await committedApiTypes()).toBe(await generateApiTypes());
  });
});
