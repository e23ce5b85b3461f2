#!/usr/bin/env node
// Dependency-free on purpose: it runs before node_modules exists.
// Installs the locked dependencies when node_modules is missing or older than package-lock.json
// (or than the lock and patches/ last installed, when known; `npm ci` applies patches/ through the
// root postinstall),
// and with --browser makes sure Debian's Chromium (and CJK fonts for screenshots) are installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
const patches = path.join(root, 'patches');
// The hash of the lock and the patches as of the last install this script saw: mtimes alone
// mislead after `npm install <pkg>`, and a changed patch must be applied again.
const stamp = path.join(root, 'node_modules', '.campus-desk-lock');

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

// Tests that run `npm start` set this: reinstalling node_modules under a running test suite breaks it.
const skip = process.env.CAMPUS_DESK_SKIP_INSTALL === '1';
const hash = createHash('sha256').update(readFileSync(lock));
for (const name of existsSync(patches) ? readdirSync(patches).sort() : []) hash.update(name).update(readFileSync(path.join(patches, name)));
const lockHash = hash.digest('hex');
const stale = !existsSync(installed)
  || (existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() !== lockHash : statSync(installed).mtimeMs < statSync(lock).mtimeMs);
if (stale && !skip) {
  console.log('Installing dependencies (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (!skip) writeFileSync(stamp, `${lockHash}\n`);

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const haveFonts = () => {
    try {
      return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false;
    }
  };
  const missing = [];
  if (!existsSync(chromium)) missing.push('chromium');
  if (!haveFonts()) missing.push('fonts-noto-cjk');
  if (missing.length > 0) {
    if (typeof process.getuid === 'function' && process.getuid() !== 0) {
      console.error(`Browser tests need: sudo apt-get install -y ${missing.join(' ')}`);
      process.exit(1);
    }
    console.log(`Installing ${missing.join(', ')} from Debian…`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  }
}
