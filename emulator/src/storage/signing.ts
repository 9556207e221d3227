/**
 * The emulator's signatures on storage URLs: HMAC-SHA256 under a key of its own, kept in the data directory
 * (`<data>/storage-signing.key`, so a temporary URL handed out before a restart still works until it expires) or
 * drawn at start with `--memory`. A temporary download URL carries `sign` and `t` (its expiry, in epoch
 * seconds); an upload's `authorization` header carries its expiry, its token and the signature. Nothing else can
 * make either, so a download needs a URL the SDK was given and an upload needs `storage.getUploadMetadata`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class UrlSigner {
  constructor(private readonly key: Buffer) {}

  /** The key kept in `dataDir`, created on first use; or a fresh one in memory. */
  static forDataDir(dataDir: string | null): UrlSigner {
    if (!dataDir) return new UrlSigner(randomBytes(32));
    const file = join(dataDir, 'storage-signing.key');
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
    }
    return new UrlSigner(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
  }

  sign(...parts: readonly (string | number)[]): string {
    return createHmac('sha256', this.key).update(parts.join('\n')).digest('hex').slice(0, 40);
  }

  verify(signature: string, ...parts: readonly (string | number)[]): boolean {
    const expected = Buffer.from(this.sign(...parts));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

/** An upload's `authorization` header: `q-sign-algorithm=sha256&q-expires=<t>&q-token=<token>&q-signature=<sig>`. */
export function uploadAuthorization(signer: UrlSigner, bucket: string, path: string, expires: number, token: string) {
  const signature = signer.sign('PUT', bucket, path, expires, token);
  return `q-sign-algorithm=sha256&q-expires=${expires}&q-token=${token}&q-signature=${signature}`;
}

/** Whether an upload's `authorization` is one the emulator made for this file, and still good at `nowSeconds`. */
export function checkUploadAuthorization(
  signer: UrlSigner,
  header: string | undefined,
  bucket: string,
  path: string,
  nowSeconds: number,
): 'ok' | 'expired' | 'bad' {
  const fields = new URLSearchParams(header ?? '');
  const expires = Number(fields.get('q-expires'));
  const token = fields.get('q-token') ?? '';
  const signature = fields.get('q-signature') ?? '';
  if (!Number.isSafeInteger(expires) || !signer.verify(signature, 'PUT', bucket, path, expires, token)) return 'bad';
  return expires < nowSeconds ? 'expired' : 'ok';
}
