import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Announcer, safetyTimeoutMs, type AnnouncerDeps } from './announcer';

type Step = { kind: 'chime' | 'speak' | 'cancel'; text?: string; lang?: string };

/** Sound that takes the given time, on vitest's fake clock, recording what it does and whether it overlaps. */
function fakeSound({ speakMs = 3000, chimeMs = 1000, speakSettles = true } = {}) {
  const steps: Step[] = [];
  const announced: string[][] = [];
  let busy = 0;
  let overlapped = false;
  const occupy = async <T>(ms: number, step: Step, settles = true) => {
    steps.push(step);
    if (busy > 0) overlapped = true;
    busy++;
    if (!settles) return new Promise<T>(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, ms));
    busy--;
    return undefined as T;
  };
  const deps: AnnouncerDeps = {
    chime: () => occupy(chimeMs, { kind: 'chime' }),
    speak: (text, lang) => occupy(speakMs, { kind: 'speak', text, lang }, speakSettles),
    cancelSpeech: () => {
      steps.push({ kind: 'cancel' });
      busy = 0;
    },
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    onAnnounce: (lines) => announced.push(lines),
  };
  return { deps, steps, announced, overlapped: () => overlapped };
}

const said = (steps: Step[]) => steps.filter((s) => s.kind !== 'cancel').map((s) => (s.kind === 'chime' ? '♪' : s.text));

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Announcer', () => {
  it('chimes, then says each call twice, one call after the other, never overlapping', async () => {
    const sound = fakeSound();
    const announcer = new Announcer(sound.deps, { english: false });
    announcer.enqueue({ number: 'A012', windowNumber: 8, recall: false });
    announcer.enqueue({ number: 'C003', windowNumber: 21, recall: false });
    await vi.advanceTimersByTimeAsync(60_000);

    const a = '请 A 零一二 号，到 八号窗口 办理';
    const c = '请 C 零零三 号，到 二十一号窗口 办理';
    expect(said(sound.steps)).toEqual(['♪', a, a, '♪', c, c]);
    expect(sound.overlapped()).toBe(false);
    expect(sound.steps.every((s) => s.kind !== 'speak' || s.lang === 'zh-CN')).toBe(true);
    expect(sound.announced).toEqual([[a], [c]]);
    expect(announcer.pending).toBe(0);
  });

  it('takes calls that arrive while it speaks in turn', async () => {
    const sound = fakeSound();
    const announcer = new Announcer(sound.deps, { english: false });
    announcer.enqueue({ number: 'A001', windowNumber: 1, recall: false });
    await vi.advanceTimersByTimeAsync(2000); // mid-sentence
    announcer.enqueue({ number: 'A002', windowNumber: 2, recall: false });
    expect(sound.steps.filter((s) => s.text?.includes('零零二'))).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(said(sound.steps)).toHaveLength(6);
    expect(sound.overlapped()).toBe(false);
  });

  it('adds the English line after the Chinese one when asked', async () => {
    const sound = fakeSound();
    const announcer = new Announcer(sound.deps, { english: true });
    announcer.enqueue({ number: 'A012', windowNumber: 8, recall: true });
    await vi.advanceTimersByTimeAsync(60_000);
    const zh = '请 A 零一二 号，到 八号窗口 办理';
    const en = 'Number A 0 1 2, please go to window 8.';
    expect(said(sound.steps)).toEqual(['♪', zh, en, zh, en]);
    expect(sound.steps.filter((s) => s.text === en).every((s) => s.lang === 'en-US')).toBe(true);
    expect(sound.announced).toEqual([[zh, en]]);
  });

  it('moves on after the safety timeout when the browser never ends an utterance', async () => {
    const sound = fakeSound({ speakSettles: false });
    const announcer = new Announcer(sound.deps, { english: false });
    announcer.enqueue({ number: 'A012', windowNumber: 8, recall: false });
    announcer.enqueue({ number: 'A013', windowNumber: 8, recall: false });
    const line = '请 A 零一二 号，到 八号窗口 办理';
    await vi.advanceTimersByTimeAsync(1000 + safetyTimeoutMs(line) - 1);
    expect(sound.steps.filter((s) => s.kind === 'cancel')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sound.steps.filter((s) => s.kind === 'cancel')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(said(sound.steps)).toHaveLength(6);
    expect(sound.steps.filter((s) => s.kind === 'cancel')).toHaveLength(4);
  });

  it('keeps going when there is no sound at all, or when it fails', async () => {
    const announced: string[] = [];
    const announcer = new Announcer(
      {
        chime: () => Promise.reject(new Error('no audio')),
        speak: () => {
          throw new Error('no speechSynthesis');
        },
        cancelSpeech: () => undefined,
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => Date.now(),
        onAnnounce: (lines) => announced.push(...lines),
      },
      { english: false },
    );
    announcer.enqueue({ number: 'A001', windowNumber: 1, recall: false });
    announcer.enqueue({ number: 'A002', windowNumber: 2, recall: false });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(announced).toEqual(['请 A 零零一 号，到 一号窗口 办理', '请 A 零零二 号，到 二号窗口 办理']);
  });

  it('does not pause between lines nobody hears (no voice installed)', async () => {
    const announced: string[] = [];
    const announcer = new Announcer(
      {
        chime: () => Promise.resolve(),
        speak: () => Promise.resolve(false),
        cancelSpeech: () => undefined,
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        now: () => Date.now(),
        onAnnounce: (lines) => announced.push(...lines),
      },
      { english: true },
    );
    announcer.enqueue({ number: 'A001', windowNumber: 1, recall: false });
    announcer.enqueue({ number: 'A002', windowNumber: 2, recall: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(announced).toHaveLength(4);
    expect(announcer.pending).toBe(0);
  });

  it('does not queue the same call twice, and drops calls that waited too long', async () => {
    const sound = fakeSound();
    const announcer = new Announcer(sound.deps, { english: false, maxAgeMs: 10_000 });
    announcer.enqueue({ number: 'A001', windowNumber: 1, recall: false });
    announcer.enqueue({ number: 'A002', windowNumber: 2, recall: false });
    announcer.enqueue({ number: 'A002', windowNumber: 2, recall: true });
    expect(announcer.pending).toBe(1);
    announcer.enqueue({ number: 'A003', windowNumber: 3, recall: false });
    await vi.advanceTimersByTimeAsync(300_000);
    // Each call takes about 8.4 s: A002's turn comes in time, A003's after it waited 16.8 s.
    expect(sound.announced.map(([line]) => line)).toEqual(['请 A 零零一 号，到 一号窗口 办理', '请 A 零零二 号，到 二号窗口 办理']);
  });

  it('stops speaking and forgets the queue when stopped', async () => {
    const sound = fakeSound();
    const announcer = new Announcer(sound.deps, { english: false });
    announcer.enqueue({ number: 'A001', windowNumber: 1, recall: false });
    announcer.enqueue({ number: 'A002', windowNumber: 2, recall: false });
    await vi.advanceTimersByTimeAsync(1500);
    announcer.stop();
    announcer.enqueue({ number: 'A003', windowNumber: 3, recall: false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sound.announced).toHaveLength(1);
    expect(sound.steps.some((s) => s.kind === 'cancel')).toBe(true);
  });
});
