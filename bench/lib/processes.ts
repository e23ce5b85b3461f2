import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The machine's cores: servers on the first, the load generator (this process) on the last. */
export const SERVER_CPU = '0';
export const LOAD_CPU = '1';

export interface Proc {
  pid: number;
  /** Resident memory of the process now, in bytes. */
  rss(): number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a TypeScript entry point as its own process, pinned to `cpu` (taskset), and resolves once
 * a line of its output matches `ready`.
 */
export async function startProcess(entry: string, args: string[], options: { env?: Record<string, string>; cpu?: string | null; ready: RegExp; timeoutMs?: number }): Promise<Proc> {
  // BENCH_CPU_PROF=<dir>: every process the bench starts writes a V8 CPU profile there on exit.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const node = [process.execPath, ...profile, '--import', 'tsx', path.join(root, entry), ...args];
  const pinned = options.cpu === null || options.cpu === undefined ? node : ['taskset', '-c', options.cpu, ...node];
  const command = pinned;
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} not ready within ${options.timeoutMs ?? 60_000} ms:\n${output.slice(-2000)}`)), options.timeoutMs ?? 60_000);
    const check = () => {
      if (options.ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited with ${code} before it was ready:\n${output.slice(-2000)}`));
    });
  });
  // taskset execs the program in place: the child's pid is the node process's.
  const pid = child.pid!;
  return {
    pid,
    rss: () => rssOf(pid),
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Open files one process may hold (its hard limit, which a container may fix below what the
 * scenarios ask for): each socket is one.
 */
export function fileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line?.trim().split(/\s+/)[4] ?? 1024);
}

export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/** Runs a command to completion, pinned to a core, and answers its output. */
export async function runCommand(command: string[], options: { cpu?: string; env?: Record<string, string> } = {}): Promise<string> {
  const full = options.cpu ? ['taskset', '-c', options.cpu, ...command] : command;
  return new Promise((resolve, reject) => {
    const child = spawn(full[0]!, full.slice(1), { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${full.join(' ')} exited ${code}:\n${out.slice(-3000)}`))));
  });
}
