import { spawn, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';

/**
 * A small parent process for `npm start`, start:api and start:worker: it runs the real process as
 * its child and starts it again at once when it dies, so a crash (a driver bug, an out-of-memory
 * kill) costs the hall seconds, not a morning until someone notices. It forwards SIGINT and SIGTERM
 * for a graceful shutdown and never restarts a clean exit, nor a configuration or preflight error
 * (exit code 2) before the child was ever up: that one clear line is the whole answer.
 */

/** The message a child sends (over IPC) once it listens or its workers run. */
export const READY_MESSAGE = 'campus-desk:ready';
/** Set in the child's environment, so it knows to run the process itself. */
export const SUPERVISED_ENV = 'CAMPUS_DESK_SUPERVISED';

export interface SuperviseOptions {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** The n-th restart in a row waits restartDelay(n); the first is immediate. */
  restartDelay?: (restartsInARow: number) => number;
  /** A child that ran this long before dying starts the backoff again from zero. */
  stableMs?: number;
  /** After a forwarded signal, a child still running this long later is killed. */
  forceKillMs?: number;
  /** Where SIGINT and SIGTERM arrive (the process; tests pass their own emitter). */
  signals?: EventEmitter;
}

/** 0 s, then 1, 2, 4, 8, 16, 30, 30 … s. */
export const defaultRestartDelay = (n: number): number => (n <= 1 ? 0 : Math.min(1000 * 2 ** (n - 2), 30_000));

const describeExit = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `signal ${signal}` : `exit code ${code}`);

/** Runs the child until it exits cleanly or a signal stops it; resolves with the exit code to use. */
export function supervise(opts: SuperviseOptions): Promise<number> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const delayFor = opts.restartDelay ?? defaultRestartDelay;
  const stableMs = opts.stableMs ?? 60_000;
  const forceKillMs = opts.forceKillMs ?? 15_000;

  return new Promise((resolve) => {
    let child: ChildProcess | undefined;
    let stopping = false;
    let everReady = false;
    let restartsInARow = 0;
    let pendingRestart: NodeJS.Timeout | undefined;

    const start = (after?: { pid: number | undefined; code: number | null; signal: NodeJS.Signals | null }) => {
      pendingRestart = undefined;
      const startedAt = Date.now();
      const current = spawn(opts.command, opts.args, {
        env: { ...(opts.env ?? process.env), [SUPERVISED_ENV]: '1' },
        stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      });
      child = current;
      if (after) log(`campus-desk: restarted after ${describeExit(after.code, after.signal)} (pid ${after.pid} → ${current.pid})`);
      current.on('message', (message) => {
        if (message === READY_MESSAGE) everReady = true;
      });
      current.on('error', (err) => log(`campus-desk: could not start ${opts.command}: ${err.message}`));
      current.on('exit', (code, signal) => {
        child = undefined;
        if (stopping) return resolve(code ?? 1);
        if (code === 0) return resolve(0);
        if (code === 2 && !everReady) return resolve(2);
        restartsInARow = Date.now() - startedAt >= stableMs ? 1 : restartsInARow + 1;
        const delay = delayFor(restartsInARow);
        const exited = { pid: current.pid, code, signal };
        if (delay === 0) return start(exited);
        log(`campus-desk: pid ${current.pid} stopped (${describeExit(code, signal)}); restarting in ${Math.round(delay / 100) / 10} s`);
        pendingRestart = setTimeout(() => start(exited), delay);
      });
    };

    const stop = (signal: NodeJS.Signals) => {
      if (pendingRestart) {
        clearTimeout(pendingRestart);
        return resolve(0);
      }
      const running = child;
      if (!running) return;
      // A terminal's Ctrl-C reaches the child too; it ignores the repeat.
      running.kill(signal);
      if (stopping) return;
      stopping = true;
      setTimeout(() => running.kill('SIGKILL'), forceKillMs).unref();
    };
    const signals = opts.signals ?? process;
    signals.on('SIGINT', () => stop('SIGINT'));
    signals.on('SIGTERM', () => stop('SIGTERM'));
    start();
  });
}
