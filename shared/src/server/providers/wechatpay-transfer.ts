/**
 * WeChat Pay's 商家转账 (API v3), the payout provider behind `payouts.ts`. CloudPay has no transfer, so a function
 * calls `https://api.mch.weixin.qq.com` itself:
 * - `POST /v3/fund-app/mch-transfer/transfer-bills` (create), `GET …/transfer-bills/out-bill-no/{no}` (query),
 *   `POST …/out-bill-no/{no}/cancel` (cancel), JSON both ways;
 * - each request signed with the merchant's API key: `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",
 *   nonce_str="…",signature="…",timestamp="…",serial_no="…"`, the signature SHA256-with-RSA, base64, over
 *   `METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n` (URL: path and query);
 * - each answer verified with the platform's public key (WeChat Pay 公钥 mode): `Wechatpay-Signature` over
 *   `Wechatpay-Timestamp\nWechatpay-Nonce\nBODY\n`, `Wechatpay-Serial` its id, the timestamp within 5 minutes;
 *   an answer that does not verify is not believed (`bad_answer`);
 * - the user's name, when given, RSA-OAEP encrypted with the platform's key (`Wechatpay-Serial` names it);
 * - MCHTRANSFER.BILL.FINISHED verified the same way and its resource decrypted (AEAD_AES_256_GCM, API v3 key).
 *
 * Written on node:crypto by hand rather than with a library. The two maintained ones were judged: wechatpay-node-v3
 * (2.2.1) brings superagent and an X.509 parser for the platform-certificate mode, and wechatpay-axios-plugin
 * (0.9.6) brings axios, an XML parser and multipart for its v2 APIs; each would put an HTTP stack of its own into
 * the bundle of every function that pays out, for what is here four node:crypto calls (sign, verify, OAEP,
 * AES-GCM) over `fetch`, the same as the 快递100 adapter. The emulator's sandbox implements the platform side
 * independently, and the tests check each against the other and against vectors made with openssl's formulas.
 *
 * Configured by the function's environment (set on the function in the cloud console, never in the repository):
 * `WECHATPAY_MCHID`, `WECHATPAY_APPID`, `WECHATPAY_MERCHANT_SERIAL` (the API certificate's serial),
 * `WECHATPAY_MERCHANT_PRIVATE_KEY` (PEM; `\n` escapes allowed), `WECHATPAY_PUBLIC_KEY_ID` and
 * `WECHATPAY_PUBLIC_KEY` (the platform's public key, PEM), `WECHATPAY_APIV3_KEY` (32 characters),
 * `WECHATPAY_URL` (default https://api.mch.weixin.qq.com; the emulator points it at its sandbox) and
 * `WECHATPAY_TIMEOUT_MS` (default 3000).
 */
import {
  constants,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  type KeyObject,
  publicEncrypt,
  randomBytes,
} from 'node:crypto';
import { transferBillStates } from '../../domain/withdrawal.machine';
import * as z from '../../kernel/zod';
import {
  type PayoutBill,
  type PayoutGateway,
  type PayoutNotice,
  PayoutProviderError,
  type PayoutRequest,
  type SignedNotification,
} from './payouts';

export const WECHATPAY_DEFAULT_URL = 'https://api.mch.weixin.qq.com';
export const WECHATPAY_DEFAULT_TIMEOUT_MS = 3000;
export const TRANSFER_BILLS_PATH = '/v3/fund-app/mch-transfer/transfer-bills';
export const WECHATPAY_AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';
/** How old a signed answer or notification may be (WeChat's own limit for requests). */
export const MAX_SIGNATURE_AGE_S = 300;
export const TRANSFER_FINISHED_EVENT = 'MCHTRANSFER.BILL.FINISHED';

export interface WechatpayTransferConfig {
  /** Scheme and host (and an optional path prefix), without `/v3/...`. */
  readonly url: string;
  readonly mchid: string;
  readonly appid: string;
  readonly merchantSerial: string;
  readonly merchantPrivateKey: KeyObject;
  readonly platformPublicKeyId: string;
  readonly platformPublicKey: KeyObject;
  readonly apiV3Key: string;
  readonly timeoutMs: number;
}

/** The string a request's signature covers. */
export const requestSignatureMessage = (method: string, url: string, timestamp: string, nonce: string, body: string) =>
  `${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;

/** The string an answer's or notification's signature covers. */
export const answerSignatureMessage = (timestamp: string, nonce: string, body: string) =>
  `${timestamp}\n${nonce}\n${body}\n`;

/** 32 characters of A-Z a-z 0-9 from a secure source. */
export function wechatpayNonce(length = 32): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** The `Authorization` header of one request. */
export function wechatpayAuthorization(input: {
  readonly method: string;
  /** Path and query, as the request line has them (from `/v3/`). */
  readonly url: string;
  readonly body: string;
  readonly mchid: string;
  readonly serial: string;
  readonly privateKey: KeyObject;
  readonly timestamp: string;
  readonly nonce: string;
}): string {
  const signature = createSign('RSA-SHA256')
    .update(requestSignatureMessage(input.method, input.url, input.timestamp, input.nonce, input.body), 'utf8')
    .sign(input.privateKey, 'base64');
  return `${WECHATPAY_AUTH_SCHEME} mchid="${input.mchid}",nonce_str="${input.nonce}",signature="${signature}",timestamp="${input.timestamp}",serial_no="${input.serial}"`;
}

const headerOf = (headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
};

/**
 * Whether `body` carries the platform's valid signature in `headers` (`Wechatpay-*`), made by the key we know
 * within the last 5 minutes; the reason when not.
 */
export function checkPlatformSignature(
  headers: Readonly<Record<string, string | undefined>>,
  body: string,
  config: Pick<WechatpayTransferConfig, 'platformPublicKeyId' | 'platformPublicKey'>,
  nowMs: number,
): string | undefined {
  const timestamp = headerOf(headers, 'Wechatpay-Timestamp');
  const nonce = headerOf(headers, 'Wechatpay-Nonce');
  const signature = headerOf(headers, 'Wechatpay-Signature');
  const serial = headerOf(headers, 'Wechatpay-Serial');
  if (!timestamp || !nonce || !signature || !serial) return 'no Wechatpay signature headers';
  if (serial !== config.platformPublicKeyId) return `signed by ${serial}, not by the platform key we know`;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_SIGNATURE_AGE_S) {
    return 'signed more than 5 minutes away from now';
  }
  let valid = false;
  try {
    valid = createVerify('RSA-SHA256')
      .update(answerSignatureMessage(timestamp, nonce, body), 'utf8')
      .verify(config.platformPublicKey, signature, 'base64');
  } catch {
    valid = false;
  }
  return valid ? undefined : 'the signature does not verify';
}

/** A sensitive field (the user's name) encrypted for the platform: RSA-OAEP, SHA-1, base64. */
export function encryptForPlatform(text: string, platformPublicKey: KeyObject): string {
  return publicEncrypt(
    { key: platformPublicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    Buffer.from(text, 'utf8'),
  ).toString('base64');
}

const resourceSchema = z.object({
  algorithm: z.literal('AEAD_AES_256_GCM'),
  ciphertext: z.string().min(1),
  nonce: z.string().min(1),
  associated_data: z.string().optional(),
});

/** A notification's `resource` decrypted with the API v3 key; throws when it does not authenticate. */
export function decryptResource(resource: z.infer<typeof resourceSchema>, apiV3Key: string): string {
  const bytes = Buffer.from(resource.ciphertext, 'base64');
  if (bytes.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
}

const instant = z
  .string()
  .transform((text, ctx) => {
    const at = Date.parse(text);
    if (Number.isNaN(at)) {
      ctx.addIssue({ code: 'custom', message: 'not an RFC 3339 time' });
      return z.NEVER;
    }
    return at;
  })
  .optional();

/** A bill as WeChat's answers and notifications carry it. */
const billSchema = z.object({
  out_bill_no: z.string().min(1),
  transfer_bill_no: z.string().min(1),
  state: transferBillStates,
  package_info: z.string().min(1).optional(),
  fail_reason: z.string().min(1).optional(),
  transfer_amount: z.number().int().optional(),
  openid: z.string().optional(),
  create_time: instant,
  update_time: instant,
});

/** What an answer or decrypted resource says of its bill; throws `bad_answer` when it cannot be read. */
export function readTransferBill(body: unknown): PayoutBill {
  const parsed = billSchema.safeParse(body);
  if (!parsed.success) throw new PayoutProviderError('bad_answer', `a bill we cannot read: ${parsed.error.message}`);
  const bill = parsed.data;
  return {
    outBillNo: bill.out_bill_no,
    transferBillNo: bill.transfer_bill_no,
    state: bill.state,
    ...(bill.package_info !== undefined ? { packageInfo: bill.package_info } : {}),
    ...(bill.fail_reason !== undefined ? { failReason: bill.fail_reason } : {}),
    ...(bill.transfer_amount !== undefined ? { amountFen: bill.transfer_amount } : {}),
    ...(bill.openid !== undefined ? { openid: bill.openid } : {}),
    ...(bill.create_time !== undefined ? { createdAt: bill.create_time } : {}),
    ...(bill.update_time !== undefined ? { updatedAt: bill.update_time } : {}),
  };
}

/** The failure an error answer means. */
function failureOf(status: number, code: string | undefined): PayoutProviderError['failure'] {
  if (status === 429 || code === 'FREQUENCY_LIMITED') return 'rate_limited';
  if (code === 'NOT_ENOUGH') return 'insufficient_funds';
  if (status >= 500 || code === 'SYSTEM_ERROR') return 'unavailable';
  if (status === 404 || code === 'NOT_FOUND') return 'not_found';
  return 'rejected';
}

const errorSchema = z.object({ code: z.string().optional(), message: z.string().optional() });

type Fetch = typeof fetch;

export interface WechatpayTransferClientOptions {
  /** For tests. */
  readonly fetchImpl?: Fetch;
  /** The real clock (signatures are checked against it; never the business clock a simulation speeds up). */
  readonly now?: () => number;
}

/** A 商家转账 client. */
export function wechatpayTransferClient(
  config: WechatpayTransferConfig,
  options: WechatpayTransferClientOptions = {},
): PayoutGateway {
  const fetchImpl = options.fetchImpl ?? fetch;
  const now = options.now ?? Date.now;
  const base = config.url.replace(/\/+$/, '');

  /** One signed call; answers the verified JSON of a 2xx, or throws the failure it was. */
  async function call(method: 'GET' | 'POST', path: string, payload?: unknown): Promise<unknown> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const authorization = wechatpayAuthorization({
      method,
      url: path,
      body,
      mchid: config.mchid,
      serial: config.merchantSerial,
      privateKey: config.merchantPrivateKey,
      timestamp: String(Math.floor(now() / 1000)),
      nonce: wechatpayNonce(),
    });
    let status: number;
    let text: string;
    let headers: Record<string, string>;
    try {
      const response = await fetchImpl(`${base}${path}`, {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          'wechatpay-serial': config.platformPublicKeyId,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      status = response.status;
      text = await response.text();
      headers = Object.fromEntries(response.headers.entries());
    } catch (error) {
      const name = (error as { name?: unknown }).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PayoutProviderError('timeout', `no answer within ${config.timeoutMs} ms`);
      }
      throw new PayoutProviderError('unavailable', `unreachable: ${(error as Error).message}`);
    }
    const ok = status >= 200 && status < 300;
    // A success is believed only signed; an error answer (which never pays anything) is read unsigned too, as a
    // gateway in front of WeChat may answer one, but not when it carries a signature that fails.
    const signed = headerOf(headers, 'Wechatpay-Signature') !== undefined;
    if (ok || signed) {
      const problem = checkPlatformSignature(headers, text, config, now());
      if (problem)
        throw new PayoutProviderError('bad_answer', `HTTP ${status}, not believed: ${problem}`, undefined, status);
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? {} : JSON.parse(text);
    } catch {
      throw new PayoutProviderError(ok ? 'bad_answer' : failureOf(status, undefined), `HTTP ${status}, not JSON`);
    }
    if (ok) return parsed;
    const error = errorSchema.safeParse(parsed);
    const code = error.success ? error.data.code : undefined;
    const message = error.success ? (error.data.message ?? '') : '';
    throw new PayoutProviderError(failureOf(status, code), `HTTP ${status} ${code ?? ''}: ${message}`, code, status);
  }

  const billPath = (outBillNo: string) => `${TRANSFER_BILLS_PATH}/out-bill-no/${encodeURIComponent(outBillNo)}`;
  const expectBill = (answer: unknown, outBillNo: string): PayoutBill => {
    const bill = readTransferBill(answer);
    if (bill.outBillNo !== outBillNo) {
      throw new PayoutProviderError('bad_answer', `asked about ${outBillNo}, answered about ${bill.outBillNo}`);
    }
    return bill;
  };

  return {
    async create(request: PayoutRequest) {
      const answer = await call('POST', TRANSFER_BILLS_PATH, {
        appid: config.appid,
        out_bill_no: request.outBillNo,
        transfer_scene_id: request.sceneId,
        openid: request.openid,
        ...(request.userName ? { user_name: encryptForPlatform(request.userName, config.platformPublicKey) } : {}),
        transfer_amount: request.amountFen,
        transfer_remark: request.remark,
        ...(request.notifyUrl ? { notify_url: request.notifyUrl } : {}),
        ...(request.userRecvPerception ? { user_recv_perception: request.userRecvPerception } : {}),
        transfer_scene_report_infos: request.reportInfos.map((info) => ({
          info_type: info.type,
          info_content: info.content,
        })),
      });
      return expectBill(answer, request.outBillNo);
    },

    async query(outBillNo) {
      try {
        return expectBill(await call('GET', billPath(outBillNo)), outBillNo);
      } catch (error) {
        if (error instanceof PayoutProviderError && error.failure === 'not_found') return undefined;
        throw error;
      }
    },

    async cancel(outBillNo) {
      return expectBill(await call('POST', `${billPath(outBillNo)}/cancel`), outBillNo);
    },

    readNotification(notification: SignedNotification): PayoutNotice {
      const problem = checkPlatformSignature(notification.headers, notification.body, config, now());
      if (problem) throw new PayoutProviderError('bad_signature', `notification not believed: ${problem}`);
      let event: unknown;
      try {
        event = JSON.parse(notification.body);
      } catch {
        throw new PayoutProviderError('bad_answer', 'the notification is not JSON');
      }
      const parsed = z
        .object({ id: z.string().min(1), event_type: z.string().min(1), resource: resourceSchema })
        .safeParse(event);
      if (!parsed.success) throw new PayoutProviderError('bad_answer', 'a notification we cannot read');
      let plaintext: string;
      try {
        plaintext = decryptResource(parsed.data.resource, config.apiV3Key);
      } catch {
        throw new PayoutProviderError('bad_signature', 'the resource does not decrypt with our API v3 key');
      }
      let resource: unknown;
      try {
        resource = JSON.parse(plaintext);
      } catch {
        throw new PayoutProviderError('bad_answer', 'the decrypted resource is not JSON');
      }
      return { eventId: parsed.data.id, eventType: parsed.data.event_type, bill: readTransferBill(resource) };
    },
  };
}

/** A PEM from the environment: cloud consoles often keep a variable on one line, with `\n` escapes. */
const pemOf = (value: string) => value.replaceAll('\\n', '\n').trim();

/** The configuration in an environment; throws `misconfigured` when something is missing or unreadable. */
export function wechatpayTransferConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): WechatpayTransferConfig {
  const required = [
    'WECHATPAY_MCHID',
    'WECHATPAY_APPID',
    'WECHATPAY_MERCHANT_SERIAL',
    'WECHATPAY_MERCHANT_PRIVATE_KEY',
    'WECHATPAY_PUBLIC_KEY_ID',
    'WECHATPAY_PUBLIC_KEY',
    'WECHATPAY_APIV3_KEY',
  ] as const;
  const missing = required.filter((name) => !env[name]?.trim());
  if (missing.length > 0) throw new PayoutProviderError('misconfigured', `${missing.join(', ')} must be set`);
  const value = (name: (typeof required)[number]) => env[name]?.trim() ?? '';
  let merchantPrivateKey: KeyObject;
  let platformPublicKey: KeyObject;
  try {
    merchantPrivateKey = createPrivateKey(pemOf(value('WECHATPAY_MERCHANT_PRIVATE_KEY')));
    platformPublicKey = createPublicKey(pemOf(value('WECHATPAY_PUBLIC_KEY')));
  } catch (error) {
    throw new PayoutProviderError('misconfigured', `a WeChat Pay key does not read: ${(error as Error).message}`);
  }
  const apiV3Key = value('WECHATPAY_APIV3_KEY');
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) {
    throw new PayoutProviderError('misconfigured', 'WECHATPAY_APIV3_KEY must be 32 characters');
  }
  const timeoutMs = Number(env.WECHATPAY_TIMEOUT_MS);
  return {
    url: env.WECHATPAY_URL?.trim() || WECHATPAY_DEFAULT_URL,
    mchid: value('WECHATPAY_MCHID'),
    appid: value('WECHATPAY_APPID'),
    merchantSerial: value('WECHATPAY_MERCHANT_SERIAL'),
    merchantPrivateKey,
    platformPublicKeyId: value('WECHATPAY_PUBLIC_KEY_ID'),
    platformPublicKey,
    apiV3Key,
    timeoutMs: Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : WECHATPAY_DEFAULT_TIMEOUT_MS,
  };
}

/** The client the function's environment configures (read at each call, so a missing key fails that call). */
export const wechatpayTransferFromEnv = (): PayoutGateway => ({
  create: (request) => wechatpayTransferClient(wechatpayTransferConfig()).create(request),
  query: (outBillNo) => wechatpayTransferClient(wechatpayTransferConfig()).query(outBillNo),
  cancel: (outBillNo) => wechatpayTransferClient(wechatpayTransferConfig()).cancel(outBillNo),
  readNotification: (notification) => wechatpayTransferClient(wechatpayTransferConfig()).readNotification(notification),
});
