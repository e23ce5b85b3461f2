import { isIP } from 'node:net';
import { IANAZone } from 'luxon';
import { DEV_CONTROLLER_SECRET_KEY, parseControllerSecretKey } from '@campus/db';

type NodeEnv = 'development' | 'production' | 'test';
type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** `pretty`: one readable line per entry (a person at a terminal); `json`: one JSON object per line (log collectors). */
type LogFormat = 'pretty' | 'json';

export interface Config {
  nodeEnv: NodeEnv;
  /** Listening address and port; port 0 picks a free one (tests). */
  host: string;
  port: number;
  databaseUrl: string;
  redisUrl: string;
  /** Prefix for every Redis key, channel and BullMQ queue: lets several halls or test files share one Redis. */
  redisPrefix: string;
  /**
   * A Redis command on the request path (rate limits, publishing, health) gives up after this long:
   * a stalled Redis then costs a request at most this much, never a hang.
   */
  redisCommandTimeoutMs: number;
  /** The hall's IANA time zone: opening hours, daily ticket numbers and displayed times follow it. */
  hallTz: string;
  /** Seed demo accounts and data at start-up. Always refused in production. */
  demoSeed: boolean;
  /** Where the demo access controllers point (the controller simulators: this port, and the next for the second). */
  controllerSimulatorUrl: string;
  /** npm start runs the demo's controller simulators itself (on with the demo seed). */
  controllerSimulators: boolean;
  /** AES-256-GCM key sealing the controllers' secrets at rest (CONTROLLER_SECRET_KEY: 64 hex digits or base64 of 32 bytes). */
  controllerSecretKey: Buffer;
  /** CONTROLLER_SECRET_KEY was not set: the published development key is in use. */
  controllerSecretKeyIsDefault: boolean;
  doors: {
    /** Seconds between reconciliations of every controller's list with the database. */
    reconcileEverySeconds: number;
    /** Tries per push before the grant is failed (then retryable by hand). */
    pushAttempts: number;
    /** First retry delay; each next one doubles, up to the maximum. */
    backoffMs: number;
    backoffMaxMs: number;
    pushTimeoutMs: number;
  };
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** npm start / start:api / start:worker run under a supervisor that restarts a crashed process. */
  supervise: boolean;
  /** A client must have sent its whole request within this long (slow or stalled uploads are cut off). */
  requestTimeoutMs: number;
  /**
   * Behind a reverse proxy: which X-Forwarded-* hops to believe (client IP, HTTPS). false, the
   * number of proxies in front, or their addresses/CIDRs; passed to Fastify's `trustProxy`.
   */
  trustProxy: TrustProxy;
  /** Serve the built desk-ui and display-board (off for API-only processes behind a CDN). */
  serveUi: boolean;
  /** The origin browsers use (https://hall.example.edu) when it differs from the Host header; cross-site checks accept it. */
  publicOrigin: string | null;
  auth: {
    /** Absolute lifetime of a session. */
    sessionHours: number;
    /** A session unused this long ends. */
    sessionIdleMinutes: number;
    /** Consecutive wrong passwords from one source (client address or device) that lock the account for that source… */
    maxFailures: number;
    /** …for this long (also the length of an account-wide lock). */
    lockMinutes: number;
    /** Wrong passwords from all sources together within `accountWindowMinutes` that lock the account everywhere. */
    accountMaxFailures: number;
    accountWindowMinutes: number;
    /** Sign-in attempts per client IP per minute: loose, a whole campus may share one NAT address. */
    loginPerIpPerMinute: number;
    /** Sign-in attempts per account from one source per 10 minutes. */
    loginPerAccountPer10Minutes: number;
  };
  queue: {
    /** Tickets one kiosk may issue per 10 minutes (a busy morning, not a script). */
    issuePerKioskPer10Minutes: number;
    /** Online tickets one person may take per 10 minutes. */
    issuePerPersonPer10Minutes: number;
    /** How long after a no-show the holder may rejoin the line. */
    rejoinGraceMinutes: number;
    /** Holders are told when their ticket gets this close to the front (3 = two people ahead). */
    headsUpPosition: number;
  };
  live: {
    /** WebSocket heartbeat: ping frames and a heartbeat message this often; no pong in one period drops the client. */
    heartbeatMs: number;
    /** A client with more than this queued for it (it stopped reading) is dropped, not buffered. */
    maxBufferedBytes: number;
    /** WebSocket connections one client address may hold open on one API process. */
    maxConnectionsPerIp: number;
  };
  /** What the hourly prune deletes; each kind of row is kept this many days after it stopped mattering. */
  retention: {
    /** Published board events (never today's, never unpublished ones). */
    hallEventsDays: number;
    /** Sign-in sessions, counted from when they expired, went idle or were revoked. */
    sessionsDays: number;
    /** Notifications already read, counted from when they were created. */
    notificationsDays: number;
    /** How often the prune runs. */
    pruneEveryMinutes: number;
  };
}

/** false, a hop count, or proxy addresses/CIDRs (and proxy-addr's names loopback, linklocal, uniquelocal). */
export type TrustProxy = false | number | string[];

/**
 * Fastify's `trustProxy` for a TrustProxy setting. Fastify 5.12 treats a bare number as "trust
 * nothing", so a hop count becomes proxy-addr's classic function: the first `hops` addresses,
 * counted back from the socket, are proxies.
 */
export function fastifyTrustProxy(value: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value;
  return (_address, hop) => hop < value;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false (got "${value}")`);
}

function url(env: Env, name: string, fallback: string, protocols: string[]): string {
  const value = read(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `must be a URL like ${fallback} (got "${value}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')} (got "${value}")`);
  }
  return value;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyAddress(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * `true` is refused: Fastify would then take the leftmost X-Forwarded-For, which the client writes
 * itself, as its address for rate limits, the lockout and the audit log.
 */
function trustProxy(env: Env): TrustProxy {
  const value = read(env, 'TRUST_PROXY');
  if (value === undefined || ['false', 'no', 'off'].includes(value.toLowerCase())) return false;
  const instead = 'write the number of proxies in front of the server (a hop count such as 1) or their addresses (such as 127.0.0.1,10.0.0.0/8)';
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) {
    throw new ConfigError('TRUST_PROXY', `cannot be "${value}": it would trust any X-Forwarded-For, so a client could forge its address for rate limits and the audit log; ${instead}`);
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `must be a hop count from 0 to 10 (got "${value}"), or ${instead}`);
    return hops === 0 ? false : hops;
  }
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !proxyAddress(e));
  if (bad !== undefined) {
    throw new ConfigError('TRUST_PROXY', `must be false, a hop count or a comma-separated list of proxy addresses/CIDRs (got "${bad || value}"); ${instead}`);
  }
  return entries;
}

function authSettings(env: Env): Config['auth'] {
  const maxFailures = integer(env, 'LOGIN_MAX_FAILURES', 20, 3, 1000);
  const accountMaxFailures = integer(env, 'LOGIN_ACCOUNT_MAX_FAILURES', 200, 4, 100_000);
  if (accountMaxFailures <= maxFailures) {
    throw new ConfigError(
      'LOGIN_ACCOUNT_MAX_FAILURES',
      `must be greater than LOGIN_MAX_FAILURES (${maxFailures}) (got "${accountMaxFailures}"): it stops a guess spread over many sources, and locks the owner out everywhere`,
    );
  }
  return {
    sessionHours: integer(env, 'SESSION_HOURS', 12, 1, 24 * 30),
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 120, 1, 24 * 60 * 30),
    maxFailures,
    lockMinutes: integer(env, 'LOGIN_LOCK_MINUTES', 15, 1, 24 * 60),
    accountMaxFailures,
    accountWindowMinutes: integer(env, 'LOGIN_ACCOUNT_WINDOW_MINUTES', 60, 1, 24 * 60),
    loginPerIpPerMinute: integer(env, 'LOGIN_RATE_PER_IP', 600, 10, 1_000_000),
    loginPerAccountPer10Minutes: integer(env, 'LOGIN_RATE_PER_ACCOUNT', 60, 5, 100_000),
  };
}

/**
 * Reads and validates the configuration once, at start-up. Throws ConfigError naming the variable at fault.
 * `stdoutIsTTY` only picks the default log format: readable lines for a person, JSON for a collector.
 */
export function loadConfig(env: Env = process.env, stdoutIsTTY = Boolean(process.stdout.isTTY)): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const hallTz = read(env, 'HALL_TZ') ?? 'Asia/Shanghai';
  if (!IANAZone.isValidZone(hallTz)) {
    throw new ConfigError('HALL_TZ', `must be an IANA time zone such as Asia/Shanghai (got "${hallTz}")`);
  }
  const redisPrefix = read(env, 'REDIS_PREFIX') ?? 'cd:';
  if (!/^[\w:.-]{1,64}$/.test(redisPrefix)) {
    throw new ConfigError('REDIS_PREFIX', `must be 1–64 letters, digits or _ : . - (got "${redisPrefix}")`);
  }
  const databaseUrl = url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/campus_desk', ['postgres:', 'postgresql:']);
  if (new URL(databaseUrl).pathname.length <= 1) {
    throw new ConfigError('DATABASE_URL', `must name a database, e.g. postgres://postgres@127.0.0.1:5432/campus_desk (got "${databaseUrl}")`);
  }
  const production = nodeEnv === 'production';
  const demoSeed = bool(env, 'DEMO_SEED', !production);
  if (production && demoSeed) {
    throw new ConfigError('DEMO_SEED', 'cannot be on when NODE_ENV=production: demo accounts share a known password');
  }
  const keyText = read(env, 'CONTROLLER_SECRET_KEY');
  const controllerSecretKey = keyText === undefined ? DEV_CONTROLLER_SECRET_KEY : parseControllerSecretKey(keyText);
  if (controllerSecretKey === null) {
    throw new ConfigError('CONTROLLER_SECRET_KEY', 'must be 32 bytes as 64 hex digits or base64 (make one with: openssl rand -hex 32)');
  }
  return {
    nodeEnv,
    host: read(env, 'HOST') ?? '0.0.0.0',
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl,
    redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix,
    redisCommandTimeoutMs: integer(env, 'REDIS_COMMAND_TIMEOUT_MS', 500, 20, 60_000),
    hallTz,
    demoSeed,
    controllerSimulatorUrl: url(env, 'CONTROLLER_SIM_URL', 'http://127.0.0.1:3100', ['http:', 'https:']),
    controllerSimulators: bool(env, 'CONTROLLER_SIMULATORS', demoSeed),
    controllerSecretKey,
    controllerSecretKeyIsDefault: keyText === undefined,
    doors: {
      reconcileEverySeconds: integer(env, 'DOOR_RECONCILE_SECONDS', 300, 5, 86_400),
      pushAttempts: integer(env, 'DOOR_PUSH_ATTEMPTS', 10, 1, 100),
      backoffMs: integer(env, 'DOOR_BACKOFF_MS', 1000, 10, 600_000),
      backoffMaxMs: integer(env, 'DOOR_BACKOFF_MAX_MS', 60_000, 10, 3_600_000),
      pushTimeoutMs: integer(env, 'DOOR_PUSH_TIMEOUT_MS', 5000, 100, 120_000),
    },
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], nodeEnv === 'test' ? 'silent' : 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['pretty', 'json'], stdoutIsTTY ? 'pretty' : 'json'),
    supervise: bool(env, 'SUPERVISE', true),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    trustProxy: trustProxy(env),
    serveUi: bool(env, 'SERVE_UI', true),
    publicOrigin: read(env, 'PUBLIC_ORIGIN') ? new URL(url(env, 'PUBLIC_ORIGIN', '', ['http:', 'https:'])).origin : null,
    auth: authSettings(env),
    queue: {
      issuePerKioskPer10Minutes: integer(env, 'TICKET_RATE_PER_KIOSK', 300, 1, 1_000_000),
      issuePerPersonPer10Minutes: integer(env, 'TICKET_RATE_PER_PERSON', 10, 1, 1_000_000),
      rejoinGraceMinutes: integer(env, 'REJOIN_GRACE_MINUTES', 10, 0, 24 * 60),
      headsUpPosition: integer(env, 'HEADS_UP_POSITION', 3, 1, 50),
    },
    live: {
      heartbeatMs: integer(env, 'WS_HEARTBEAT_MS', 15_000, 200, 300_000),
      maxBufferedBytes: integer(env, 'WS_MAX_BUFFERED_BYTES', 1024 * 1024, 16 * 1024, 256 * 1024 * 1024),
      maxConnectionsPerIp: integer(env, 'WS_MAX_PER_IP', 1000, 1, 1_000_000),
    },
    retention: {
      hallEventsDays: integer(env, 'RETAIN_HALL_EVENTS_DAYS', 30, 1, 3650),
      sessionsDays: integer(env, 'RETAIN_SESSIONS_DAYS', 7, 1, 3650),
      notificationsDays: integer(env, 'RETAIN_NOTIFICATIONS_DAYS', 30, 1, 3650),
      pruneEveryMinutes: integer(env, 'PRUNE_EVERY_MINUTES', 60, 1, 24 * 60),
    },
  };
}
