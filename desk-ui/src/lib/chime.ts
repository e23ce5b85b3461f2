/**
 * The "your number is called" chime, synthesised with Web Audio (no audio files), and the phone's
 * vibration. Browsers keep audio muted until the person has touched the page, so the page calls
 * `unlockAudio()` from its first tap or key press; a chime before that stays silent and the
 * notice on screen (and the vibration, where allowed) does the work.
 */

type AudioContextClass = typeof AudioContext;

let context: AudioContext | null = null;

function audioContextClass(): AudioContextClass | undefined {
  const g = globalThis as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };
  return g.AudioContext ?? g.webkitAudioContext;
}

function audio(): AudioContext | null {
  if (context) return context;
  const Ctx = audioContextClass();
  if (!Ctx) return null;
  try {
    context = new Ctx();
  } catch {
    return null;
  }
  return context;
}

/** Call from a user gesture: lets later chimes play. */
export function unlockAudio(): void {
  const ctx = audio();
  if (ctx && ctx.state === 'suspended') ctx.resume().catch(() => {});
}

/** One soft bell-like note: a sine with a quick attack and a long decay. */
function note(ctx: AudioContext, frequency: number, start: number, length: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = 'sine';
  osc.frequency.setValueAtTime(frequency, start);
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.3, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + length + 0.05);
}

/** A two-note "ding-dong" (E6 then C6), about a second long. */
export function playChime(): void {
  const ctx = audio();
  if (!ctx) return;
  const play = () => {
    const now = ctx.currentTime;
    note(ctx, 1318.5, now, 0.6);
    note(ctx, 1046.5, now + 0.35, 0.9);
  };
  if (ctx.state === 'running') play();
  else
    ctx.resume().then(
      () => {
        if (ctx.state === 'running') play();
      },
      () => {},
    );
}

/** Buzzes where the browser allows it (not on iPhones, which have no vibration API). */
export function vibrate(pattern: number[]): void {
  if (typeof navigator === 'undefined' || typeof navigator.vibrate !== 'function') return;
  try {
    navigator.vibrate(pattern);
  } catch {
    // Blocked (no user activation yet): the notice on screen still shows.
  }
}
