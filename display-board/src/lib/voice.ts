/**
 * The browser's sound for the announcer: a two-tone chime from Web Audio oscillators (no audio files)
 * and speechSynthesis for the words. Either may be missing (a headless browser, an old TV): then the
 * step is skipped at once and the queue keeps moving.
 */
import type { AnnouncerDeps, SpeechLang } from './announcer';

type SoundDeps = Pick<AnnouncerDeps, 'chime' | 'speak' | 'cancelSpeech'>;

/** Ding–dong: E5 then C5, each a sine with a softer octave above, fading like a struck bell. */
const CHIME: readonly { hz: number; at: number; length: number }[] = [
  { hz: 659.25, at: 0, length: 0.9 },
  { hz: 523.25, at: 0.45, length: 1.2 },
];
const CHIME_MS = 1_500;

export class BrowserVoice implements SoundDeps {
  readonly #audio: AudioContext | null;
  readonly #synth: SpeechSynthesis | null;
  /** Chrome forgets an utterance nobody holds, and then never fires its `onend`. */
  #utterance: SpeechSynthesisUtterance | null = null;
  #onChange: (() => void) | null = null;

  constructor() {
    this.#audio = typeof AudioContext === 'function' ? new AudioContext() : null;
    this.#synth = typeof speechSynthesis === 'object' ? speechSynthesis : null;
    // Voices load asynchronously in Chrome; asking once starts the loading.
    this.#synth?.getVoices();
    if (this.#audio) this.#audio.onstatechange = () => this.#onChange?.();
  }

  /** True while the browser holds sound back until someone touches the page. */
  get locked(): boolean {
    return this.#audio !== null && this.#audio.state === 'suspended';
  }

  set onChange(listener: (() => void) | null) {
    this.#onChange = listener;
  }

  /** Call from a user gesture: resumes the audio context and lets speech through. */
  async unlock(): Promise<void> {
    if (this.#synth) {
      // A silent utterance inside the gesture is what some browsers want before they speak later.
      const primer = new SpeechSynthesisUtterance('');
      primer.volume = 0;
      this.#synth.speak(primer);
    }
    await this.#audio?.resume();
  }

  chime = (): Promise<void> => {
    const audio = this.#audio;
    if (!audio || audio.state !== 'running') return Promise.resolve();
    const start = audio.currentTime + 0.05;
    for (const tone of CHIME) {
      this.#bell(audio, tone.hz, start + tone.at, tone.length, 0.28);
      this.#bell(audio, tone.hz * 2, start + tone.at, tone.length * 0.6, 0.06);
    }
    return new Promise((resolve) => setTimeout(resolve, CHIME_MS));
  };

  speak = (text: string, lang: SpeechLang): Promise<boolean> => {
    const synth = this.#synth;
    if (!synth) return Promise.resolve(false);
    const voices = synth.getVoices();
    // No voice installed (headless Chromium, a bare kiosk): nothing would be heard.
    if (voices.length === 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.rate = lang === 'zh-CN' ? 0.9 : 0.95;
      const prefix = lang.slice(0, 2);
      utterance.voice = voices.find((v) => v.lang.replace('_', '-') === lang) ?? voices.find((v) => v.lang.startsWith(prefix)) ?? null;
      const done = () => {
        if (this.#utterance === utterance) this.#utterance = null;
        resolve(true);
      };
      utterance.onend = done;
      utterance.onerror = done;
      this.#utterance = utterance;
      synth.speak(utterance);
    });
  };

  cancelSpeech = (): void => {
    this.#utterance = null;
    this.#synth?.cancel();
  };

  #bell(audio: AudioContext, hz: number, at: number, length: number, peak: number): void {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = hz;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(peak, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(gain).connect(audio.destination);
    osc.start(at);
    osc.stop(at + length + 0.05);
  }
}
