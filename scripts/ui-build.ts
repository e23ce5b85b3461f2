import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Newest modification time under a folder, or of a file (sources of a UI). */
function newest(dir: string): number {
  if (statSync(dir).isFile()) return statSync(dir).mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

/**
 * What both UIs build from besides their own folders: the page template, the shared config, and
 * the browser code they bundle from other packages (the live protocol and client, the hall clock,
 * the ticket statuses).
 */
const SHARED = ['app.html', 'svelte.config.base.js', 'vite.config.base.ts', 'server/src/client', 'db/src/ticket-status.ts'].map((f) => path.join(root, f));

/** The UIs are built when missing or when their sources changed since the last build. */
export function ensureUiBuilt(): void {
  const shared = Math.max(...SHARED.filter((f) => existsSync(f)).map(newest));
  for (const ui of ['desk-ui', 'display-board']) {
    const index = path.join(root, ui, 'build', 'index.html');
    const sources = [path.join(root, ui, 'src'), path.join(root, ui, 'static')].filter((d) => existsSync(d));
    const stale = !existsSync(index) || shared > statSync(index).mtimeMs || sources.some((d) => newest(d) > statSync(index).mtimeMs);
    if (!stale) continue;
    console.log(`Building ${ui}…`);
    // Always a production build, whatever NODE_ENV the server itself runs with.
    const result = spawnSync('npm', ['run', '-w', ui, 'build', '--silent'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) throw new Error(`Building ${ui} failed`);
  }
}
