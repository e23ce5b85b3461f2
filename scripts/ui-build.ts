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

/** Sources outside the apps that both bundle: the live protocol and client, and the ticket statuses. */
const SHARED_SOURCES = ['server/src/client', 'db/src/ticket-status.ts'];

/** The UIs are built when missing or when their sources changed since the last build. */
export function ensureUiBuilt(): void {
  for (const ui of ['desk-ui', 'display-board']) {
    const index = path.join(root, ui, 'build', 'index.html');
    const sources = [path.join(root, ui, 'src'), path.join(root, ui, 'static'), ...SHARED_SOURCES.map((s) => path.join(root, s))].filter((d) => existsSync(d));
    const stale = !existsSync(index) || sources.some((d) => newest(d) > statSync(index).mtimeMs);
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
