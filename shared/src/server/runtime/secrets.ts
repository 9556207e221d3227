/**
 * Passwords and session tokens, with node:crypto. Passwords are hashed with scrypt and a random salt per
 * hash, stored as `scrypt$N$r$p$<salt>$<hash>` (base64url) so the cost can rise later without breaking
 * old hashes, and compared in constant time. Session tokens are 32 random bytes; only their SHA-256 is
 * stored, so a leaked database holds no usable token.
 */
import { createHash, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

const COST: ScryptCost = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * The stored hash of `password`. The functions always hash at the full cost; the test fixtures, which write
 * hundreds of accounts straight into the database, pass a lower one (verifying reads the cost from the hash).
 */
export async function hashPassword(password: string, cost: ScryptCost = COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches `stored`; a malformed hash matches nothing. Takes as long either way. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const wellFormed =
    scheme === 'scrypt' && salt !== undefined && hash !== undefined && Object.values(cost).every(Number.isSafeInteger);
  const expected = wellFormed ? Buffer.from(hash, 'base64url') : Buffer.alloc(KEY_LENGTH);
  const key = await derive(password, Buffer.from(wellFormed ? salt : 'x', 'base64url'), wellFormed ? cost : COST);
  return wellFormed && key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash no password matches, to spend the same time on an unknown account as on a known one. */
export const UNKNOWN_ACCOUNT_HASH = `scrypt$${COST.N}$${COST.r}$${COST.p}$${Buffer.alloc(SALT_BYTES).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;

/** A new session token: 32 random bytes, base64url. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

/** What is stored for a token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Letters and digits that cannot be misread (no 0/O, 1/l/I). */
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A temporary password ops hands on (a new account, a reset): 12 characters (about 69 bits) with a letter
 * and a digit, so it meets the password policy; the staff member must replace it at first sign-in.
 */
export function newTemporaryPassword(): string {
  for (;;) {
    const password = Array.from({ length: 12 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join(
      '',
    );
    if (/[A-Za-z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}
