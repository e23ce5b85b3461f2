import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRestartDelay, READY_MESSAGE, supervise } from './supervisor.ts';

/**
 * The supervisor with small real child processes: each run of the child appends a line to a file
 * and then does what its script says for that run, so a test reads how often it was started.
 */
const dir = mkdtempSync(path.join(tmpdir(), 'cd-supervisor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function childScript(name: string, body: string): { file: string; runs: () => number } {
  const file = path.join(dir, `${name}.cjs`);
  const log = path.join(dir, `${name}.runs`);
  writeFileSync(log, '');
  writeFileSync(
    file,
    `const fs = require('node:fs');
     fs.appendFileSync(${JSON.stringify(log)}, 'run\\n');
     const run = fs.readFileSync(${JSON.stringify(log)}, 'utf8').trim().split('\\n').length;
     const ready = () => process.send && process.send(${JSON.stringify(READY_MESSAGE)});
     ${body}`,
  );
  return { file, runs: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).length };
}

function run(file: string, extra: { signals?: EventEmitter; restartDelay?: (n: number) => number } = {}) {
  const lines: string[] = [];
  const exited = supervise({ command: process.execPath, args: [file], log: (l) => lines.push(l), restartDelay: () => 0, ...extra });
  return { exited, lines };
}

describe('the supervisor', () => {
  it('restarts a crashed child at once and says after what', async () => {
    const child = childScript('crash', `ready(); if (run < 3) process.exit(1); if (run === 3) process.kill(process.pid, 'SIGKILL'); process.exit(0);`);
    const { exited, lines } = run(child.file);
    expect(await exited).toBe(0);
    expect(child.runs()).toBe(4);
    expect(lines).toEqual([
      expect.stringMatching(/^campus-desk: restarted after exit code 1 \(pid \d+ → \d+\)$/),
      expect.stringMatching(/^campus-desk: restarted after exit code 1 /),
      expect.stringMatching(/^campus-desk: restarted after signal SIGKILL /),
    ]);
  });

  it('does not restart a clean exit', async () => {
    const child = childScript('clean', `ready(); process.exit(0);`);
    const { exited, lines } = run(child.file);
    expect(await exited).toBe(0);
    expect(child.runs()).toBe(1);
    expect(lines).toEqual([]);
  });

  it('does not restart a configuration or preflight error (exit 2) before the process was ever up', async () => {
    const child = childScript('config', `process.exit(2);`);
    const { exited, lines } = run(child.file);
    expect(await exited).toBe(2);
    expect(child.runs()).toBe(1);
    expect(lines).toEqual([]);
  });

  it('keeps trying when a restarted process finds Postgres or Redis still down (exit 2 after it was up)', async () => {
    const child = childScript('preflight', `if (run === 1) { ready(); setTimeout(() => process.exit(1), 50); } else if (run < 4) process.exit(2); else { ready(); process.exit(0); }`);
    const { exited, lines } = run(child.file);
    expect(await exited).toBe(0);
    expect(child.runs()).toBe(4);
    expect(lines.filter((l) => l.includes('restarted after exit code 2'))).toHaveLength(2);
  });

  it('forwards SIGTERM for a graceful shutdown and exits with the child’s code, without restarting', async () => {
    const child = childScript('graceful', `ready(); process.on('SIGTERM', () => { fs.appendFileSync(${JSON.stringify(path.join(dir, 'graceful.term'))}, 'term'); setTimeout(() => process.exit(0), 100); }); setInterval(() => {}, 1000);`);
    const signals = new EventEmitter();
    const { exited, lines } = run(child.file, { signals });
    await waitFor(() => child.runs() === 1);
    await new Promise((r) => setTimeout(r, 200));
    signals.emit('SIGTERM');
    expect(await exited).toBe(0);
    expect(readFileSync(path.join(dir, 'graceful.term'), 'utf8')).toBe('term');
    expect(child.runs()).toBe(1);
    expect(lines).toEqual([]);
  });

  it('backs off when the child keeps dying: at once, then 1 s, 2 s, 4 s … at most 30 s', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(defaultRestartDelay)).toEqual([0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    const child = childScript('backoff', `if (run < 3) process.exit(1); ready(); process.exit(0);`);
    const started = Date.now();
    const { exited, lines } = run(child.file, { restartDelay: (n) => (n <= 1 ? 0 : 300) });
    expect(await exited).toBe(0);
    expect(child.runs()).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(lines).toContainEqual(expect.stringMatching(/^campus-desk: pid \d+ stopped \(exit code 1\); restarting in 0\.3 s$/));
  });
});

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
