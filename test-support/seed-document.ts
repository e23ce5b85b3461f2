import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads the hall's catalogue document (db/seed-source/003_*.txt, kept in the repository)
 * independently of the hand-made seed, so tests can hold the seed to the document: windows,
 * numbered services, named forms.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCUMENT = path.join(root, 'db/seed-source/003_c4dab8342d027f2d.txt');

export interface DocumentWindowSection {
  numbers: number[];
  /** Numbered 办理事务 items, sub-items （1）, and an inline 服务事项 that is itself a service. */
  serviceCount: number;
  /** 《…》 titles named on 申请材料 lines. */
  namedForms: string[];
}

export function readSeedDocument(): { windows: DocumentWindowSection[]; machines: string[] } {
  const text = readFileSync(DOCUMENT, 'utf8');
  const windows: DocumentWindowSection[] = [];
  const machines: string[] = [];
  for (const section of text.split(/^### /m).slice(1)) {
    const heading = section.split('\n', 1)[0]!;
    const body = section.split(/\n## /)[0]!;
    if (!heading.includes('号窗口')) {
      machines.push(heading.trim());
      continue;
    }
    const numbers = [...heading.split('——')[0]!.matchAll(/(\d+)(?=[号、])/g)].map((m) => Number(m[1]));
    const items = body.match(/^\d+\./gm)?.length ?? 0;
    const subItems = body.match(/^（\d）/gm)?.length ?? 0;
    const inlineService = /^服务事项：\S/m.test(body) ? 1 : 0;
    const namedForms = [...body.matchAll(/^申请材料：(.*)$/gm)].flatMap((m) => [...m[1]!.matchAll(/《([^》]+)》/g)].map((f) => f[1]!));
    windows.push({ numbers, serviceCount: items + subItems + inlineService, namedForms });
  }
  return { windows, machines };
}
