import { describe, expect, it } from 'vitest';
import { en } from './en';
import { translate } from './translate';
import { zh, type MessageKey } from './zh';

describe('translate', () => {
  it('fills placeholders and says "1 service", not "1 services"', () => {
    expect(translate(en, 'families.serviceCount', { n: 1 })).toBe('1 service');
    expect(translate(en, 'families.serviceCount', { n: 14 })).toBe('14 services');
    expect(translate(en, 'families.serviceCount', { n: 0 })).toBe('0 services');
    expect(translate(zh, 'families.serviceCount', { n: 1 })).toBe('1 项服务');
  });

  it('has a singular for every English count followed by a plural noun', () => {
    const plural = (Object.keys(en) as MessageKey[]).filter((k) => /\{n\} [a-z]+s\b/.test(en[k]) && !k.endsWith('.one'));
    expect(plural.length).toBeGreaterThan(0);
    for (const key of plural) {
      const single = translate(en, key, { n: 1 });
      expect(single, key).not.toMatch(/\b1 [a-z]+s\b/);
    }
  });

  it('addresses the reader as 您 throughout the Chinese UI, the 404 page too', () => {
    expect(Object.entries(zh).filter(([, text]) => text.includes('你'))).toEqual([]);
    expect(zh['error.notFoundText']).toContain('您');
  });
});
