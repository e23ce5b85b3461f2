import http from 'node:http';
import https from 'node:https';
import { signedHeaders, verifySigned, type CommandAck, type ListAck, type PushBody } from './protocol.ts';

/** A controller as the workers see it: where to push and the secret (opened) to sign with. */
export interface ControllerTarget {
  id: number;
  code: string;
  endpoint: string;
  secret: string;
}

export class PushFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushFailed';
  }
}

/**
 * POSTs one signed message and returns the controller's acknowledgement, checked: 200, signed by
 * the controller with the same secret, and an ack. Anything else throws PushFailed with a reason a
 * person can read on the admin page.
 */
export async function postSigned<A extends CommandAck | ListAck>(target: ControllerTarget, body: PushBody, timeoutMs: number): Promise<A> {
  const text = JSON.stringify(body);
  let res: { status: number; headers: Record<string, string>; text: string };
  try {
    res = await post(target.endpoint, signedHeaders(target.code, target.secret, text), text, timeoutMs);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new PushFailed(err instanceof TimedOut ? `no answer within ${timeoutMs} ms` : `unreachable (${code ?? (err as Error).message})`);
  }
  const answer = res.text;
  if (res.status !== 200) {
    let reason = '';
    try {
      reason = (JSON.parse(answer) as { error?: string }).error ?? '';
    } catch {
      // not JSON: the status says enough
    }
    throw new PushFailed(`HTTP ${res.status}${reason ? ` ${reason}` : ''}`);
  }
  const headers = res.headers;
  const refused = verifySigned(headers, answer, { controllerId: target.code, secret: target.secret });
  if (refused) throw new PushFailed(`acknowledgement not trusted (${refused})`);
  const ack = JSON.parse(answer) as A;
  if (ack.ack !== true || ack.command !== body.command) throw new PushFailed('answer is not an acknowledgement of this command');
  if (body.command !== 'list' && (ack as CommandAck).version !== body.version) throw new PushFailed('acknowledgement of another version');
  return ack;
}

class TimedOut extends Error {}

/**
 * Kept-alive connections per controller: a bulk import pushes thousands of commands to each. Plain
 * node:http, not fetch: in a profile of the lock-import bench, fetch's streams and abort signals
 * cost more CPU per push than signing, BullMQ and the acknowledgement's write together.
 */
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) };

function post(endpoint: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  const url = new URL(endpoint);
  const secure = url.protocol === 'https:';
  const request = secure ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: secure ? agents.https : agents.http, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const flat: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: flat, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new TimedOut()), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}
