/**
 * Names on public surfaces (lobby board, kiosk, a clerk's queue list) are masked: 张三明 → 张*明,
 * 李四 → 李*, Alex Chen → A*** C***. Only the first character of each part survives, plus the last
 * character of a Chinese name of three or more characters, as halls customarily show.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  const chars = [...trimmed];
  if (/^[\p{Script=Han}·]+$/u.test(trimmed)) {
    if (chars.length === 1) return chars[0]!;
    if (chars.length === 2) return `${chars[0]}*`;
    return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
  }
  return trimmed
    .split(/\s+/)
    .map((part) => {
      const p = [...part];
      return p[0]! + '*'.repeat(Math.max(1, p.length - 1));
    })
    .join(' ');
}
