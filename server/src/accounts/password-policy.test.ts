import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.ts';

describe('passwordProblem', () => {
  it.each([
    ['short', 'S0001', /at least 8/],
    ['S0001abcd', 'S0001', /username/],
    ['demo1234', 'S0001', /too common/],
    ['aaaaaaaaaa', 'S0001', /different characters/],
  ])('refuses %s', (password, username, why) => {
    expect(passwordProblem(password, username)).toMatch(why);
  });

  it('accepts a reasonable password, in Chinese too', () => {
    expect(passwordProblem('图书馆三楼门口见面', 'S0001')).toBeNull();
    expect(passwordProblem('correct horse battery', 'S0001')).toBeNull();
  });
});
