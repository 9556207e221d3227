/**
 * The payout port: money sent from the merchant's account to a user's WeChat 零钱. `wechatpay-transfer.ts` is
 * the one adapter (WeChat Pay's 商家转账, API v3: `wechatpayTransferFromEnv()`).
 *
 * A transfer is a bill under the merchant's own number (`outBillNo`), and that number is its idempotency key:
 * asking again under the same number with the same request answers the same bill, never a second transfer. So
 * after any error, even one that looks final, the caller keeps the number and asks again or queries it; only a
 * bill WeChat itself says FAILED or CANCELLED frees the caller to try again under a new number. The user must
 * confirm each transfer in the mini-program (`wx.requestMerchantTransfer` with the bill's `packageInfo`) within
 * 24 hours; a bill is known to have paid only from a query or a verified notification, never from the client.
 *
 * The bill's states are WeChat's own words (`transferBillStates` in `domain/withdrawal.machine.ts`, where a
 * withdrawal's machine maps them to its own statuses): ACCEPTED 转账已受理, PROCESSING 转账锁定资金中 (it stays there
 * while the merchant's balance is short), WAIT_USER_CONFIRM 待收款用户确认 (the user may confirm with
 * `packageInfo`), TRANSFERING 转账中 (the user confirmed), then SUCCESS, FAIL, or CANCELING and CANCELLED.
 */
import type { TransferBillState } from '../../domain/withdrawal.machine';

export type { TransferBillState };

const FINAL_STATES: readonly TransferBillState[] = ['SUCCESS', 'FAIL', 'CANCELLED'];
const CANCELLABLE_STATES: readonly TransferBillState[] = ['ACCEPTED', 'PROCESSING', 'WAIT_USER_CONFIRM'];

/** A bill in these states changes no more. */
export const isFinalTransferBillState = (state: TransferBillState): boolean => FINAL_STATES.includes(state);
/** Before the user confirms, the merchant may cancel. */
export const isCancellableTransferBillState = (state: TransferBillState): boolean => CANCELLABLE_STATES.includes(state);

/** One field WeChat asks the merchant to report for the transfer's scene (`transfer_scene_report_infos`). */
export interface TransferReportInfo {
  readonly type: string;
  readonly content: string;
}

export interface PayoutRequest {
  /** The merchant's number: 1 to 32 letters and digits, unique, kept across every retry. */
  readonly outBillNo: string;
  readonly openid: string;
  /** Integer fen, at least 10 (¥0.1). */
  readonly amountFen: number;
  /** Shown to the user, at most 32 characters. */
  readonly remark: string;
  /** The transfer scene the merchant was granted, e.g. `1005` 佣金报酬. */
  readonly sceneId: string;
  /** What the scene requires reported, e.g. 岗位类型 and 报酬说明 for 1005. */
  readonly reportInfos: readonly TransferReportInfo[];
  /** How the user's receipt is worded, e.g. 劳务报酬 (one the scene allows). */
  readonly userRecvPerception?: string;
  /** The user's real name, required from ¥2,000; sent encrypted. */
  readonly userName?: string;
  /** Where WeChat sends MCHTRANSFER.BILL.FINISHED (https, no query); none means no notification. */
  readonly notifyUrl?: string;
}

export interface PayoutBill {
  readonly outBillNo: string;
  /** WeChat's number for the bill. */
  readonly transferBillNo: string;
  readonly state: TransferBillState;
  /** What the mini-program passes to `wx.requestMerchantTransfer`; only while the bill waits for its user. */
  readonly packageInfo?: string;
  /** WeChat's reason for a FAIL, e.g. `OVERDUE_CLOSE`, `ACCOUNT_FROZEN`. */
  readonly failReason?: string;
  readonly amountFen?: number;
  readonly openid?: string;
  /** Epoch ms. */
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

/** A notification as it reached the callback: its headers (any case) and its body, exactly as received. */
export interface SignedNotification {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

/** A verified, decrypted MCHTRANSFER.BILL.FINISHED: the bill's final state. The same event may come again. */
export interface PayoutNotice {
  /** WeChat's event id (the same for a repeated delivery of one event). */
  readonly eventId: string;
  readonly eventType: string;
  readonly bill: PayoutBill;
}

export interface PayoutGateway {
  /** Creates the bill, or answers the one already under `outBillNo` when the request is the same. */
  create(request: PayoutRequest): Promise<PayoutBill>;
  /** The bill under `outBillNo` as WeChat has it now, or undefined when it has none (in the last 30 days). */
  query(outBillNo: string): Promise<PayoutBill | undefined>;
  /** Asks WeChat to cancel a bill its user has not confirmed: answers it CANCELING (or already CANCELLED). */
  cancel(outBillNo: string): Promise<PayoutBill>;
  /** Verifies a notification's signature and decrypts it; throws `PayoutProviderError` (`bad_signature`...). */
  readNotification(notification: SignedNotification): PayoutNotice;
}

/**
 * Why a payout call gave no answer:
 * - `timeout`, `unavailable` (unreachable, HTTP 5xx, SYSTEM_ERROR), `rate_limited` (FREQUENCY_LIMITED): passing;
 *   ask again under the same number;
 * - `insufficient_funds` (NOT_ENOUGH): the merchant's balance must be topped up, then the same number again;
 * - `rejected`: WeChat refused the request (PARAM_ERROR, INVALID_REQUEST, NO_AUTH, SIGN_ERROR...): a person must
 *   look; `not_found`: no such bill (a cancel of an unknown number);
 * - `misconfigured`: our keys or ids are missing; `bad_answer`: an answer that does not verify or cannot be read;
 *   `bad_signature`: a notification that does not verify (answer it with an error: WeChat sends it again).
 */
export type PayoutFailure =
  | 'timeout'
  | 'unavailable'
  | 'rate_limited'
  | 'insufficient_funds'
  | 'rejected'
  | 'not_found'
  | 'misconfigured'
  | 'bad_answer'
  | 'bad_signature';

export class PayoutProviderError extends Error {
  constructor(
    readonly failure: PayoutFailure,
    message: string,
    /** WeChat's own `code` (PARAM_ERROR, NOT_ENOUGH...), when it gave one. */
    readonly providerCode?: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'PayoutProviderError';
  }

  /** Passing trouble: asking again soon, under the same number, may succeed. */
  get transient(): boolean {
    return this.failure === 'timeout' || this.failure === 'unavailable' || this.failure === 'rate_limited';
  }

  /**
   * A refusal a person must fix (the merchant's balance, the request or the payee, our configuration): what a
   * withdrawal's step calls `permanent` (`domain/withdrawal-step.ts`), handed to ops at once.
   */
  get needsPerson(): boolean {
    return this.failure === 'insufficient_funds' || this.failure === 'rejected' || this.failure === 'misconfigured';
  }

  /**
   * Whether the request may have taken effect although it failed (no answer, or one we cannot trust): the bill
   * must be queried before anything else is decided about it.
   */
  get outcomeUnknown(): boolean {
    return this.failure === 'timeout' || this.failure === 'unavailable' || this.failure === 'bad_answer';
  }
}

export const isPayoutProviderError = (value: unknown): value is PayoutProviderError =>
  value instanceof PayoutProviderError;
