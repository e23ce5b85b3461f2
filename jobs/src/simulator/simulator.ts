import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  REPLAY_WINDOW_MS,
  signedHeaders,
  verifySigned,
  type CommandAck,
  type CommandBody,
  type ListAck,
  type ListEntry,
  type PushBody,
} from '../doors/protocol.ts';

/**
 * A door controller simulator: implements the controller side of the protocol for one or more
 * controllers (one path each, `/controllers/<code>`), each with its own in-memory list, for the demo,
 * the tests and the bench. Fault settings make it fail, slow down, go offline or forget everything.
 */

export interface SimulatedController {
  code: string;
  secret: string;
}

export interface Faults {
  /** Share of pushes answered 503 before anything is applied (0…1). */
  failureRate: number;
  /** Delay before each answer. */
  latencyMs: number;
  /** Pushes get their connection dropped, as if the controller were unplugged. */
  offline: boolean;
}

export interface ControllerStats {
  pushes: number;
  applied: number;
  /** Pushes acknowledged without change (a version not newer than the one held). */
  ignored: number;
  refused: number;
  injectedFailures: number;
  /** (card, door, version) triples applied more than once: must stay 0. */
  appliedTwice: number;
}

interface Entry {
  version: number;
  present: boolean;
  validTo: string | null;
}

class Controller {
  entries = new Map<string, Entry>();
  applied = new Set<string>();
  seen = new Map<string, number>();
  faults: Faults = { failureRate: 0, latencyMs: 0, offline: false };
  stats: ControllerStats = { pushes: 0, applied: 0, ignored: 0, refused: 0, injectedFailures: 0, appliedTwice: 0 };
  /** When each card was last applied absent/present: the tests and bench read delivery times from it. */
  changedAt = new Map<string, number>();

  constructor(readonly code: string, readonly secret: string) {}

  restart() {
    this.entries.clear();
    this.applied.clear();
    this.seen.clear();
  }

  /** A signature seen inside the replay window is a replay; older ones are forgotten (their timestamp is refused anyway). */
  replayed(sig: string, now: number): boolean {
    if (this.seen.size > 10_000) for (const [s, at] of this.seen) if (now - at > 2 * REPLAY_WINDOW_MS) this.seen.delete(s);
    if (this.seen.has(sig)) return true;
    this.seen.set(sig, now);
    return false;
  }

  apply(body: CommandBody): boolean {
    let changed = false;
    for (const door of body.doors) {
      const key = `${body.cardNumber}\u0000${door}`;
      const held = this.entries.get(key);
      if (held && held.version >= body.version) continue;
      this.entries.set(key, { version: body.version, present: body.command === 'grant', validTo: body.validTo });
      const triple = `${key}\u0000${body.version}`;
      if (this.applied.has(triple)) this.stats.appliedTwice++;
      this.applied.add(triple);
      this.changedAt.set(body.cardNumber, Date.now());
      changed = true;
    }
    if (changed) this.stats.applied++;
    else this.stats.ignored++;
    return changed;
  }

  list(): ListEntry[] {
    return [...this.entries].map(([key, e]) => {
      const [cardNumber, door] = key.split('\u0000') as [string, string];
      return { cardNumber, door, version: e.version, present: e.present, validTo: e.validTo };
    });
  }

  /** What a person looking at the controller sees: each card with the doors it opens. */
  state(): { cards: { cardNumber: string; doors: string[]; validTo: string | null }[] } {
    const cards = new Map<string, { doors: string[]; validTo: string | null; open: boolean }>();
    for (const e of this.list()) {
      if (!e.present) continue;
      const card = cards.get(e.cardNumber) ?? { doors: [], validTo: e.validTo, open: false };
      card.doors.push(e.door);
      if (e.validTo === null) card.open = true;
      else if (card.validTo === null || e.validTo > card.validTo) card.validTo = e.validTo;
      cards.set(e.cardNumber, card);
    }
    return {
      cards: [...cards]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([cardNumber, c]) => ({ cardNumber, doors: c.doors.sort(), validTo: c.open ? null : c.validTo })),
    };
  }
}

export interface RunningSimulator {
  /** Base URL, e.g. http://127.0.0.1:3100; a controller's endpoint is `${url}/controllers/<code>`. */
  url: string;
  endpoint(code: string): string;
  state(code: string): ReturnType<Controller['state']>;
  list(code: string): ListEntry[];
  stats(code: string): ControllerStats;
  /** When the card last changed on this controller (ms since epoch), if ever. */
  changedAt(code: string, cardNumber: string): number | undefined;
  setFaults(code: string, faults: Partial<Faults>): void;
  /** Forgets everything, as a controller restarted with empty memory. */
  restart(code: string): void;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  controllers: readonly SimulatedController[];
  host?: string;
  /** 0: any free port. */
  port?: number;
}

const MAX_BODY = 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isCommand(b: unknown): b is CommandBody {
  const c = b as Partial<CommandBody>;
  return (
    (c.command === 'grant' || c.command === 'revoke') &&
    typeof c.cardNumber === 'string' &&
    Array.isArray(c.doors) &&
    c.doors.every((d) => typeof d === 'string') &&
    Number.isSafeInteger(c.version) &&
    (c.validTo === null || typeof c.validTo === 'string')
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const controllers = new Map(options.controllers.map((c) => [c.code, new Controller(c.code, c.secret)]));
  const get = (code: string) => {
    const c = controllers.get(code);
    if (!c) throw new Error(`The simulator has no controller ${code}`);
    return c;
  };

  async function push(c: Controller, req: IncomingMessage, res: ServerResponse) {
    c.stats.pushes++;
    if (c.faults.offline) {
      req.socket.destroy();
      return;
    }
    if (c.faults.latencyMs > 0) await sleep(c.faults.latencyMs);
    if (c.faults.failureRate > 0 && Math.random() < c.faults.failureRate) {
      c.stats.injectedFailures++;
      send(res, 503, { error: 'unavailable' });
      return;
    }
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, { error: 'too_large' });
    const refused = verifySigned(req.headers, raw, { controllerId: c.code, secret: c.secret });
    if (refused) {
      c.stats.refused++;
      return send(res, 401, { error: refused });
    }
    if (c.replayed(String(req.headers['x-controller-signature']), Date.now())) {
      c.stats.refused++;
      return send(res, 409, { error: 'replayed' });
    }
    let body: PushBody;
    try {
      body = JSON.parse(raw) as PushBody;
    } catch {
      return send(res, 400, { error: 'bad_json' });
    }
    let ack: CommandAck | ListAck;
    if (body.command === 'list') ack = { ack: true, command: 'list', entries: c.list() };
    else if (isCommand(body)) {
      const applied = c.apply(body);
      ack = { ack: true, command: body.command, cardNumber: body.cardNumber, doors: body.doors, version: body.version, applied };
    } else return send(res, 400, { error: 'bad_command' });
    const text = JSON.stringify(ack);
    res.writeHead(200, signedHeaders(c.code, c.secret, text));
    res.end(text);
  }

  async function settings(c: Controller, req: IncomingMessage, res: ServerResponse) {
    if (req.method === 'PUT' || req.method === 'POST') {
      const raw = await readBody(req);
      const asked = JSON.parse(raw || '{}') as Partial<Faults>;
      if (asked.failureRate !== undefined) c.faults.failureRate = Math.min(1, Math.max(0, Number(asked.failureRate)));
      if (asked.latencyMs !== undefined) c.faults.latencyMs = Math.max(0, Number(asked.latencyMs));
      if (asked.offline !== undefined) c.faults.offline = Boolean(asked.offline);
    }
    send(res, 200, c.faults);
  }

  const server = createServer((req, res) => {
    const match = /^\/controllers\/([^/?]+)(\/[a-z]+)?\/?(\?.*)?$/.exec(req.url ?? '');
    const c = match ? controllers.get(decodeURIComponent(match[1]!)) : undefined;
    if (!match || !c) return send(res, 404, { error: 'no_such_controller' });
    const action = match[2] ?? '';
    const work = async () => {
      if (action === '' && req.method === 'POST') return push(c, req, res);
      if (action === '/state' && req.method === 'GET') return send(res, 200, c.state());
      if (action === '/stats' && req.method === 'GET') return send(res, 200, c.stats);
      if (action === '/faults') return settings(c, req, res);
      if (action === '/restart' && req.method === 'POST') {
        c.restart();
        return send(res, 200, { restarted: true });
      }
      return send(res, 404, { error: 'no_such_route' });
    };
    work().catch(() => {
      if (!res.headersSent) send(res, 400, { error: 'bad_request' });
      else res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    endpoint: (code) => `${url}/controllers/${code}`,
    state: (code) => get(code).state(),
    list: (code) => get(code).list(),
    stats: (code) => ({ ...get(code).stats }),
    changedAt: (code, card) => get(code).changedAt.get(card),
    setFaults: (code, faults) => Object.assign(get(code).faults, faults),
    restart: (code) => get(code).restart(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
