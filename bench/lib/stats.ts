import hdr from 'hdr-histogram-js';

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** (max − min) / median, as a percentage: how far the runs disagree. */
export const spread = (values: number[]) => (values.length < 2 ? 0 : ((Math.max(...values) - Math.min(...values)) / Math.max(1e-9, median(values))) * 100);

/** A latency histogram in microseconds, 1 µs to 120 s, three significant digits. */
export function latencyHistogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 120_000_000, numberOfSignificantValueDigits: 3 });
}

export interface Measured {
  /** Median of the runs. */
  value: number;
  runs: number[];
  spreadPct: number;
}

export const measured = (runs: number[]): Measured => ({ value: median(runs), runs, spreadPct: spread(runs) });
