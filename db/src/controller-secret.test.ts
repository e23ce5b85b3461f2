import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEV_CONTROLLER_SECRET_KEY, isSealed, openSecret, parseControllerSecretKey, sealSecret, SecretUnreadable } from './controller-secret.ts';

describe('controller secrets at rest', () => {
  it('seals with AES-256-GCM and opens with the same key only', () => {
    const key = randomBytes(32);
    const sealed = sealSecret('demo-secret-ctl-n1', key);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('demo-secret');
    // A fresh IV each time: the same secret never seals to the same text.
    expect(sealSecret('demo-secret-ctl-n1', key)).not.toBe(sealed);
    expect(openSecret(sealed, key)).toBe('demo-secret-ctl-n1');
    expect(() => openSecret(sealed, DEV_CONTROLLER_SECRET_KEY)).toThrow(SecretUnreadable);
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => openSecret(altered, key)).toThrow(SecretUnreadable);
    expect(() => openSecret('demo-secret-ctl-n1', key)).toThrow(/in clear/);
  });

  it('reads a key as 64 hex digits or base64 of 32 bytes, and nothing else', () => {
    const key = randomBytes(32);
    expect(parseControllerSecretKey(key.toString('hex'))?.equals(key)).toBe(true);
    expect(parseControllerSecretKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseControllerSecretKey('short')).toBeNull();
    expect(parseControllerSecretKey(randomBytes(16).toString('hex'))).toBeNull();
  });
});
