import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * Controller secrets at rest: AES-256-GCM under a 32-byte key from CONTROLLER_SECRET_KEY, stored as
 * `enc:v1:<iv>:<tag>:<ciphertext>` (base64url). The workers open a secret only to sign a push.
 */

const PREFIX = 'enc:v1:';

/** The development key (a fixed, published value): fine for the demo, never for a real hall. */
export const DEV_CONTROLLER_SECRET_KEY = createHash('sha256').update('campus-desk development controller key').digest();

/** A key from its configured text: 64 hex digits or 32 bytes in base64. */
export function parseControllerSecretKey(text: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const raw = Buffer.from(text, 'base64');
  return raw.length === 32 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(text) ? raw : null;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealSecret(secret: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${PREFIX}${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${body.toString('base64url')}`;
}

export class SecretUnreadable extends Error {
  constructor(reason: string) {
    super(`controller secret cannot be opened: ${reason}`);
    this.name = 'SecretUnreadable';
  }
}

export function openSecret(stored: string, key: Buffer): string {
  if (!isSealed(stored)) throw new SecretUnreadable('it is stored in clear (start the API once to seal it)');
  const [iv, tag, body] = stored.slice(PREFIX.length).split(':');
  if (!iv || !tag || body === undefined) throw new SecretUnreadable('malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new SecretUnreadable('wrong CONTROLLER_SECRET_KEY or altered value');
  }
}

/** Seals every secret still stored in clear (rows from before encryption at rest). Idempotent. */
export async function sealControllerSecrets(db: Db, key: Buffer): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: number; secret: string }>(sql`select id, secret from controllers where secret not like 'enc:v1:%' for update`);
    for (const r of rows) {
      await tx.execute(sql`update controllers set secret = ${sealSecret(r.secret, key)} where id = ${r.id}`);
    }
    return rows.length;
  });
}
