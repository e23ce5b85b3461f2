/**
 * The hall's "now" for the rules that depend on the hour: check-in windows, an appointment
 * ticket becoming due, today's appointments of a window. `buildApp` takes one (tests pass a
 * clock they move; everything else runs on the system clock) and the routes hand its reading
 * down, so a rule compares against one instant instead of reading its own.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** A clock that runs with the system's but `offsetMs` ahead; tests move it with `set` or `advance`. */
export interface MovableClock {
  clock: Clock;
  /** From now on the clock reads `at` (and keeps running from there). */
  set(at: Date): void;
  advance(ms: number): void;
  reset(): void;
}

export function movableClock(): MovableClock {
  let offsetMs = 0;
  return {
    clock: () => new Date(Date.now() + offsetMs),
    set: (at) => {
      offsetMs = at.getTime() - Date.now();
    },
    advance: (ms) => {
      offsetMs += ms;
    },
    reset: () => {
      offsetMs = 0;
    },
  };
}
