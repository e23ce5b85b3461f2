/** A short list of what people pick first; argon2 makes guessing slow, this makes it pointless. */
const COMMON = new Set([
  'password', 'password1', '12345678', '123456789', '1234567890', '11111111', '88888888', '00000000', 'qwertyui',
  'qwerty123', 'abc12345', 'a1234567', 'iloveyou', 'demo1234', 'admin123', 'welcome1', 'changeme', 'woaini1314',
  '1qaz2wsx', 'zxcvbnm1', 'asdfghjk', 'aa123456', 'abcd1234', '12341234', 'p@ssw0rd',
]);

const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export type PasswordReason = 'too_short' | 'too_long' | 'contains_username' | 'too_common' | 'too_simple';

/** Why a new password is refused (a stable reason for the UI's own words, and an English message), or null. */
export function passwordCheck(password: string, username: string): { reason: PasswordReason; message: string } | null {
  if ([...password].length < PASSWORD_MIN) return { reason: 'too_short', message: `Use at least ${PASSWORD_MIN} characters.` };
  if ([...password].length > PASSWORD_MAX) return { reason: 'too_long', message: `Use at most ${PASSWORD_MAX} characters.` };
  if (password.toLowerCase().includes(username.toLowerCase())) return { reason: 'contains_username', message: 'Do not use your username in the password.' };
  if (COMMON.has(password.toLowerCase())) return { reason: 'too_common', message: 'This password is too common.' };
  if (new Set(password).size < 4) return { reason: 'too_simple', message: 'Use more different characters.' };
  return null;
}

export function passwordProblem(password: string, username: string): string | null {
  return passwordCheck(password, username)?.message ?? null;
}
