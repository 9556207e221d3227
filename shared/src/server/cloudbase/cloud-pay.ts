/**
 * CloudPay (`cloud.cloudPay`, no typings in wx-server-sdk): prepay and refund, typed. The merchant's
 * sub-merchant id comes from the function's environment (`WXPAY_SUB_MCH_ID`); amounts are integer fen.
 */
import type { Fen } from '../../kernel/money';
import { DomainError } from '../../kernel/errors';
import { wxCloud } from './db';

/** What `wx.requestPayment` takes. */
export interface PaymentParams {
  readonly timeStamp: string;
  readonly nonceStr: string;
  readonly package: string;
  readonly signType: string;
  readonly paySign: string;
}

/** The callback functions CloudPay notifies. */
export const PAY_CALLBACK_FUNCTION = 'payCallback';
export const REFUND_CALLBACK_FUNCTION = 'refundCallback';

type CloudPayApi = Record<string, (params: Record<string, unknown>) => Promise<Record<string, unknown>>>;

const cloudPay = () => (wxCloud() as unknown as { cloudPay: CloudPayApi }).cloudPay;
const subMchId = () => process.env.WXPAY_SUB_MCH_ID ?? '1900000109';
const envId = () => wxCloud().getWXContext().ENV ?? '';

const succeeded = (reply: Record<string, unknown>) => reply.returnCode === 'SUCCESS' && reply.resultCode === 'SUCCESS';
const describe = (reply: Record<string, unknown>) =>
  String(reply.errCodeDes ?? reply.returnMsg ?? reply.errCode ?? 'unknown CloudPay answer');

export interface PrepayRequest {
  readonly outTradeNo: string;
  readonly totalFee: Fen;
  readonly body: string;
  /** Echoed back in the payment notification (≤ 127 bytes). */
  readonly attach?: string;
}

/** Creates (or, for the same order again, returns) the prepay the shopper pays in WeChat. */
export async function prepay(request: PrepayRequest): Promise<PaymentParams> {
  const api = cloudPay().unifiedOrder;
  if (!api) throw new Error('cloudPay.unifiedOrder is unavailable');
  const reply = await api({
    body: request.body.slice(0, 120),
    outTradeNo: request.outTradeNo,
    spbillCreateIp: '127.0.0.1',
    subMchId: subMchId(),
    totalFee: request.totalFee,
    envId: envId(),
    functionName: PAY_CALLBACK_FUNCTION,
    ...(request.attach ? { attach: request.attach } : {}),
  });
  if (!succeeded(reply)) throw new DomainError('PAYMENT_FAILED', describe(reply));
  const payment = reply.payment as PaymentParams | undefined;
  if (!payment) throw new DomainError('PAYMENT_FAILED', 'no payment params in the prepay');
  return {
    timeStamp: payment.timeStamp,
    nonceStr: payment.nonceStr,
    package: payment.package,
    signType: payment.signType,
    paySign: payment.paySign,
  };
}

export interface RefundRequest {
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly totalFee: number;
  readonly refundFee: number;
}

export type RefundAnswer =
  { readonly ok: true; readonly refundId: string } | { readonly ok: false; readonly reason: string };

/** Asks CloudPay to refund. Repeating the same `outRefundNo` never refunds twice. */
export async function requestRefund(request: RefundRequest): Promise<RefundAnswer> {
  const api = cloudPay().refund;
  if (!api) throw new Error('cloudPay.refund is unavailable');
  const reply = await api({
    outTradeNo: request.outTradeNo,
    outRefundNo: request.outRefundNo,
    totalFee: request.totalFee,
    refundFee: request.refundFee,
    subMchId: subMchId(),
    envId: envId(),
    functionName: REFUND_CALLBACK_FUNCTION,
  });
  return succeeded(reply) ? { ok: true, refundId: String(reply.refundId) } : { ok: false, reason: describe(reply) };
}

export interface PaymentState {
  /** SUCCESS, REFUND (paid, since refunded), NOTPAY, CLOSED, or NOTEXIST when CloudPay has no such order. */
  readonly tradeState: string;
  readonly transactionId?: string;
  readonly totalFee?: number;
  readonly openid?: string;
  readonly timeEnd?: string;
}

/** What CloudPay knows of an order's payment. */
export async function queryPayment(outTradeNo: string): Promise<PaymentState> {
  const api = cloudPay().queryOrder;
  if (!api) throw new Error('cloudPay.queryOrder is unavailable');
  const reply = await api({ outTradeNo, subMchId: subMchId() });
  if (reply.returnCode !== 'SUCCESS') throw new Error(`queryOrder ${outTradeNo}: ${describe(reply)}`);
  if (reply.resultCode !== 'SUCCESS') {
    if (reply.errCode === 'ORDERNOTEXIST' || String(reply.errCodeDes ?? '').includes('不存在'))
      return { tradeState: 'NOTEXIST' };
    throw new Error(`queryOrder ${outTradeNo}: ${describe(reply)}`);
  }
  return {
    tradeState: String(reply.tradeState),
    ...(typeof reply.transactionId === 'string' ? { transactionId: reply.transactionId } : {}),
    ...(typeof reply.totalFee === 'number' ? { totalFee: reply.totalFee } : {}),
    ...(typeof (reply.subOpenid ?? reply.openid) === 'string'
      ? { openid: String(reply.subOpenid ?? reply.openid) }
      : {}),
    ...(typeof reply.timeEnd === 'string' ? { timeEnd: reply.timeEnd } : {}),
  };
}

/**
 * Closes the prepay so it can no longer be paid, and says what became of it: `paid` when the shopper
 * paid first (then `state` carries the payment), `unpaid` (closed before anyone paid), or `missing` when
 * there never was one.
 */
export async function closePrepay(
  outTradeNo: string,
): Promise<{ outcome: 'unpaid' | 'paid' | 'missing'; state: PaymentState }> {
  const api = cloudPay().closeOrder;
  if (!api) throw new Error('cloudPay.closeOrder is unavailable');
  const reply = await api({ outTradeNo, subMchId: subMchId() });
  if (reply.returnCode !== 'SUCCESS') throw new Error(`closeOrder ${outTradeNo}: ${describe(reply)}`);
  // On a refusal the SDK keeps no usable error code, so ask what the order's state is.
  const state = await queryPayment(outTradeNo);
  if (state.tradeState === 'SUCCESS' || state.tradeState === 'REFUND') return { outcome: 'paid', state };
  if (state.tradeState === 'NOTEXIST') return { outcome: 'missing', state };
  if (reply.resultCode === 'SUCCESS' || state.tradeState === 'CLOSED') return { outcome: 'unpaid', state };
  throw new Error(`closeOrder ${outTradeNo}: ${describe(reply)} (state ${state.tradeState})`);
}

export interface RefundState {
  /** SUCCESS, PROCESSING, CHANGE or REFUNDCLOSE (WeChat's), or NOTEXIST. */
  readonly status: string;
  readonly refundId?: string;
  readonly successTime?: string;
}

/** What CloudPay knows of a refund: for refunds whose notification never came. */
export async function queryRefundState(outTradeNo: string, outRefundNo: string): Promise<RefundState> {
  const api = cloudPay().queryRefund;
  if (!api) throw new Error('cloudPay.queryRefund is unavailable');
  const reply = await api({ outTradeNo, outRefundNo, subMchId: subMchId() });
  if (reply.returnCode !== 'SUCCESS') throw new Error(`queryRefund ${outRefundNo}: ${describe(reply)}`);
  if (reply.resultCode !== 'SUCCESS') {
    if (/不存在|not ?exist|查询失败/i.test(String(reply.errCodeDes ?? ''))) return { status: 'NOTEXIST' };
    throw new Error(`queryRefund ${outRefundNo}: ${describe(reply)}`);
  }
  // `refund_status_0` arrives as `refundStatus_0`: the SDK camelCases only before letters.
  const status = reply.refundStatus_0;
  const refundId = reply.refundId_0;
  const successTime = reply.refundSuccessTime_0;
  return {
    status: typeof status === 'string' ? status : 'PROCESSING',
    ...(typeof refundId === 'string' ? { refundId } : {}),
    ...(typeof successTime === 'string' ? { successTime } : {}),
  };
}
