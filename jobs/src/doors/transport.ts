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
  let res: Response;
  try {
    res = await fetch(target.endpoint, {
      method: 'POST',
      headers: signedHeaders(target.code, target.secret, text),
      body: text,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    const name = (err as Error).name;
    throw new PushFailed(name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `unreachable (${cause ?? (err as Error).message})`);
  }
  const answer = await res.text().catch(() => '');
  if (res.status !== 200) {
    let reason = '';
    try {
      reason = (JSON.parse(answer) as { error?: string }).error ?? '';
    } catch {
      // not JSON: the status says enough
    }
    throw new PushFailed(`HTTP ${res.status}${reason ? ` ${reason}` : ''}`);
  }
  const headers = Object.fromEntries(res.headers.entries());
  const refused = verifySigned(headers, answer, { controllerId: target.code, secret: target.secret });
  if (refused) throw new PushFailed(`acknowledgement not trusted (${refused})`);
  const ack = JSON.parse(answer) as A;
  if (ack.ack !== true || ack.command !== body.command) throw new PushFailed('answer is not an acknowledgement of this command');
  if (body.command !== 'list' && (ack as CommandAck).version !== body.version) throw new PushFailed('acknowledgement of another version');
  return ack;
}
