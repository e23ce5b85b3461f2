import { describe, expect, it } from 'vitest';
import { maskName } from './mask.ts';

describe('maskName', () => {
  it.each([
    ['张三明', '张*明'],
    ['李四', '李*'],
    ['欧阳娜娜', '欧**娜'],
    ['王', '王'],
    ['Alex Chen', 'A*** C***'],
    ['  ', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
