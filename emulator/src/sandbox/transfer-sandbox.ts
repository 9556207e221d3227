/**
 * The WeChat Pay 商家转账 sandbox (API v3, the user-confirmed transfer to a user's 零钱 that replaced 企业付款),
 * served under `/_emulator/wechatpay` as `https://api.mch.weixin.qq.com` serves it:
 * - `POST /v3/fund-app/mch-transfer/transfer-bills` creates a bill; `GET …/transfer-bills/out-bill-no/{no}`
 *   queries it (bills of the last 30 days); `POST …/out-bill-no/{no}/cancel` cancels it before the user confirms.
 * - Every request must be signed by the merchant (`Authorization: WECHATPAY2-SHA256-RSA2048 …`, wechatpay-wire.ts);
 *   a missing, malformed, stale (over 5 minutes) or wrong signature, another mchid or serial is 401 SIGN_ERROR.
 *   Every answer is signed with the platform's key (`Wechatpay-*` headers). The keys are generated at start.
 * - A bill is idempotent by `out_bill_no`: the same request again answers the same bill (in its current state),
 *   a different one under the same number is refused (400 INVALID_REQUEST) and changes nothing.
 * - States: ACCEPTED (only with `acceptMs`) → WAIT_USER_CONFIRM (the answer carries `package_info` for
 *   `wx.requestMerchantTransfer`) → the user confirms (`confirm`, or `autoConfirm`) → TRANSFERING → SUCCESS, or
 *   FAIL (a reason set for the user); unconfirmed 24 hours on the sandbox's clock (the functions') → FAIL
 *   `OVERDUE_CLOSE`; cancel before confirmation → CANCELING → CANCELLED. The money leaves the merchant's balance
 *   when the bill is made (403 NOT_ENOUGH when it is short) and comes back on FAIL or CANCELLED.
 * - A bill reaching SUCCESS, FAIL or CANCELLED sends MCHTRANSFER.BILL.FINISHED to its `notify_url`, the resource
 *   AES-256-GCM encrypted with the API v3 key and the request signed, again and again until a 2xx answers; it can
 *   be sent again on purpose (`renotify`), and duplicated, delayed or lost by the faults, as CloudPay's.
 * - Faults (seeded): a share of API calls fail (500 SYSTEM_ERROR, 429 FREQUENCY_LIMITED, or no answer), before
 *   their effect or after it (the bill is made or cancelled and the answer lost); every answer may wait first.
 *   Beyond the faults, more than `rateLimitPerSecond` calls of one API within a second answer 429.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { z } from 'zod';
import { CallbackDelivery, DEFAULT_DELIVERY, type DeliveryOptions, type DeliveryRecord } from './callback-delivery';
import { faultsSchema, seededRandom } from './faults';
import { readText, sendJson as send } from './sandbox-http';
import { memoryTransferLedger, type StoredBill, type TransferLedgerStore } from './transfer-ledger';
import {
  decryptSensitive,
  encryptResource,
  MAX_CLOCK_SKEW_S,
  parseAuthorization,
  pem,
  platformSignatureHeaders,
  requestMessage,
  rsaVerify,
  type WechatpayKeys,
} from './wechatpay-wire';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TRANSFER_SANDBOX_PATH = '/_emulator/wechatpay';
export const TRANSFER_BILLS_PATH = '/v3/fund-app/mch-transfer/transfer-bills';
/**
 * Where the functions ask WeChat to send a bill's MCHTRANSFER.BILL.FINISHED (`WECHATPAY_TRANSFER_NOTIFY_URL`): the
 * HTTP access route of the function that takes it (`transferCallback`'s `http.path`), on the emulator's port.
 */
export const TRANSFER_NOTIFY_PATH = '/wechatpay/transfer-notify';
export const SANDBOX_MCHID = '1900000100';
export const SANDBOX_APPID = 'wx0000000000000000';
/** A bill the user has not confirmed within this long fails (WeChat: 24 hours). */
export const CONFIRM_WINDOW_MS = 24 * 3_600_000;
/** The query API finds bills of the last 30 days. */
export const QUERY_WINDOW_MS = 30 * 24 * 3_600_000;
/** From this amount (¥2,000) the user's real name is required. */
export const USER_NAME_REQUIRED_FEN = 200_000;
export const MIN_TRANSFER_FEN = 10;
/** The fail reason of a bill unconfirmed for 24 hours. */
export const OVERDUE_REASON = 'OVERDUE_CLOSE';

export const TRANSFER_STATES = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
const FINAL: ReadonlySet<TransferState> = new Set<TransferState>(['SUCCESS', 'FAIL', 'CANCELLED']);
/** Before the user confirms: the bill can still be cancelled, and it expires. */
const UNCONFIRMED: ReadonlySet<TransferState> = new Set<TransferState>(['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM']);

/** The scenes the sandbox merchant has: the report fields each requires and the perceptions it allows. */
const SCENES: Readonly<
  Record<string, { readonly reports: readonly string[]; readonly perceptions: readonly string[] }>
> = {
  /** 现金营销 */
  '1000': { reports: ['活动名称', '奖励说明'], perceptions: ['活动奖励', '现金奖励'] },
  /** 佣金报酬: sales people, 团长, hosts. */
  '1005': { reports: ['岗位类型', '报酬说明'], perceptions: ['劳务报酬', '报酬'] },
};

const API_NAMES = ['create', 'query', 'cancel'] as const;
type ApiName = (typeof API_NAMES)[number];

export const transferFaultsSchema = z.strictObject({
  /** Share of API calls (those in `failureApis`) that fail. */
  failureRate: z.number().min(0).max(1).default(0),
  /** `before`: nothing happens; `after`: the call's effect is stored (bill made, cancel accepted), its answer lost. */
  failureMode: z.enum(['before', 'after']).default('before'),
  /** What a failing call answers: 500 SYSTEM_ERROR, 429 FREQUENCY_LIMITED, or nothing until the caller gives up. */
  failureAnswer: z.enum(['SYSTEM_ERROR', 'FREQUENCY_LIMITED', 'timeout']).default('SYSTEM_ERROR'),
  failureApis: z.array(z.enum(API_NAMES)).default([...API_NAMES]),
  /** Every API answer waits this long first (real milliseconds). */
  delayMs: z.number().int().min(0).max(60_000).default(0),
  // The notifications' faults, as CloudPay's callbacks have them.
  duplicateCallbacks: faultsSchema.shape.duplicateCallbacks,
  callbackDelayMs: faultsSchema.shape.callbackDelayMs,
  crashDeliveries: faultsSchema.shape.crashDeliveries,
  crashMode: faultsSchema.shape.crashMode,
  seed: z.number().int().default(1),
});
export type TransferFaults = z.infer<typeof transferFaultsSchema>;
export type TransferFaultsInput = z.input<typeof transferFaultsSchema>;

export const DEFAULT_BALANCE_FEN = 100_000_000;

export const transferSettingsSchema = z.strictObject({
  /** Every bill waiting for its user is confirmed at once (simulations). */
  autoConfirm: z.boolean().default(false),
  /** A confirmed transfer to one of these users fails with the reason given (e.g. `ACCOUNT_FROZEN`). */
  userFailures: z.record(z.string().min(1), z.string().regex(/^[A-Z_]{1,64}$/)).default({}),
  /** The merchant's operating balance for transfers (default ¥1,000,000). */
  balanceFen: z.number().int().min(0).default(DEFAULT_BALANCE_FEN),
  /** The largest single transfer (default ¥5,000). */
  maxAmountFen: z.number().int().min(1).default(500_000),
  /** Calls of one API answered per second before 429 FREQUENCY_LIMITED (WeChat: 100). */
  rateLimitPerSecond: z.number().int().min(1).default(100),
  /** A new bill stays ACCEPTED this long (real milliseconds) before it waits for its user (default 0: at once). */
  acceptMs: z.number().int().min(0).max(60_000).default(0),
});
export type TransferSettings = z.infer<typeof transferSettingsSchema>;
export type TransferSettingsInput = z.input<typeof transferSettingsSchema>;

const reportInfoSchema = z.object({ info_type: z.string(), info_content: z.string() });

/** A bill as the sandbox keeps it (and stores it). */
const billSchema = z.object({
  outBillNo: z.string(),
  transferBillNo: z.string(),
  appid: z.string(),
  sceneId: z.string(),
  openid: z.string(),
  userName: z.string().optional(),
  amountFen: z.number(),
  remark: z.string(),
  perception: z.string().optional(),
  reportInfos: z.array(reportInfoSchema),
  notifyUrl: z.string().optional(),
  /** What was asked, canonically: the same number asked for anything else is refused. */
  fingerprint: z.string(),
  packageInfo: z.string(),
  state: z.enum(TRANSFER_STATES),
  failReason: z.string().optional(),
  /** The reason a confirmed transfer will fail with, decided when the user confirmed. */
  pendingFailure: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Its final notification was acknowledged (a 2xx); until then it is sent again, after a restart too. */
  notified: z.boolean().optional(),
  /** Notifications sent (deliveries started, repeats included). */
  notifications: z.number().default(0),
});
export type TransferBill = z.infer<typeof billSchema>;

export interface TransferSandboxOptions {
  readonly keys: WechatpayKeys;
  /** The sandbox's clock, the functions' (default: the system clock): bill times, the 24 h and 30 d windows. */
  readonly now?: () => number;
  /** The clock request signatures are checked against and answers signed with (default: the system clock). */
  readonly realNow?: () => number;
  readonly mchid?: string;
  readonly appid?: string;
  readonly faults?: TransferFaultsInput;
  readonly settings?: TransferSettingsInput;
  /** How long TRANSFERING and CANCELING last (real milliseconds, default 20). */
  readonly settleMs?: number;
  readonly delivery?: DeliveryOptions;
  readonly store?: TransferLedgerStore;
  /** How long a `timeout` fault holds the request before dropping it (default 30 s). */
  readonly hangMs?: number;
}

export class TransferControlError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'NOT_WAITING' | 'WRONG_USER' | 'NOT_FINAL',
    message: string,
  ) {
    super(message);
  }
}

type Answer = { readonly status: number; readonly body: unknown };
const refusal = (status: number, code: string, message: string): Answer => ({ status, body: { code, message } });
const paramError = (message: string) => refusal(400, 'PARAM_ERROR', message);
const invalidRequest = (message: string) => refusal(400, 'INVALID_REQUEST', message);
const signError = (message: string) => refusal(401, 'SIGN_ERROR', message);
const NOT_FOUND = refusal(404, 'NOT_FOUND', '记录不存在');
const OUT_BILL_NO = /^[A-Za-z0-9]{1,32}$/;
const SHANGHAI = 'Asia/Shanghai';

const rfc3339 = (ms: number) => dayjs(ms).tz(SHANGHAI).format('YYYY-MM-DDTHH:mm:ssZ');
const characters = (text: string) => [...text].length;
const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value !== '' && characters(value) <= max;

/** A key's id as WeChat shows it: the merchant's certificate serial (40 hex), the platform's public key id. */
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

export class TransferSandbox {
  readonly mchid: string;
  readonly appid: string;
  readonly merchantSerial: string;
  readonly platformKeyId: string;
  readonly delivery: CallbackDelivery;
  private readonly keys: WechatpayKeys;
  private readonly now: () => number;
  private readonly realNow: () => number;
  private readonly settleMs: number;
  private readonly hangMs: number;
  private readonly bills = new Map<string, TransferBill>();
  private readonly byPackage = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hanging = new Set<ServerResponse>();
  /** Timers dropping the requests a `timeout` fault holds (not waited for by `settle`). */
  private readonly hangTimers = new Set<NodeJS.Timeout>();
  private readonly calls = new Map<ApiName, number[]>();
  private readonly store: TransferLedgerStore;
  private readonly sweeper: NodeJS.Timeout;
  private faults: TransferFaults;
  private settings: TransferSettings;
  private balance: number;
  private random: () => number;
  private sequence = 0;
  private closed = false;

  constructor(options: TransferSandboxOptions) {
    this.keys = options.keys;
    this.now = options.now ?? Date.now;
    this.realNow = options.realNow ?? Date.now;
    this.mchid = options.mchid ?? SANDBOX_MCHID;
    this.appid = options.appid ?? SANDBOX_APPID;
    this.settleMs = options.settleMs ?? 20;
    this.hangMs = options.hangMs ?? 30_000;
    const merchantDer = options.keys.merchant.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const platformDer = options.keys.platform.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    this.merchantSerial = hashOf(merchantDer).slice(0, 40).toUpperCase();
    this.platformKeyId = `PUB_KEY_ID_01${String(parseInt(hashOf(platformDer).slice(0, 12), 16)).padStart(20, '0')}`;
    this.faults = transferFaultsSchema.parse(options.faults ?? {});
    this.settings = transferSettingsSchema.parse(options.settings ?? {});
    this.balance = this.settings.balanceFen;
    this.random = seededRandom(this.faults.seed);
    this.delivery = new CallbackDelivery(
      (url, event) => this.post(url, event),
      () => this.faults,
      () => this.random(),
      options.delivery ?? DEFAULT_DELIVERY,
      (kind, key) => this.acknowledged(kind, key),
    );
    this.store = options.store ?? memoryTransferLedger;
    for (const stored of this.store.load()) {
      const bill = billSchema.parse(stored);
      this.bills.set(bill.outBillNo, bill);
      this.byPackage.set(bill.packageInfo, bill.outBillNo);
      if (!this.refunded(bill)) this.balance -= bill.amountFen;
      this.sequence += 1;
    }
    // Bills unconfirmed for 24 hours fail even when nobody asks about them.
    this.sweeper = setInterval(() => this.expireDue(), 1000);
    this.sweeper.unref();
  }

  /**
   * What a function needs in its environment to call this sandbox at `emulatorUrl` as the merchant, and where its
   * bills' notifications go (the emulator's HTTP access route for them).
   */
  functionEnv(emulatorUrl: string): Record<string, string> {
    return {
      WECHATPAY_URL: `${emulatorUrl}${TRANSFER_SANDBOX_PATH}`,
      WECHATPAY_TRANSFER_NOTIFY_URL: `${emulatorUrl}${TRANSFER_NOTIFY_PATH}`,
      WECHATPAY_MCHID: this.mchid,
      WECHATPAY_APPID: this.appid,
      WECHATPAY_MERCHANT_SERIAL: this.merchantSerial,
      WECHATPAY_MERCHANT_PRIVATE_KEY: pem(this.keys.merchant.privateKey),
      WECHATPAY_PUBLIC_KEY_ID: this.platformKeyId,
      WECHATPAY_PUBLIC_KEY: pem(this.keys.platform.publicKey),
      WECHATPAY_APIV3_KEY: this.keys.apiV3Key,
    };
  }

  setFaults(input: TransferFaultsInput): TransferFaults {
    this.faults = transferFaultsSchema.parse(input);
    this.random = seededRandom(this.faults.seed);
    return this.faults;
  }

  currentFaults(): TransferFaults {
    return this.faults;
  }

  /** Changes the settings given (the rest stay); `balanceFen` sets the balance available now. */
  configure(input: TransferSettingsInput): TransferSettings {
    const given = z.record(z.string(), z.unknown()).parse(input);
    this.settings = transferSettingsSchema.parse({ ...this.settings, ...given });
    if (given.balanceFen !== undefined) this.balance = this.settings.balanceFen;
    if (this.settings.autoConfirm) {
      for (const bill of this.bills.values()) if (bill.state === 'WAIT_USER_CONFIRM') this.autoConfirm(bill);
    }
    return this.currentSettings();
  }

  currentSettings(): TransferSettings {
    return { ...this.settings, balanceFen: this.balance };
  }

  bill(outBillNo: string): TransferBill | undefined {
    this.expireDue();
    return this.bills.get(outBillNo);
  }

  list(): TransferBill[] {
    this.expireDue();
    return [...this.bills.values()];
  }

  /** The notification deliveries so far (each attempt, with its outcome). */
  deliveries(): readonly DeliveryRecord[] {
    return this.delivery.history().filter((record) => record.kind === 'transfer');
  }

  /**
   * The user confirms in WeChat (`wx.requestMerchantTransfer` with the bill's `package_info`): the transfer
   * runs and ends SUCCESS, or FAIL with `failReason` (or the one set for the user).
   */
  confirm(
    key: { readonly outBillNo: string } | { readonly packageInfo: string },
    options: { readonly openid?: string; readonly failReason?: string } = {},
  ): TransferBill {
    this.expireDue();
    const outBillNo = 'outBillNo' in key ? key.outBillNo : this.byPackage.get(key.packageInfo);
    const bill = outBillNo === undefined ? undefined : this.bills.get(outBillNo);
    if (!bill) throw new TransferControlError('NOT_FOUND', 'no such bill');
    if (options.openid !== undefined && options.openid !== bill.openid) {
      throw new TransferControlError('WRONG_USER', 'the bill is for another user');
    }
    if (bill.state !== 'WAIT_USER_CONFIRM') {
      throw new TransferControlError('NOT_WAITING', `the bill is ${bill.state}, not waiting for its user`);
    }
    const failure = options.failReason ?? this.settings.userFailures[bill.openid];
    bill.state = 'TRANSFERING';
    bill.updatedAt = this.now();
    if (failure) bill.pendingFailure = failure;
    this.persist(bill);
    this.later(this.settleMs, () => this.transferred(bill));
    return bill;
  }

  /** Sends a final bill's notification once more, as WeChat may. */
  renotify(outBillNo: string): TransferBill {
    const bill = this.bill(outBillNo);
    if (!bill) throw new TransferControlError('NOT_FOUND', 'no such bill');
    if (!FINAL.has(bill.state)) throw new TransferControlError('NOT_FINAL', `the bill is ${bill.state}`);
    this.notify(bill);
    return bill;
  }

  /**
   * After a restart on a kept ledger, what WeChat Pay would still be doing: finishing transfers and cancels under
   * way, and sending the notifications nobody acknowledged.
   */
  resume(): void {
    for (const bill of this.bills.values()) {
      if (bill.state === 'ACCEPTED' || bill.state === 'PROCESSING')
        this.later(this.settings.acceptMs, () => this.waitForUser(bill));
      else if (bill.state === 'WAIT_USER_CONFIRM' && this.settings.autoConfirm) this.autoConfirm(bill);
      else if (bill.state === 'TRANSFERING') this.later(this.settleMs, () => this.transferred(bill));
      else if (bill.state === 'CANCELING') this.later(this.settleMs, () => this.finish(bill, 'CANCELLED'));
      else if (FINAL.has(bill.state) && !bill.notified) this.notify(bill);
    }
  }

  /**
   * Resolves once nothing is under way: no notification in delivery (retries included), no transfer or cancel
   * waiting to finish.
   */
  async settle(): Promise<void> {
    for (;;) {
      await this.delivery.settle();
      if (this.timers.size === 0 && this.delivery.idle()) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Forgets every bill, kept ones too, stops what was under way, and restores the default settings. */
  reset(): void {
    this.bills.clear();
    this.byPackage.clear();
    this.store.clear();
    this.delivery.cancel();
    this.clearTimers();
    this.calls.clear();
    this.settings = transferSettingsSchema.parse({});
    this.balance = this.settings.balanceFen;
  }

  /** Stops sending notifications and finishing transfers; the ledger still answers until `close`. */
  stop(): void {
    this.delivery.stop();
    this.clearTimers();
    clearInterval(this.sweeper);
    for (const timer of this.hangTimers) clearTimeout(timer);
    this.hangTimers.clear();
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  close(): void {
    this.stop();
    this.closed = true;
    this.store.close();
  }

  /** Serves `/_emulator/wechatpay/...`: the v3 API and the sandbox's controls. False for other paths. */
  async route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== TRANSFER_SANDBOX_PATH && !url.pathname.startsWith(`${TRANSFER_SANDBOX_PATH}/`)) return false;
    const rest = url.pathname.slice(TRANSFER_SANDBOX_PATH.length);
    const method = req.method ?? 'GET';
    const body = await readText(req);
    if (rest.startsWith('/v3/')) {
      await this.serveApi(method, `${rest}${url.search}`, req.headers, body, res);
      return true;
    }
    try {
      this.serveControl(method, rest, body, res);
    } catch (error) {
      if (error instanceof z.ZodError) send(res, 400, { code: 'INVALID_ARGUMENT', message: z.prettifyError(error) });
      else if (error instanceof SyntaxError) send(res, 400, { code: 'BAD_REQUEST', message: 'body is not JSON' });
      else if (error instanceof TransferControlError) {
        send(res, error.code === 'NOT_FOUND' ? 404 : 409, { code: error.code, message: error.message });
      } else throw error;
    }
    return true;
  }

  private serveControl(method: string, rest: string, body: string, res: ServerResponse): void {
    const json = () => JSON.parse(body || '{}') as unknown;
    const one = /^\/transfer\/bills\/([^/]+)(\/notify)?$/.exec(rest);
    if (rest === '/transfer/bills' && method === 'GET') {
      send(res, 200, this.list());
    } else if (one && !one[2] && method === 'GET') {
      const bill = this.bill(decodeURIComponent(one[1] ?? ''));
      if (bill) send(res, 200, bill);
      else send(res, 404, { code: 'NOT_FOUND', message: 'no such bill' });
    } else if (one?.[2] && method === 'POST') {
      send(res, 200, this.renotify(decodeURIComponent(one[1] ?? '')));
    } else if (rest === '/transfer/confirm' && method === 'POST') {
      const request = z
        .strictObject({
          package: z.string().min(1).optional(),
          outBillNo: z.string().min(1).optional(),
          openid: z.string().min(1).optional(),
          failReason: z
            .string()
            .regex(/^[A-Z_]{1,64}$/)
            .optional(),
        })
        .refine((r) => (r.package === undefined) !== (r.outBillNo === undefined), 'give package or outBillNo')
        .parse(json());
      const key =
        request.package !== undefined ? { packageInfo: request.package } : { outBillNo: request.outBillNo ?? '' };
      send(
        res,
        200,
        this.confirm(key, {
          ...(request.openid !== undefined ? { openid: request.openid } : {}),
          ...(request.failReason !== undefined ? { failReason: request.failReason } : {}),
        }),
      );
    } else if (rest === '/transfer/faults') {
      send(res, 200, method === 'POST' ? this.setFaults(json() as TransferFaultsInput) : this.currentFaults());
    } else if (rest === '/transfer/settings') {
      send(res, 200, method === 'POST' ? this.configure(json() as TransferSettingsInput) : this.currentSettings());
    } else {
      send(res, 404, { code: 'NOT_FOUND', message: `${method} ${TRANSFER_SANDBOX_PATH}${rest} is not served here` });
    }
  }

  /** One v3 API call: its signature, the rate limit, the faults, then the call itself; the answer signed. */
  private async serveApi(
    method: string,
    url: string,
    headers: IncomingMessage['headers'],
    body: string,
    res: ServerResponse,
  ): Promise<void> {
    if (this.faults.delayMs > 0) await this.wait(this.faults.delayMs);
    this.expireDue();
    const refused = this.checkSignature(method, url, headerOf(headers, 'authorization'), body);
    if (refused) return this.answer(res, refused);
    const path = url.split('?')[0] ?? '';
    const match = /^\/out-bill-no\/([^/]+)(\/cancel)?$/.exec(path.slice(TRANSFER_BILLS_PATH.length));
    let api: ApiName;
    let run: () => Answer;
    if (path === TRANSFER_BILLS_PATH && method === 'POST') {
      api = 'create';
      run = () => this.create(body, headerOf(headers, 'wechatpay-serial'));
    } else if (path.startsWith(TRANSFER_BILLS_PATH) && match && !match[2] && method === 'GET') {
      api = 'query';
      run = () => this.query(decodeURIComponent(match[1] ?? ''));
    } else if (path.startsWith(TRANSFER_BILLS_PATH) && match?.[2] && method === 'POST') {
      api = 'cancel';
      run = () => this.cancel(decodeURIComponent(match[1] ?? ''));
    } else {
      return this.answer(res, refusal(404, 'NOT_FOUND', `${method} ${path} 不存在`));
    }
    if (this.overRate(api)) return this.answer(res, refusal(429, 'FREQUENCY_LIMITED', '频率超限，请降低请求频率'));
    const failing =
      this.faults.failureRate > 0 && this.faults.failureApis.includes(api) && this.random() < this.faults.failureRate;
    if (!failing) return this.answer(res, run());
    if (this.faults.failureMode === 'after') run();
    if (this.faults.failureAnswer === 'timeout') {
      // Never answered: the caller's timeout fires; the connection is dropped later (or at stop).
      this.hanging.add(res);
      const timer = setTimeout(() => {
        this.hangTimers.delete(timer);
        this.hanging.delete(res);
        res.destroy();
      }, this.hangMs);
      this.hangTimers.add(timer);
      return;
    }
    this.answer(
      res,
      this.faults.failureAnswer === 'FREQUENCY_LIMITED'
        ? refusal(429, 'FREQUENCY_LIMITED', '频率超限，请降低请求频率')
        : refusal(500, 'SYSTEM_ERROR', '系统异常，请使用相同参数稍后重新调用'),
    );
  }

  /** The refusal a request's `Authorization` earns, or undefined when the merchant signed it. */
  private checkSignature(method: string, url: string, header: string | undefined, body: string): Answer | undefined {
    const auth = parseAuthorization(header);
    if ('error' in auth) return signError(auth.error);
    if (auth.mchid !== this.mchid) return signError(`商户号${auth.mchid}与证书不匹配`);
    if (auth.serial !== this.merchantSerial) return signError('商户证书序列号有误，请检查serial_no');
    const timestamp = Number(auth.timestamp);
    if (!/^\d{1,12}$/.test(auth.timestamp) || Math.abs(this.realNow() / 1000 - timestamp) > MAX_CLOCK_SKEW_S) {
      return signError('请求的timestamp已过期或无效，请使用当前时间');
    }
    const message = requestMessage(method, url, auth.timestamp, auth.nonce, body);
    if (!rsaVerify(message, auth.signature, this.keys.merchant.publicKey)) {
      return signError('签名错误，请检查签名串与商户私钥');
    }
    return undefined;
  }

  private overRate(api: ApiName): boolean {
    const now = this.realNow();
    const recent = (this.calls.get(api) ?? []).filter((at) => now - at < 1000);
    const over = recent.length >= this.settings.rateLimitPerSecond;
    if (!over) recent.push(now);
    this.calls.set(api, recent);
    return over;
  }

  private create(text: string, serialHeader: string | undefined): Answer {
    let request: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return paramError('请求体应为JSON对象');
      }
      request = value as Record<string, unknown>;
    } catch {
      return paramError('请求体不是合法的JSON');
    }
    const { appid, out_bill_no, transfer_scene_id, openid, transfer_amount, transfer_remark } = request;
    const { notify_url, user_recv_perception, transfer_scene_report_infos, user_name } = request;
    if (!isText(appid, 32)) return paramError('appid为必填参数，最长32个字符');
    if (typeof out_bill_no !== 'string' || !OUT_BILL_NO.test(out_bill_no)) {
      return paramError('out_bill_no只能由数字、大小写字母组成，最长32个字符');
    }
    if (!isText(transfer_scene_id, 36)) return paramError('transfer_scene_id为必填参数');
    if (!isText(openid, 64)) return paramError('openid为必填参数，最长64个字符');
    if (typeof transfer_amount !== 'number' || !Number.isSafeInteger(transfer_amount) || transfer_amount <= 0) {
      return paramError('transfer_amount应为正整数，单位为分');
    }
    if (!isText(transfer_remark, 32)) return paramError('transfer_remark为必填参数，最多32个字符');
    if (notify_url !== undefined && !this.notifyUrlOk(notify_url)) {
      return paramError('notify_url须为可访问的https地址，不能携带参数，最长256个字符');
    }
    if (user_recv_perception !== undefined && typeof user_recv_perception !== 'string') {
      return paramError('user_recv_perception应为字符串');
    }
    const perception = typeof user_recv_perception === 'string' ? user_recv_perception : undefined;
    const infos = z.array(reportInfoSchema).safeParse(transfer_scene_report_infos ?? []);
    if (!infos.success) return paramError('transfer_scene_report_infos格式错误');
    if (infos.data.length === 0) return paramError('需传入转账场景报备信息,请检查');
    let userName: string | undefined;
    if (user_name !== undefined && user_name !== '') {
      if (typeof user_name !== 'string') return paramError('user_name应为加密后的字符串');
      if (serialHeader !== this.platformKeyId) {
        return paramError('Wechatpay-Serial须为加密user_name所用的微信支付公钥ID');
      }
      userName = decryptSensitive(user_name, this.keys.platform.privateKey);
      if (!userName) return paramError('user_name解密失败，请使用微信支付公钥加密');
    }
    if (appid !== this.appid) return paramError('appid与商户号不匹配，请检查');
    const scene = SCENES[transfer_scene_id];
    if (!scene) return invalidRequest('该转账场景未开通或不可用，请检查transfer_scene_id');
    if (
      !scene.reports.every((type) => infos.data.some((info) => info.info_type === type && info.info_content !== ''))
    ) {
      return paramError('未传入完整且对应的转账场景报备信息,请根据接口文档检查');
    }
    if (perception !== undefined && !scene.perceptions.includes(perception)) {
      return invalidRequest('暂不支持展示当前传入的用户收款感知');
    }
    if (transfer_amount < MIN_TRANSFER_FEN) return invalidRequest('转账金额不能低于0.1元');
    if (transfer_amount > this.settings.maxAmountFen) return invalidRequest('转账金额超出单笔转账额度');
    if (transfer_amount >= USER_NAME_REQUIRED_FEN && !userName) {
      return paramError('转账金额>=2000元时，必须传入收款用户姓名user_name');
    }
    const fingerprint = JSON.stringify([
      appid,
      transfer_scene_id,
      openid,
      transfer_amount,
      transfer_remark,
      notify_url ?? null,
      perception ?? null,
      infos.data.map((info) => [info.info_type, info.info_content]),
      userName ?? null,
    ]);
    const existing = this.bills.get(out_bill_no);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        return invalidRequest('商户单号重复，且与原单参数不一致；请勿更换参数重试原单');
      }
      return { status: 200, body: this.createdView(existing) };
    }
    if (transfer_amount > this.balance) {
      return refusal(403, 'NOT_ENOUGH', '商户运营账户资金不足，请充值后原单重试，请勿更换商户单号');
    }
    const now = this.now();
    const bill: TransferBill = {
      outBillNo: out_bill_no,
      transferBillNo: this.transferBillNo(),
      appid,
      sceneId: transfer_scene_id,
      openid,
      ...(userName ? { userName } : {}),
      amountFen: transfer_amount,
      remark: transfer_remark,
      ...(perception !== undefined ? { perception } : {}),
      reportInfos: infos.data,
      ...(typeof notify_url === 'string' ? { notifyUrl: notify_url } : {}),
      fingerprint,
      packageInfo: randomBytes(48).toString('base64'),
      state: this.settings.acceptMs > 0 ? 'ACCEPTED' : 'WAIT_USER_CONFIRM',
      createdAt: now,
      updatedAt: now,
      notifications: 0,
    };
    this.balance -= transfer_amount;
    this.bills.set(bill.outBillNo, bill);
    this.byPackage.set(bill.packageInfo, bill.outBillNo);
    this.persist(bill);
    if (bill.state === 'ACCEPTED') this.later(this.settings.acceptMs, () => this.waitForUser(bill));
    else if (this.settings.autoConfirm) this.autoConfirm(bill);
    return { status: 200, body: this.createdView(bill) };
  }

  /** An http(s) URL without a query: https in production; the sandbox also takes http, for the emulator. */
  private notifyUrlOk(value: unknown): boolean {
    if (typeof value !== 'string' || value.length > 256) return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  }

  private query(outBillNo: string): Answer {
    if (!OUT_BILL_NO.test(outBillNo)) return paramError('out_bill_no只能由数字、大小写字母组成，最长32个字符');
    const bill = this.bills.get(outBillNo);
    if (!bill || this.now() - bill.createdAt > QUERY_WINDOW_MS) return NOT_FOUND;
    return {
      status: 200,
      body: {
        mch_id: this.mchid,
        out_bill_no: bill.outBillNo,
        transfer_bill_no: bill.transferBillNo,
        appid: bill.appid,
        state: bill.state,
        transfer_amount: bill.amountFen,
        transfer_remark: bill.remark,
        ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
        openid: bill.openid,
        create_time: rfc3339(bill.createdAt),
        update_time: rfc3339(bill.updatedAt),
      },
    };
  }

  private cancel(outBillNo: string): Answer {
    if (!OUT_BILL_NO.test(outBillNo)) return paramError('out_bill_no只能由数字、大小写字母组成，最长32个字符');
    const bill = this.bills.get(outBillNo);
    if (!bill) return NOT_FOUND;
    if (UNCONFIRMED.has(bill.state)) {
      bill.state = 'CANCELING';
      bill.updatedAt = this.now();
      this.persist(bill);
      this.later(this.settleMs, () => this.finish(bill, 'CANCELLED'));
    } else if (bill.state !== 'CANCELING' && bill.state !== 'CANCELLED') {
      return invalidRequest(`转账单状态为${bill.state}，不允许撤销`);
    }
    return {
      status: 200,
      body: {
        out_bill_no: bill.outBillNo,
        transfer_bill_no: bill.transferBillNo,
        state: bill.state,
        update_time: rfc3339(bill.updatedAt),
      },
    };
  }

  private createdView(bill: TransferBill): Record<string, unknown> {
    return {
      out_bill_no: bill.outBillNo,
      transfer_bill_no: bill.transferBillNo,
      create_time: rfc3339(bill.createdAt),
      state: bill.state,
      ...(bill.state === 'WAIT_USER_CONFIRM' ? { package_info: bill.packageInfo } : {}),
      ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
    };
  }

  private waitForUser(bill: TransferBill): void {
    if (bill.state !== 'ACCEPTED' && bill.state !== 'PROCESSING') return;
    bill.state = 'WAIT_USER_CONFIRM';
    bill.updatedAt = this.now();
    this.persist(bill);
    if (this.settings.autoConfirm) this.autoConfirm(bill);
  }

  private autoConfirm(bill: TransferBill): void {
    this.later(0, () => {
      if (bill.state === 'WAIT_USER_CONFIRM' && this.bills.get(bill.outBillNo) === bill) {
        this.confirm({ outBillNo: bill.outBillNo });
      }
    });
  }

  private transferred(bill: TransferBill): void {
    if (bill.state !== 'TRANSFERING') return;
    const failure = bill.pendingFailure;
    delete bill.pendingFailure;
    if (failure) this.finish(bill, 'FAIL', failure);
    else this.finish(bill, 'SUCCESS');
  }

  /** Bills unconfirmed for 24 hours fail (and notify). */
  private expireDue(): void {
    const now = this.now();
    for (const bill of this.bills.values()) {
      if (UNCONFIRMED.has(bill.state) && now - bill.createdAt >= CONFIRM_WINDOW_MS) {
        this.finish(bill, 'FAIL', OVERDUE_REASON);
      }
    }
  }

  private finish(bill: TransferBill, state: 'SUCCESS' | 'FAIL' | 'CANCELLED', failReason?: string): void {
    if (FINAL.has(bill.state) || this.bills.get(bill.outBillNo) !== bill) return;
    bill.state = state;
    bill.updatedAt = this.now();
    if (failReason) bill.failReason = failReason;
    if (this.refunded(bill)) this.balance += bill.amountFen;
    this.persist(bill);
    this.notify(bill);
  }

  /** Whether the bill's money went back to the merchant. */
  private refunded(bill: TransferBill): boolean {
    return bill.state === 'FAIL' || bill.state === 'CANCELLED';
  }

  /** MCHTRANSFER.BILL.FINISHED to the bill's notify_url (none without one), until acknowledged. */
  private notify(bill: TransferBill): void {
    if (!bill.notifyUrl) return;
    bill.notifications += 1;
    this.persist(bill);
    const resource = encryptResource(
      JSON.stringify({
        out_bill_no: bill.outBillNo,
        transfer_bill_no: bill.transferBillNo,
        state: bill.state,
        mch_id: this.mchid,
        transfer_amount: bill.amountFen,
        openid: bill.openid,
        ...(bill.failReason ? { fail_reason: bill.failReason } : {}),
        create_time: rfc3339(bill.createdAt),
        update_time: rfc3339(bill.updatedAt),
      }),
      this.keys.apiV3Key,
      'mch_payment',
    );
    const event = {
      id: `EV-${randomUUIDLike()}`,
      create_time: rfc3339(this.now()),
      resource_type: 'encrypt-resource',
      event_type: 'MCHTRANSFER.BILL.FINISHED',
      summary: '商家转账单据终态通知',
      resource,
    };
    this.delivery.send('transfer', bill.outBillNo, bill.notifyUrl, event);
  }

  /** One delivery attempt: the event signed afresh and posted; a 2xx acknowledges it. */
  private async post(url: string, event: Record<string, unknown>): Promise<unknown> {
    const body = JSON.stringify(event);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...platformSignatureHeaders(
          body,
          { privateKey: this.keys.platform.privateKey, serial: this.platformKeyId },
          Math.floor(this.realNow() / 1000),
        ),
      },
      body,
      signal: AbortSignal.timeout(5000),
    });
    const text = await response.text();
    return response.ok ? { errcode: 0 } : { errcode: response.status, errmsg: text.slice(0, 200) };
  }

  private acknowledged(kind: DeliveryRecord['kind'], key: string): void {
    if (kind !== 'transfer') return;
    const bill = this.bills.get(key);
    if (!bill || bill.notified) return;
    bill.notified = true;
    this.persist(bill);
  }

  /** Sends the answer with the platform's signature (and a Request-ID), as every v3 answer carries. */
  private answer(res: ServerResponse, answer: Answer): void {
    const body = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'request-id': randomUUIDLike(),
      ...platformSignatureHeaders(
        body,
        { privateKey: this.keys.platform.privateKey, serial: this.platformKeyId },
        Math.floor(this.realNow() / 1000),
      ),
    });
    res.end(body);
  }

  private persist(bill: TransferBill): void {
    if (!this.closed) this.store.save(bill as StoredBill);
  }

  private transferBillNo(): string {
    const seq = String(++this.sequence).padStart(8, '0');
    const stamp = dayjs(this.now()).tz(SHANGHAI).format('YYYYMMDD');
    const random = Array.from(randomBytes(16), (byte) => String(byte % 10)).join('');
    return `1330${this.mchid}${stamp}${seq}${random}`.slice(0, 44);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

const randomUUIDLike = () => randomBytes(16).toString('hex').toUpperCase();

const headerOf = (headers: IncomingMessage['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};
