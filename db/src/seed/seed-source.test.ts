import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const sourceDir = path.join(root, 'db/seed-source');

/** A clone is all a user has: nothing may reach for the workspace folder the documents came from. */
describe('the seed sources live in the repository', () => {
  it('holds every document the seed and its tests are built from', () => {
    for (const name of ['000_64680af7743078b5.txt', '001_3a6bbaaf74b20a51.txt', '002_e31010eca133374f.txt', '003_c4dab8342d027f2d.txt', '004_c446419ec7321fa2.txt']) {
      expect(existsSync(path.join(sourceDir, name)), name).toBe(true);
    }
    expect(readFileSync(path.join(sourceDir, '003_c4dab8342d027f2d.txt'), 'utf8')).toContain('号窗口');
  });

  it('has no tracked file that reads from a folder outside the clone', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter((f) => /\.(ts|js|mjs|svelte|json)$/.test(f));
    // Built from parts so this file does not match itself.
    const outside = new RegExp(['\\.\\./', 'shared/', 'seeds'].join(''));
    const offenders = tracked.filter((f) => existsSync(path.join(root, f)) && outside.test(readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
