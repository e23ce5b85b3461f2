import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_SIGNATURE, HEADER_TIMESTAMP, REPLAY_WINDOW_MS, signedHeaders, verifySigned } from '../doors/protocol.ts';
import { startSimulator, type RunningSimulator } from './simulator.ts';

const CODE = 'ctl-test';
const SECRET = 'test-secret';
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ controllers: [{ code: CODE, secret: SECRET }] });
});
afterAll(async () => {
  await sim.close();
});

const grant = (version: number, cardNumber = 'C1', command: 'grant' | 'revoke' = 'grant') =>
  JSON.stringify({ command, cardNumber, doors: ['D1'], validFrom: '2026-09-01T00:00:00.000Z', validTo: null, version });

const errorOf = async (res: Response) => ((await res.json()) as { error: string }).error;

const post = (body: string, headers: Record<string, string>) => fetch(sim.endpoint(CODE), { method: 'POST', headers, body });

describe('controller simulator', () => {
  it('applies a signed push and answers with a signed acknowledgement', async () => {
    const res = await post(grant(1), signedHeaders(CODE, SECRET, grant(1)));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(verifySigned(Object.fromEntries(res.headers.entries()), text, { controllerId: CODE, secret: SECRET })).toBeNull();
    expect(JSON.parse(text)).toEqual({ ack: true, command: 'grant', cardNumber: 'C1', doors: ['D1'], version: 1, applied: true });
    expect(sim.state(CODE)).toEqual({ cards: [{ cardNumber: 'C1', doors: ['D1'], validTo: null }] });
  });

  it('refuses unsigned, tampered, wrongly keyed, stale and replayed pushes, and applies none of them', async () => {
    const unsigned = await post(grant(5, 'C2'), { 'content-type': 'application/json' });
    expect([unsigned.status, (await errorOf(unsigned))]).toEqual([401, 'unsigned']);

    const headers = signedHeaders(CODE, SECRET, grant(5, 'C2'));
    const tampered = await post(grant(5, 'C3'), headers);
    expect([tampered.status, (await errorOf(tampered))]).toEqual([401, 'bad_signature']);

    const wrongKey = await post(grant(5, 'C2'), signedHeaders(CODE, 'not-the-secret', grant(5, 'C2')));
    expect([wrongKey.status, (await errorOf(wrongKey))]).toEqual([401, 'bad_signature']);

    const stale = await post(grant(5, 'C2'), signedHeaders(CODE, SECRET, grant(5, 'C2'), Date.now() - REPLAY_WINDOW_MS - 1000));
    expect([stale.status, (await errorOf(stale))]).toEqual([401, 'stale_timestamp']);

    // A timestamp moved into the window without re-signing is tampering too.
    const moved = { ...headers, [HEADER_TIMESTAMP]: String(Date.now() + 1) };
    expect((await post(grant(5, 'C2'), moved)).status).toBe(401);

    const first = await post(grant(5, 'C2'), headers);
    expect(first.status).toBe(200);
    const replay = await post(grant(5, 'C2'), headers);
    expect([replay.status, (await errorOf(replay))]).toEqual([409, 'replayed']);
    expect(headers[HEADER_SIGNATURE]).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('applies only versions newer than the one it holds per (card, door)', async () => {
    sim.restart(CODE);
    const send = async (body: string) => (await (await post(body, signedHeaders(CODE, SECRET, body))).json()) as { applied: boolean };
    expect((await send(grant(3, 'C9'))).applied).toBe(true);
    expect((await send(grant(4, 'C9', 'revoke'))).applied).toBe(true);
    // The older grant arrives late (a retry): acknowledged, not applied, the card stays out.
    expect((await send(grant(3, 'C9'))).applied).toBe(false);
    expect(sim.state(CODE).cards).toEqual([]);
    expect(sim.list(CODE)).toEqual([{ cardNumber: 'C9', door: 'D1', version: 4, present: false, validTo: null }]);
    expect(sim.stats(CODE).appliedTwice).toBe(0);
  });

  it('takes fault settings over HTTP: failure rate, offline', async () => {
    await fetch(`${sim.endpoint(CODE)}/faults`, { method: 'PUT', body: JSON.stringify({ failureRate: 1 }) });
    expect((await post(grant(10), signedHeaders(CODE, SECRET, grant(10)))).status).toBe(503);
    await fetch(`${sim.endpoint(CODE)}/faults`, { method: 'PUT', body: JSON.stringify({ failureRate: 0, offline: true }) });
    await expect(post(grant(11), signedHeaders(CODE, SECRET, grant(11)))).rejects.toThrow();
    const faults = await (await fetch(`${sim.endpoint(CODE)}/faults`, { method: 'PUT', body: JSON.stringify({ offline: false }) })).json();
    expect(faults).toEqual({ failureRate: 0, latencyMs: 0, offline: false });
    await fetch(`${sim.endpoint(CODE)}/restart`, { method: 'POST' });
    expect(((await (await fetch(`${sim.endpoint(CODE)}/state`)).json()) as { cards: unknown[] }).cards).toEqual([]);
  });
});
