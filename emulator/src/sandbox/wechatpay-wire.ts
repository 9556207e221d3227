/**
 * WeChat Pay API v3's wire security, as the platform side does it, for the emulator's sandboxes:
 * - a merchant's request carries `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",
 *   signature="…",timestamp="…",serial_no="…"`, the signature being SHA256-with-RSA (PKCS#1 v1.5), base64, over
 *   `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` (URL: the absolute path and query, no host; BODY empty for a GET);
 * - the platform signs its answers and notifications with its own key: headers `Wechatpay-Timestamp`,
 *   `Wechatpay-Nonce`, `Wechatpay-Serial` (the key's id), `Wechatpay-Signature` over `TIMESTAMP\nNONCE\nBODY\n`;
 * - a notification's `resource` is AEAD_AES_256_GCM with the merchant's API v3 key (32 bytes), a 12-character
 *   nonce and `associated_data`; `ciphertext` is base64 of the encrypted bytes followed by the 16-byte tag;
 * - sensitive request fields (`user_name`) are RSA-OAEP (SHA-1, MGF1-SHA-1) encrypted with the platform's key,
 *   whose id the request names in `Wechatpay-Serial`.
 *
 * Written independently of the functions' adapter (shared/src/server/providers/wechatpay-transfer.ts), so each
 * checks the other.
 */
import {
  constants,
  createCipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPair,
  type KeyObject,
  privateDecrypt,
  randomBytes,
} from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** How far a request's timestamp may be from the platform's clock (WeChat: 5 minutes). */
export const MAX_CLOCK_SKEW_S = 300;

export interface RsaKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** The merchant's and the platform's key pairs, and the merchant's API v3 key. */
export interface WechatpayKeys {
  readonly merchant: RsaKeys;
  readonly platform: RsaKeys;
  readonly apiV3Key: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of A-Z a-z 0-9 from a secure source. */
export function randomAlphanumeric(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join('');
}

const generateRsa = promisify(generateKeyPair);

async function rsaKeys(): Promise<RsaKeys> {
  const { privateKey, publicKey } = await generateRsa('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey };
}

let generated: Promise<WechatpayKeys> | undefined;

/**
 * Fresh keys, generated once per process (two RSA-2048 pairs cost about a tenth of a second of CPU, off the main
 * thread) and shared by the emulators it starts: the keys only have to be unknown outside the machine.
 */
export function sandboxKeys(): Promise<WechatpayKeys> {
  generated ??= Promise.all([rsaKeys(), rsaKeys()]).then(([merchant, platform]) => ({
    merchant,
    platform,
    apiV3Key: randomAlphanumeric(32),
  }));
  return generated;
}

/** Where an emulator with a data directory keeps its keys, so a restart signs and verifies as before. */
export const KEYS_FILE = 'wechatpay-keys.json';

/** The keys kept in `path`, or undefined when there are none (or they do not read). */
export function readKeysFile(path: string): WechatpayKeys | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    const pair = (privatePem: string | undefined): RsaKeys => {
      const privateKey = createPrivateKey(privatePem ?? '');
      return { privateKey, publicKey: createPublicKey(privateKey) };
    };
    const apiV3Key = kept.apiV3Key ?? '';
    if (apiV3Key.length !== 32) return undefined;
    return { merchant: pair(kept.merchant), platform: pair(kept.platform), apiV3Key };
  } catch {
    return undefined;
  }
}

export function writeKeysFile(path: string, keys: WechatpayKeys): void {
  const kept = {
    merchant: pem(keys.merchant.privateKey),
    platform: pem(keys.platform.privateKey),
    apiV3Key: keys.apiV3Key,
  };
  writeFileSync(path, JSON.stringify(kept), { mode: 0o600 });
}

export const pem = (key: KeyObject): string =>
  key.type === 'private'
    ? (key.export({ type: 'pkcs8', format: 'pem' }) as string)
    : (key.export({ type: 'spki', format: 'pem' }) as string);

export function rsaSign(message: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKey: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

export const requestMessage = (method: string, url: string, timestamp: string, nonce: string, body: string) =>
  `${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;

export const answerMessage = (timestamp: string, nonce: string, body: string) => `${timestamp}\n${nonce}\n${body}\n`;

export interface Authorization {
  readonly mchid: string;
  readonly nonce: string;
  readonly signature: string;
  readonly timestamp: string;
  readonly serial: string;
}

/** The fields of an `Authorization` header, or the reason it cannot be read. */
export function parseAuthorization(header: string | undefined): Authorization | { readonly error: string } {
  if (!header) return { error: 'Http头缺少Authorization' };
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space) !== AUTH_SCHEME) {
    return { error: `Http头Authorization的认证类型不是${AUTH_SCHEME}` };
  }
  const fields = new Map<string, string>();
  for (const match of header.slice(space + 1).matchAll(/([a-z_]+)="([^"]*)"/g)) {
    fields.set(match[1] ?? '', match[2] ?? '');
  }
  const mchid = fields.get('mchid');
  const nonce = fields.get('nonce_str');
  const signature = fields.get('signature');
  const timestamp = fields.get('timestamp');
  const serial = fields.get('serial_no');
  if (!mchid || !nonce || !signature || !timestamp || !serial) {
    return { error: 'Http头Authorization值格式错误，缺少mchid、nonce_str、signature、timestamp或serial_no' };
  }
  return { mchid, nonce, signature, timestamp, serial };
}

/** The headers a platform answer or notification carries, signed over `body`. */
export function platformSignatureHeaders(
  body: string,
  platform: { readonly privateKey: KeyObject; readonly serial: string },
  nowSeconds: number,
): Record<string, string> {
  const timestamp = String(nowSeconds);
  const nonce = randomAlphanumeric(32);
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': platform.serial,
    'Wechatpay-Signature': rsaSign(answerMessage(timestamp, nonce, body), platform.privateKey),
    'Wechatpay-Signature-Type': AUTH_SCHEME,
  };
}

export interface EncryptedResource {
  readonly original_type: string;
  readonly algorithm: 'AEAD_AES_256_GCM';
  readonly ciphertext: string;
  readonly associated_data: string;
  readonly nonce: string;
}

/** A notification's `resource`: the plaintext encrypted with the API v3 key. */
export function encryptResource(plaintext: string, apiV3Key: string, originalType: string): EncryptedResource {
  const nonce = randomAlphanumeric(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(originalType, 'utf8'));
  const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return {
    original_type: originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encrypted.toString('base64'),
    associated_data: originalType,
    nonce,
  };
}

/** A sensitive field the merchant encrypted with the platform's public key; undefined when it does not decrypt. */
export function decryptSensitive(ciphertext: string, privateKey: KeyObject): string | undefined {
  try {
    return privateDecrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      Buffer.from(ciphertext, 'base64'),
    ).toString('utf8');
  } catch {
    return undefined;
  }
}
