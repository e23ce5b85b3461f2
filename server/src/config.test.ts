import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/campus_desk',
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      hallTz: 'Asia/Shanghai',
      demoSeed: true,
      nodeEnv: 'development',
    });
  });

  it.each([
    ['PORT', 'abc', /PORT must be an integer from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT must be an integer/],
    ['HALL_TZ', 'Mars/Olympus', /HALL_TZ must be an IANA time zone/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL must be a URL/],
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL must use postgres:/],
    ['DATABASE_URL', 'postgres://127.0.0.1:5432', /DATABASE_URL must name a database/],
    ['REDIS_URL', 'http://x', /REDIS_URL must use redis:/],
    ['DEMO_SEED', 'maybe', /DEMO_SEED must be true or false/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of development, production, test/],
    ['REDIS_PREFIX', 'has space', /REDIS_PREFIX must be/],
    ['LOG_FORMAT', 'xml', /LOG_FORMAT must be one of pretty, json/],
    ['SUPERVISE', 'sometimes', /SUPERVISE must be true or false/],
    ['REQUEST_TIMEOUT_MS', '0', /REQUEST_TIMEOUT_MS must be an integer from 1000 to 600000/],
    ['RETAIN_HALL_EVENTS_DAYS', '0', /RETAIN_HALL_EVENTS_DAYS must be an integer from 1/],
    ['RETAIN_SESSIONS_DAYS', '-3', /RETAIN_SESSIONS_DAYS must be an integer/],
    ['RETAIN_NOTIFICATIONS_DAYS', '1.5', /RETAIN_NOTIFICATIONS_DAYS must be an integer/],
    ['PRUNE_EVERY_MINUTES', '0', /PRUNE_EVERY_MINUTES must be an integer from 1 to 1440/],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('reads the controller secret key, or falls back to the development key and says so', () => {
    const dev = loadConfig({});
    expect(dev.controllerSecretKeyIsDefault).toBe(true);
    expect(dev.controllerSecretKey).toHaveLength(32);
    const set = loadConfig({ CONTROLLER_SECRET_KEY: 'ab'.repeat(32) });
    expect(set.controllerSecretKeyIsDefault).toBe(false);
    expect(set.controllerSecretKey.toString('hex')).toBe('ab'.repeat(32));
    expect(() => loadConfig({ CONTROLLER_SECRET_KEY: 'too-short' })).toThrow(/CONTROLLER_SECRET_KEY must be 32 bytes/);
    expect(loadConfig({}).doors).toEqual({ reconcileEverySeconds: 300, pushAttempts: 10, backoffMs: 1000, backoffMaxMs: 60_000, pushTimeoutMs: 5000 });
    expect(loadConfig({ DEMO_SEED: 'false' }).controllerSimulators).toBe(false);
  });

  it('logs readable lines on a terminal and JSON lines otherwise, unless told', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
  });

  it('bounds requests, supervises and prunes by default', () => {
    expect(loadConfig({})).toMatchObject({
      requestTimeoutMs: 30_000,
      supervise: true,
      retention: { hallEventsDays: 30, sessionsDays: 7, notificationsDays: 30, pruneEveryMinutes: 60 },
    });
    expect(loadConfig({ RETAIN_HALL_EVENTS_DAYS: '90', SUPERVISE: 'false' })).toMatchObject({ supervise: false, retention: { hallEventsDays: 90 } });
  });

  it('turns the demo seed off in production and refuses it there', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demoSeed).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_SEED: 'true' })).toThrow(/DEMO_SEED cannot be on/);
  });

  describe('TRUST_PROXY', () => {
    it('is off by default, with false and with 0 hops', () => {
      expect(loadConfig({}).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
      expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    });

    it('takes a hop count', () => {
      expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
      expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    });

    it('takes a list of proxy addresses and CIDRs', () => {
      expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback' }).trustProxy).toEqual([
        '127.0.0.1',
        '10.0.0.0/8',
        '::1',
        'fd00::/8',
        'loopback',
      ]);
    });

    it.each(['true', 'TRUE', 'yes', 'on'])('refuses %s: it would trust a forged X-Forwarded-For, and says what to write', (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY .*forge.*hop count.*1.*127\.0\.0\.1,10\.0\.0\.0\/8/s);
    });

    it.each(['-1', '11', '10.0.0.0/33', '300.1.2.3', 'proxy.example.edu', '10.0.0.1,,10.0.0.2', '1.5'])('refuses %s', (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/^TRUST_PROXY /);
    });
  });

  describe('sign-in lockout', () => {
    it('locks per source after LOGIN_MAX_FAILURES and account-wide after a far higher threshold', () => {
      expect(loadConfig({}).auth).toMatchObject({ maxFailures: 20, lockMinutes: 15, accountMaxFailures: 200, accountWindowMinutes: 60 });
      expect(loadConfig({ LOGIN_ACCOUNT_MAX_FAILURES: '500', LOGIN_ACCOUNT_WINDOW_MINUTES: '30' }).auth).toMatchObject({
        accountMaxFailures: 500,
        accountWindowMinutes: 30,
      });
    });

    it('refuses an account-wide threshold that is not above the per-source one', () => {
      expect(() => loadConfig({ LOGIN_MAX_FAILURES: '50', LOGIN_ACCOUNT_MAX_FAILURES: '50' })).toThrow(
        /LOGIN_ACCOUNT_MAX_FAILURES must be greater than LOGIN_MAX_FAILURES \(50\)/,
      );
      expect(() => loadConfig({ LOGIN_ACCOUNT_WINDOW_MINUTES: '0' })).toThrow(/LOGIN_ACCOUNT_WINDOW_MINUTES must be an integer/);
    });
  });
});
