import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test-support/app.ts';
import { KEEP_ALIVE_TIMEOUT_MS } from './app.ts';

/** Issue 9, item 13: a client that never finishes its request no longer holds a connection forever. */
const ctx = useTestApp({ REQUEST_TIMEOUT_MS: '1000' });

describe('request timeouts', () => {
  it('answers 408 and closes the connection of a client that stalls mid-request', async () => {
    const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const socket = net.connect({ host: '127.0.0.1', port: Number(port) });
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    // Headers promise a body that never comes.
    socket.write('POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"username":');
    const end = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 6000))]);
    socket.destroy();
    expect(end).toBeGreaterThan(0);
    expect(end - started).toBeLessThan(3000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(ctx.app.server.requestTimeout).toBe(1000);
    expect(ctx.app.server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
  });
});
