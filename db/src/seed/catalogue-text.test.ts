import { describe, expect, it } from 'vitest';
import { catalogue } from './catalogue-data.ts';

/** Every string in a value, with where it is, for checks on what readers are shown. */
function strings(value: unknown, at: string): { at: string; text: string }[] {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
  return [];
}

describe('the catalogue’s text', () => {
  it('holds no editor placeholder for a link the document never gave, like （链接校医院）', () => {
    const found = catalogue.services.flatMap((s) => strings(s, s.code)).filter((s) => /（链接[^）]*）|\(链接[^)]*\)/.test(s.text));
    expect(found).toEqual([]);
  });

  it('describes 学生医药费报销 as the students’ service its name says', () => {
    const service = catalogue.services.find((s) => s.nameZh === '学生医药费报销')!;
    expect(service.descriptionZh).toContain('学生');
    expect(service.descriptionZh).not.toContain('教职工');
    expect(service.descriptionEn).toMatch(/\bstudents?\b/i);
    expect(service.descriptionEn).not.toMatch(/\bstaff\b/i);
  });
});
