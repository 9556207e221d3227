import { describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newSessionToken, UNKNOWN_ACCOUNT_HASH, verifyPassword } from './secrets';

describe('passwords and tokens', () => {
  it('hashes a password with a salt of its own, and verifies only the same password', async () => {
    const [a, b] = await Promise.all([hashPassword('山城Pintuan2026'), hashPassword('山城Pintuan2026')]);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('山城Pintuan2026', a)).toBe(true);
    expect(await verifyPassword('山城pintuan2026', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('verifies a hash at the cost it names, so the cost can change without breaking stored hashes', async () => {
    const cheaper = await hashPassword('山城Pintuan2026', { N: 1024, r: 8, p: 1 });
    expect(cheaper).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('山城Pintuan2026', cheaper)).toBe(true);
    expect(await verifyPassword('山城Pintuan2027', cheaper)).toBe(false);
  });

  it('matches nothing against a malformed hash or the unknown-account hash', async () => {
    for (const stored of ['', 'plain-text', 'scrypt$x$8$1$a$b', UNKNOWN_ACCOUNT_HASH]) {
      expect(await verifyPassword('anything1', stored)).toBe(false);
    }
  });

  it('draws tokens of 32 random bytes and stores only their SHA-256', () => {
    const token = newSessionToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newSessionToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
  });
});
