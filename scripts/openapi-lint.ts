import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from './openapi-document.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface LintResult {
  errors: number;
  warnings: number;
  /** Redocly's own report, for a person to read. */
  report: string;
}

/** Lints the API's document with `redocly lint` and the rules of redocly.yaml. */
export async function lintOpenApiDocument(document: unknown): Promise<LintResult> {
  const dir = await mkdtemp(join(tmpdir(), 'campus-openapi-'));
  const file = join(dir, 'openapi.json');
  try {
    await writeFile(file, JSON.stringify(document));
    const args = ['lint', file, '--config', join(root, 'redocly.yaml'), '--format', 'stylish'];
    const bin = join(root, 'node_modules', '.bin', 'redocly');
    const run = await promisify(execFile)(bin, args, { cwd: root, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).then(
      (r) => ({ ok: true, out: r.stdout + r.stderr }),
      (err: { stdout?: string; stderr?: string }) => ({ ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
    );
    const count = (kind: string) => Number(new RegExp(`(\\d+) ${kind}`).exec(run.out)?.[1] ?? 0);
    const errors = run.ok ? 0 : Math.max(1, count('errors?'));
    return { errors, warnings: count('warnings?'), report: run.out };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await lintOpenApiDocument(await openApiDocument());
  process.stdout.write(result.report);
  process.exitCode = result.errors > 0 ? 1 : 0;
}
