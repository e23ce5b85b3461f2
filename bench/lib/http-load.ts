import http from 'node:http';
import autocannon from 'autocannon';
import { latencyHistogram } from './stats.ts';

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Request bodies, used in turn (JSON); none for a GET. */
  bodies?: string[];
}

export interface PeakResult {
  rps: number;
  p99Ms: number;
  errors: number;
  statuses: Record<string, number>;
}

/** The most a target answers with `connections` clients each sending its next request at once (closed loop). */
export async function peak(target: LoadTarget, connections: number, seconds: number): Promise<PeakResult> {
  const statuses: Record<string, number> = {};
  const bodies = target.bodies;
  let i = 0;
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    method: target.method ?? 'GET',
    headers: { ...(bodies ? { 'content-type': 'application/json' } : {}), ...target.headers },
    ...(bodies ? { requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: bodies[i++ % bodies.length] }) }] } : {}),
    setupClient: (client: { on(event: 'response', fn: (status: number) => void): void }) => {
      client.on('response', (status: number) => {
        statuses[status] = (statuses[status] ?? 0) + 1;
      });
    },
  } as autocannon.Options);
  const total = Object.values(statuses).reduce((a, b) => a + b, 0);
  const ok = Object.entries(statuses).filter(([s]) => Number(s) < 400).reduce((a, [, n]) => a + n, 0);
  return { rps: ok / seconds, p99Ms: result.latency.p99, errors: result.errors + result.timeouts + (total - ok), statuses };
}

export interface OpenLoopResult {
  /** Requests answered per second (should match the rate asked for). */
  achievedRps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  statuses: Record<string, number>;
}

/**
 * Latency at a fixed arrival rate (an open model): request n is due at start + n / rate whatever
 * happened to the ones before, and its latency counts from when it was due, so a slow answer that
 * holds up the next requests shows in their figures too (no coordinated omission).
 */
export async function openLoop(target: LoadTarget, rate: number, seconds: number, maxSockets = 256, warmupSeconds = 2): Promise<OpenLoopResult> {
  const url = new URL(target.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const histogram = latencyHistogram();
  const statuses: Record<string, number> = {};
  let errors = 0;
  let answered = 0;
  // The first two seconds open the connections and warms the client's own code at the full rate; only
  // requests due after it are recorded (the client's cold start showed as a bare server's p99 too).
  const warmup = Math.round(rate * warmupSeconds);
  const total = warmup + Math.round(rate * seconds);
  const started = performance.now();
  const measuredFrom = started + warmupSeconds * 1000;
  const inflight = new Set<Promise<void>>();
  const bodies = target.bodies;

  const send = (n: number, due: number) => {
    const body = bodies?.[n % bodies.length];
    const done = new Promise<void>((resolve) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: target.method ?? 'GET',
          headers: { ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}), ...target.headers },
        },
        (res) => {
          res.resume();
          res.once('end', () => {
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            if ((res.statusCode ?? 500) >= 400) errors++;
            if (due >= measuredFrom) {
              answered++;
              histogram.recordValue(Math.max(1, Math.round((performance.now() - due) * 1000)));
            }
            resolve();
          });
        },
      );
      req.once('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
    inflight.add(done);
    void done.then(() => inflight.delete(done));
  };

  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && started + (sent * 1000) / rate <= now) {
        send(sent, started + (sent * 1000) / rate);
        sent++;
      }
      if (sent < total) setImmediate(tick);
      else resolve();
    };
    tick();
  });
  await Promise.all(inflight);
  const elapsed = (performance.now() - measuredFrom) / 1000;
  agent.destroy();
  const result = {
    achievedRps: answered / elapsed,
    p50Ms: histogram.getValueAtPercentile(50) / 1000,
    p99Ms: histogram.getValueAtPercentile(99) / 1000,
    maxMs: histogram.maxValue / 1000,
    errors,
    statuses,
  };
  histogram.destroy();
  return result;
}
