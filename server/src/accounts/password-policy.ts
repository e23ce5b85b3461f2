/** A short list of what people pick first; argon2 makes guessing slow, this makes it pointless. */
const COMMON = new Set([
  'password', 'password1', '12345678', '123456789', '1234567890', '11111111', '88888888', '00000000', 'qwertyui',
  'qwerty123', 'abc12345', 'a1234567', 'iloveyou', 'demo1234', 'admin123', 'welcome1', 'changeme', 'woaini1314',
  '1qaz2wsx', 'zxcvbnm1', 'asdfghjk', 'aa123456', 'abcd1234', '12341234', 'p@ssw0rd',
]);

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, username: string): string | null {
  if ([...password].length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if ([...password].length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'Do not use your username in the password.';
  if (COMMON.has(password.toLowerCase())) return 'This password is too common.';
  if (new Set(password).size < 4) return 'Use more different characters.';
  return null;
}
