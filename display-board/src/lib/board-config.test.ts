import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseBoardConfig } from './board-config';

const parse = (query: string) => parseBoardConfig(new URLSearchParams(query));

describe('parseBoardConfig', () => {
  it('defaults to every window and family, Chinese with English, voice on, English voice off', () => {
    expect(parse('')).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toMatchObject({ windows: null, families: null, lang: 'zh-en', voice: true, voiceEn: false });
  });

  it('reads every parameter', () => {
    expect(parse('windows=1,2,8&families=card_center,door_lock&lang=zh&voice=off&voiceEn=on&calls=8')).toEqual({
      windows: [1, 2, 8],
      families: ['card_center', 'door_lock'],
      lang: 'zh',
      voice: false,
      voiceEn: true,
      calls: 8,
    });
  });

  it('leaves out list items that do not parse, and falls back to all when none does', () => {
    expect(parse('windows=1,%20x,8,8,').windows).toEqual([1, 8]);
    expect(parse('windows=abc').windows).toBeNull();
    expect(parse('windows=').windows).toBeNull();
    expect(parse('families=Card_Center,<script>').families).toEqual(['card_center']);
    expect(parse('families=,,').families).toBeNull();
  });

  it('falls back to the default for any other value it does not know', () => {
    const config = parse('lang=fr&voice=yes&voiceEn=1&calls=0');
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(parse('calls=11').calls).toBe(DEFAULT_CONFIG.calls);
    expect(parse('calls=2.5').calls).toBe(DEFAULT_CONFIG.calls);
    expect(parse('calls=-3').calls).toBe(DEFAULT_CONFIG.calls);
    expect(parse('lang=ZH-EN').lang).toBe('zh-en');
  });
});
