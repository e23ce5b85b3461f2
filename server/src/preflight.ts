import net from 'node:net';

/** Thrown when a backing service cannot be reached; its message is the one line the operator sees. */
export class PreflightError extends Error {
  override name = 'PreflightError';
}

const START_HINT = {
  postgres: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
  redis:
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
};

function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** host:port of a URL with its credentials left out, for messages. */
function address(url: string, defaultPort: number): { host: string; port: number; display: string } {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const port = Number(u.port || defaultPort);
  return { host, port, display: `${u.hostname}:${port}` };
}

/** Checks Postgres and Redis answer on their ports; throws one clear line naming the one that does not. */
export async function checkBackingServices(databaseUrl: string, redisUrl: string): Promise<void> {
  const pg = address(databaseUrl, 5432);
  if (!(await canConnect(pg.host, pg.port, 3000))) {
    throw new PreflightError(
      `Postgres is not reachable at ${pg.display} (DATABASE_URL). Start it with: ${START_HINT.postgres}`,
    );
  }
  const redis = address(redisUrl, 6379);
  if (!(await canConnect(redis.host, redis.port, 3000))) {
    throw new PreflightError(`Redis is not reachable at ${redis.display} (REDIS_URL). Start it with: ${START_HINT.redis}`);
  }
}
