import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './processes.ts';

export interface ScenarioResult {
  name: string;
  /** What was measured, e.g. "req/s". */
  unit: string;
  figure: number;
  baseline: number;
  /** figure ÷ baseline (for latency and memory: lower is better, the target says which way). */
  ratio: number;
  /** The target as a sentence: "≥ 0.7× req/s; p99 ≤ 1.5×". */
  target: string;
  pass: boolean;
  /** Everything else worth reading: spreads, p99s, correctness checks, notes. */
  details: Record<string, unknown>;
  error?: string;
}

const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

export function table(results: ScenarioResult[]): string {
  const rows = results.map((r) => [
    r.name,
    r.error ? 'error' : `${fmt(r.figure)} ${r.unit}`,
    r.error ? '—' : `${fmt(r.baseline)} ${r.unit}`,
    r.error ? '—' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.pass ? 'met' : 'NOT met',
  ]);
  const head = ['scenario', 'figure', 'baseline', 'ratio', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** bench/results/latest.json (an array: name, figure, baseline, ratio, target, pass, …) and latest.md. */
export function writeResults(results: ScenarioResult[], machine: Record<string, unknown>): void {
  const dir = path.join(root, 'bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  const md = [
    '# Benchmark results',
    '',
    `Run ${new Date().toISOString()} with \`npm run bench\` on ${String(machine.cpus)} × ${String(machine.cpuModel)}, Node ${String(machine.node)}, ${String(machine.postgres)}, Redis ${String(machine.redis)}.`,
    'Each figure is the median of its runs, measured against a baseline of the machine\'s own limit in the same run (see bench/README.md).',
    '',
    table(results),
    '',
    '## Details',
    '',
    ...results.flatMap((r) => [`### ${r.name}`, '', '```json', JSON.stringify({ ...r.details, ...(r.error ? { error: r.error } : {}) }, null, 2), '```', '']),
  ].join('\n');
  writeFileSync(path.join(dir, 'latest.md'), md);
}
