/**
 * The hall's voice: one announcement at a time, from a queue, so calls never talk over each other.
 * Each is a chime, then the call said twice (Chinese, and English when asked). The sound itself comes
 * in from outside (`voice.ts` in the browser, fakes in tests), so this stays free of the DOM.
 */
import { announcementEn, announcementZh, type Call } from './speech-text';

export type SpeechLang = 'zh-CN' | 'en-US';

export interface AnnouncerDeps {
  /** Plays the chime; settles when it has finished (at once when there is no sound to play). */
  chime(): Promise<void>;
  /**
   * Says one line; settles when it ended or failed, with false when there was no voice to say it
   * (then no pause follows). May never settle: browsers lose `onend`.
   */
  speak(text: string, lang: SpeechLang): Promise<boolean | void>;
  /** Stops whatever is being said: used when `speak` outlived its safety timeout. */
  cancelSpeech(): void;
  wait(ms: number): Promise<void>;
  now(): number;
  /** The lines about to be said, once per announcement (the board exposes them to tests). */
  onAnnounce?(lines: string[]): void;
}

export interface AnnouncerOptions {
  english: boolean;
  /** How many times the call is said. */
  repeat?: number;
  /** An announcement still queued after this long is dropped: a late call misleads more than none. */
  maxAgeMs?: number;
  /** Silence between two lines. */
  pauseMs?: number;
}

export interface Announcement extends Call {
  recall: boolean;
}

/** Long enough for a slow voice to finish the line; past it the browser is assumed to have lost `onend`. */
export const safetyTimeoutMs = (text: string) => Math.min(20_000, 4_000 + 300 * text.length);

export class Announcer {
  readonly #deps: AnnouncerDeps;
  readonly #english: boolean;
  readonly #repeat: number;
  readonly #maxAgeMs: number;
  readonly #pauseMs: number;
  readonly #queue: { call: Announcement; queuedAt: number }[] = [];
  #draining = false;
  #stopped = false;

  constructor(deps: AnnouncerDeps, options: AnnouncerOptions) {
    this.#deps = deps;
    this.#english = options.english;
    this.#repeat = options.repeat ?? 2;
    this.#maxAgeMs = options.maxAgeMs ?? 120_000;
    this.#pauseMs = options.pauseMs ?? 700;
  }

  get pending(): number {
    return this.#queue.length;
  }

  enqueue(call: Announcement): void {
    if (this.#stopped) return;
    // A recall pressed while the call is still waiting its turn would only say the same thing again.
    if (this.#queue.some((q) => q.call.number === call.number && q.call.windowNumber === call.windowNumber)) return;
    this.#queue.push({ call, queuedAt: this.#deps.now() });
    if (!this.#draining) void this.#drain();
  }

  stop(): void {
    this.#stopped = true;
    this.#queue.length = 0;
    this.#deps.cancelSpeech();
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      for (let next = this.#queue.shift(); next && !this.#stopped; next = this.#queue.shift()) {
        if (this.#deps.now() - next.queuedAt > this.#maxAgeMs) continue;
        await this.#announce(next.call);
      }
    } finally {
      this.#draining = false;
    }
  }

  async #announce(call: Announcement): Promise<void> {
    const lines: { text: string; lang: SpeechLang }[] = [{ text: announcementZh(call), lang: 'zh-CN' }];
    if (this.#english) lines.push({ text: announcementEn(call), lang: 'en-US' });
    this.#deps.onAnnounce?.(lines.map((l) => l.text));

    await settle(() => this.#deps.chime());
    for (let round = 0; round < this.#repeat && !this.#stopped; round++) {
      for (const line of lines) {
        if (this.#stopped) return;
        if (await this.#say(line.text, line.lang)) await this.#deps.wait(this.#pauseMs);
      }
    }
  }

  /** Says a line, or gives up on it after its safety timeout; false when nothing was said. */
  async #say(text: string, lang: SpeechLang): Promise<boolean> {
    let timedOut = false;
    const spoken = await Promise.race([
      settle(() => this.#deps.speak(text, lang)),
      this.#deps.wait(safetyTimeoutMs(text)).then(() => {
        timedOut = true;
        return true;
      }),
    ]);
    if (timedOut) this.#deps.cancelSpeech();
    return spoken !== false;
  }
}

/** Runs a sound step; whatever goes wrong with it, the queue moves on. */
async function settle<T>(step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch {
    // A failed chime or line is skipped, never a reason to stop announcing.
    return undefined;
  }
}
