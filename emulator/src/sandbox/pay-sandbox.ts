/**
 * The CloudPay sandbox behind `cloud.cloudPay.*` (`wx.wxPayApi`). It keeps a ledger of prepays, payments
 * and refunds, answers in WeChat Pay v2's snake_case shape (the SDK camelCases it), and delivers the
 * payment and refund notifications to the callback function named in the request, with retries.
 * `pay(outTradeNo)` stands in for the shopper paying inside WeChat.
 */
import { createHash, randomBytes } from 'node:crypto';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { z } from 'zod';
import type { ApiCaller } from './api-token';
import {
  CallbackDelivery,
  type CallbackInvoker,
  DEFAULT_DELIVERY,
  type DeliveryOptions,
  type DeliveryRecord,
} from './callback-delivery';
import { type Faults, faultsSchema, type FaultsInput, NO_FAULTS, seededRandom } from './faults';
import { type LedgerStore, memoryLedger, type StoredTrade } from './pay-ledger';
import type { PaidTrade } from './shipping-info';

dayjs.extend(utc);
dayjs.extend(timezone);

type Params = Record<string, unknown>;
export type PayReply = Record<string, unknown>;

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';

export interface RefundEntry {
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly refundFee: number;
  status: 'PROCESSING' | 'SUCCESS';
  successTime?: string;
  readonly callbackFunction?: string;
  /** Its notification was acknowledged (`{ errcode: 0 }`); until then it is sent again, after a restart too. */
  notified?: boolean;
}

export interface PayOrder {
  readonly outTradeNo: string;
  readonly totalFee: number;
  readonly body: string;
  readonly openid: string;
  readonly subMchId: string;
  readonly envId: string;
  readonly callbackFunction: string;
  readonly prepayId: string;
  readonly attach?: string;
  state: TradeState;
  transactionId?: string;
  timeEnd?: string;
  readonly createdAt: number;
  readonly refunds: Map<string, RefundEntry>;
  /** The payment notification was acknowledged; until then it is sent again, after a restart too. */
  notified?: boolean;
}

const refundEntrySchema = z.object({
  outRefundNo: z.string(),
  refundId: z.string(),
  refundFee: z.number(),
  status: z.enum(['PROCESSING', 'SUCCESS']),
  successTime: z.string().optional(),
  callbackFunction: z.string().optional(),
  notified: z.boolean().optional(),
});

/** A ledger entry as the store keeps it (refunds as a list). */
const storedTradeSchema = z.object({
  outTradeNo: z.string(),
  totalFee: z.number(),
  body: z.string(),
  openid: z.string(),
  subMchId: z.string(),
  envId: z.string(),
  callbackFunction: z.string(),
  prepayId: z.string(),
  attach: z.string().optional(),
  state: z.enum(['NOTPAY', 'SUCCESS', 'CLOSED', 'REFUND']),
  transactionId: z.string().optional(),
  timeEnd: z.string().optional(),
  createdAt: z.number(),
  refunds: z.array(refundEntrySchema),
  notified: z.boolean().optional(),
});

const toStored = (order: PayOrder): StoredTrade => ({ ...order, refunds: [...order.refunds.values()] });

const fromStored = (trade: StoredTrade): PayOrder => {
  const { refunds, ...fields } = storedTradeSchema.parse(trade);
  return { ...fields, refunds: new Map(refunds.map((refund) => [refund.outRefundNo, refund])) };
};

export interface PaySandboxOptions {
  readonly invoke: CallbackInvoker;
  readonly faults?: Faults;
  readonly delivery?: DeliveryOptions;
  readonly appid?: string;
  readonly mchId?: string;
  /** How long a refund stays PROCESSING before it succeeds and its callback is sent. */
  readonly refundSettleMs?: number;
  /** Where the ledger is kept (default: memory only). */
  readonly store?: LedgerStore;
}

export class PayError extends Error {
  constructor(
    readonly code: 'ORDERNOTEXIST' | 'ORDERPAID' | 'ORDERCLOSED',
    message: string,
  ) {
    super(message);
  }
}

const SHANGHAI = 'Asia/Shanghai';
const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{1,32}$/;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const positiveFen = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;

const paramError = (message: string): PayReply => ({ return_code: 'FAIL', return_msg: message });
const businessError = (code: string, description: string): PayReply => ({
  return_code: 'SUCCESS',
  return_msg: 'OK',
  result_code: 'FAIL',
  err_code: code,
  err_code_des: description,
});

export class PaySandbox {
  readonly delivery: CallbackDelivery;
  private readonly ledger = new Map<string, PayOrder>();
  private readonly appid: string;
  private readonly mchId: string;
  private readonly refundSettleMs: number;
  private faults: Faults;
  private random: () => number;
  private sequence = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly store: LedgerStore;
  private closed = false;

  constructor(options: PaySandboxOptions) {
    this.faults = options.faults ?? NO_FAULTS;
    this.random = seededRandom(this.faults.seed);
    this.appid = options.appid ?? 'wx0000000000000000';
    this.mchId = options.mchId ?? '1900000100';
    this.refundSettleMs = options.refundSettleMs ?? 50;
    this.delivery = new CallbackDelivery(
      options.invoke,
      () => this.faults,
      () => this.random(),
      options.delivery ?? DEFAULT_DELIVERY,
      (kind, key) => this.acknowledged(kind, key),
    );
    this.store = options.store ?? memoryLedger;
    for (const trade of this.store.load()) {
      const order = fromStored(trade);
      this.ledger.set(order.outTradeNo, order);
      // Ids are numbered from here on, so none repeats one issued before the restart.
      this.sequence += (order.transactionId ? 1 : 0) + order.refunds.size;
    }
  }

  /**
   * After a restart on a kept ledger, what WeChat Pay would still be doing: sending the notifications nobody
   * acknowledged yet, and settling the refunds still processing. Call it once the callback functions can run.
   */
  resume(): void {
    for (const order of this.ledger.values()) {
      if (order.transactionId && !order.notified) {
        this.delivery.send('payment', order.outTradeNo, order.callbackFunction, this.paymentNotification(order));
      }
      for (const refund of order.refunds.values()) {
        if (refund.status === 'PROCESSING') this.later(this.refundSettleMs, () => this.settleRefund(order, refund));
        else if (refund.callbackFunction && !refund.notified) {
          this.delivery.send(
            'refund',
            refund.outRefundNo,
            refund.callbackFunction,
            this.refundNotification(order, refund),
          );
        }
      }
    }
  }

  setFaults(input: FaultsInput): Faults {
    this.faults = faultsSchema.parse(input);
    this.random = seededRandom(this.faults.seed);
    return this.faults;
  }

  currentFaults(): Faults {
    return this.faults;
  }

  /** Answers one `cloud.cloudPay.<apiName>(params)` call (params already snake_case). */
  handle(apiName: string, params: Params, caller: ApiCaller | undefined): PayReply {
    switch (apiName) {
      case 'unifiedOrder':
        return this.unifiedOrder(params, caller);
      case 'queryOrder':
        return this.queryOrder(params);
      case 'closeOrder':
        return this.closeOrder(params);
      case 'refund':
        return this.refund(params);
      case 'queryRefund':
        return this.queryRefund(params);
      default:
        return paramError(`cloudPay.${apiName} is not supported by the local sandbox`);
    }
  }

  /** The shopper pays inside WeChat: the prepay becomes SUCCESS and the payment notification goes out. */
  pay(outTradeNo: string): PayOrder {
    const order = this.ledger.get(outTradeNo);
    if (!order) throw new PayError('ORDERNOTEXIST', `no prepay for ${outTradeNo}`);
    if (order.state === 'CLOSED') throw new PayError('ORDERCLOSED', `${outTradeNo} is closed`);
    if (order.state !== 'NOTPAY') throw new PayError('ORDERPAID', `${outTradeNo} is already paid`);
    order.state = 'SUCCESS';
    order.transactionId = `4200${this.digits(24)}`;
    order.timeEnd = dayjs().tz(SHANGHAI).format('YYYYMMDDHHmmss');
    this.persist(order);
    this.delivery.send('payment', order.outTradeNo, order.callbackFunction, this.paymentNotification(order));
    return order;
  }

  order(outTradeNo: string): PayOrder | undefined {
    return this.ledger.get(outTradeNo);
  }

  orders(): PayOrder[] {
    return [...this.ledger.values()];
  }

  /** A paid trade by its transaction id or out_trade_no, as the shipping API checks it; undefined when unpaid. */
  paidTrade(key: { readonly transactionId: string } | { readonly outTradeNo: string }): PaidTrade | undefined {
    const order = this.findOrder(
      'transactionId' in key ? { transaction_id: key.transactionId } : { out_trade_no: key.outTradeNo },
    );
    if (!order?.transactionId) return undefined;
    return {
      transactionId: order.transactionId,
      outTradeNo: order.outTradeNo,
      mchId: order.subMchId,
      openid: order.openid,
      refundedInFull: this.refundedTotal(order) >= order.totalFee,
    };
  }

  /** Refunds recorded for a payment, in total (never more than it paid). */
  refundedTotal(order: PayOrder): number {
    let total = 0;
    for (const refund of order.refunds.values()) total += refund.refundFee;
    return total;
  }

  /** Forgets every trade, kept ones too, and stops the notifications and refunds under way. */
  reset(): void {
    this.ledger.clear();
    this.store.clear();
    this.delivery.cancel();
    this.clearTimers();
  }

  /** Stops sending notifications and settling refunds; the ledger still answers until `close`. */
  stop(): void {
    this.delivery.stop();
    this.clearTimers();
  }

  /** Closes the ledger's store: after this, nothing more is kept. */
  close(): void {
    this.stop();
    this.closed = true;
    this.store.close();
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Writes the trade through to the store; called before the sandbox answers about it. */
  private persist(order: PayOrder): void {
    if (!this.closed) this.store.save(toStored(order));
  }

  private acknowledged(kind: DeliveryRecord['kind'], key: string): void {
    if (kind === 'transfer') return;
    if (kind === 'payment') {
      const order = this.ledger.get(key);
      if (!order || order.notified) return;
      order.notified = true;
      this.persist(order);
      return;
    }
    for (const order of this.ledger.values()) {
      const refund = order.refunds.get(key);
      if (!refund || refund.notified) continue;
      refund.notified = true;
      this.persist(order);
    }
  }

  private unifiedOrder(params: Params, caller: ApiCaller | undefined): PayReply {
    const outTradeNo = text(params.out_trade_no);
    const totalFee = positiveFen(params.total_fee);
    const body = text(params.body);
    const subMchId = text(params.sub_mch_id);
    const callbackFunction = text(params.function_name);
    const openid = text(params.sub_openid) ?? text(params.openid) ?? caller?.openid;
    if (!body) return paramError('缺少参数 body');
    if (!outTradeNo || !OUT_TRADE_NO.test(outTradeNo))
      return paramError('out_trade_no 无效（1-32 位字母、数字或 _-|*）');
    if (totalFee === undefined) return paramError('total_fee 必须是正整数（分）');
    if (!subMchId) return paramError('缺少参数 sub_mch_id');
    if (!callbackFunction) return paramError('缺少参数 function_name（支付结果回调函数）');
    if (!openid) return paramError('缺少付款用户 openid：请在用户调用的云函数中下单');

    const existing = this.ledger.get(outTradeNo);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND')
        return businessError('ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return businessError('ORDERCLOSED', '该订单已关闭');
      if (existing.totalFee !== totalFee || existing.openid !== openid) {
        return businessError('INVALID_REQUEST', '201 商户订单号重复');
      }
      return this.prepayReply(existing);
    }
    const attach = text(params.attach);
    const order: PayOrder = {
      outTradeNo,
      totalFee,
      body,
      openid,
      subMchId,
      envId: text(params.env_id) ?? '',
      callbackFunction,
      prepayId: `wx${dayjs().format('DDHHmmss')}${this.hex(12)}`,
      ...(attach ? { attach } : {}),
      state: 'NOTPAY',
      createdAt: Date.now(),
      refunds: new Map(),
    };
    this.ledger.set(outTradeNo, order);
    this.persist(order);
    return this.prepayReply(order);
  }

  private prepayReply(order: PayOrder): PayReply {
    const timeStamp = String(Math.floor(Date.now() / 1000));
    const nonceStr = this.hex(16);
    const pkg = `prepay_id=${order.prepayId}`;
    const paySign = this.sign({ appId: this.appid, timeStamp, nonceStr, package: pkg, signType: 'MD5' });
    return {
      ...this.success(order),
      nonce_str: nonceStr,
      trade_type: 'JSAPI',
      prepay_id: order.prepayId,
      payment: { appId: this.appid, timeStamp, nonceStr, package: pkg, signType: 'MD5', paySign },
    };
  }

  /** The fields every successful answer about an order starts with. */
  private success(order: PayOrder): PayReply {
    return {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      result_code: 'SUCCESS',
      appid: this.appid,
      mch_id: this.mchId,
      sub_mch_id: order.subMchId,
    };
  }

  private findOrder(params: Params): PayOrder | undefined {
    const outTradeNo = text(params.out_trade_no);
    if (outTradeNo) return this.ledger.get(outTradeNo);
    const transactionId = text(params.transaction_id);
    return transactionId ? [...this.ledger.values()].find((o) => o.transactionId === transactionId) : undefined;
  }

  private queryOrder(params: Params): PayReply {
    const order = this.findOrder(params);
    if (!order) return businessError('ORDERNOTEXIST', '此交易订单号不存在');
    return {
      ...this.success(order),
      out_trade_no: order.outTradeNo,
      trade_state: order.state,
      trade_state_desc: TRADE_STATE_DESC[order.state],
      total_fee: order.totalFee,
      openid: order.openid,
      sub_openid: order.openid,
      ...(order.transactionId
        ? {
            transaction_id: order.transactionId,
            time_end: order.timeEnd,
            cash_fee: order.totalFee,
            trade_type: 'JSAPI',
          }
        : {}),
    };
  }

  private closeOrder(params: Params): PayReply {
    const order = this.findOrder(params);
    if (!order) return businessError('ORDERNOTEXIST', '此交易订单号不存在');
    if (order.state === 'SUCCESS' || order.state === 'REFUND')
      return businessError('ORDERPAID', '订单已支付，不能关闭');
    if (order.state === 'CLOSED') return businessError('ORDERCLOSED', '订单已关闭，无法重复关闭');
    order.state = 'CLOSED';
    this.persist(order);
    return { return_code: 'SUCCESS', return_msg: 'OK', result_code: 'SUCCESS', out_trade_no: order.outTradeNo };
  }

  private refund(params: Params): PayReply {
    const order = this.findOrder(params);
    const outRefundNo = text(params.out_refund_no);
    const totalFee = positiveFen(params.total_fee);
    const refundFee = positiveFen(params.refund_fee);
    if (!outRefundNo || !OUT_TRADE_NO.test(outRefundNo)) return paramError('out_refund_no 无效');
    if (totalFee === undefined || refundFee === undefined)
      return paramError('total_fee 与 refund_fee 必须是正整数（分）');
    if (!order) return businessError('ORDERNOTEXIST', '此交易订单号不存在');
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return businessError('ERROR', '订单未支付，不能退款');
    if (totalFee !== order.totalFee) return businessError('PARAM_ERROR', '订单金额 total_fee 与支付金额不符');

    const existing = order.refunds.get(outRefundNo);
    if (existing) {
      if (existing.refundFee !== refundFee) return businessError('PARAM_ERROR', '同一退款单号多次请求金额不一致');
      return this.refundReply(order, existing);
    }
    if (this.refundedTotal(order) + refundFee > order.totalFee) {
      return businessError('ERROR', '累计退款金额大于支付金额');
    }
    if (this.random() < this.faults.refundFailureRate)
      return businessError('SYSTEMERROR', '系统超时，请用相同参数重试');

    const callbackFunction = text(params.function_name);
    const refund: RefundEntry = {
      outRefundNo,
      refundId: `50${this.digits(27)}`,
      refundFee,
      status: 'PROCESSING',
      ...(callbackFunction ? { callbackFunction } : {}),
    };
    order.refunds.set(outRefundNo, refund);
    order.state = 'REFUND';
    this.persist(order);
    this.later(this.refundSettleMs, () => this.settleRefund(order, refund));
    return this.refundReply(order, refund);
  }

  private settleRefund(order: PayOrder, refund: RefundEntry): void {
    refund.status = 'SUCCESS';
    refund.successTime = dayjs().tz(SHANGHAI).format('YYYY-MM-DD HH:mm:ss');
    this.persist(order);
    if (refund.callbackFunction) {
      this.delivery.send('refund', refund.outRefundNo, refund.callbackFunction, this.refundNotification(order, refund));
    }
  }

  private refundReply(order: PayOrder, refund: RefundEntry): PayReply {
    return {
      ...this.success(order),
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      total_fee: order.totalFee,
      cash_fee: order.totalFee,
    };
  }

  private queryRefund(params: Params): PayReply {
    const order = this.findOrder(params);
    if (!order) return businessError('REFUNDNOTEXIST', '退款订单查询失败');
    const outRefundNo = text(params.out_refund_no);
    const refunds = [...order.refunds.values()].filter((r) => !outRefundNo || r.outRefundNo === outRefundNo);
    if (refunds.length === 0) return businessError('REFUNDNOTEXIST', '退款订单查询失败');
    const reply: PayReply = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      result_code: 'SUCCESS',
      out_trade_no: order.outTradeNo,
      transaction_id: order.transactionId,
      total_fee: order.totalFee,
      refund_count: refunds.length,
    };
    refunds.forEach((r, i) => {
      reply[`out_refund_no_${i}`] = r.outRefundNo;
      reply[`refund_id_${i}`] = r.refundId;
      reply[`refund_fee_${i}`] = r.refundFee;
      reply[`refund_status_${i}`] = r.status;
      if (r.successTime) reply[`refund_success_time_${i}`] = r.successTime;
    });
    return reply;
  }

  /** The payment notification, camelCased as CloudPay hands it to the callback function. */
  private paymentNotification(order: PayOrder): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      appid: this.appid,
      mchId: this.mchId,
      subAppid: this.appid,
      subMchId: order.subMchId,
      nonceStr: this.hex(16),
      resultCode: 'SUCCESS',
      openid: order.openid,
      isSubscribe: 'N',
      subOpenid: order.openid,
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: order.totalFee,
      feeType: 'CNY',
      cashFee: order.totalFee,
      transactionId: order.transactionId,
      outTradeNo: order.outTradeNo,
      timeEnd: order.timeEnd,
      ...(order.attach ? { attach: order.attach } : {}),
    };
  }

  /** The refund notification: the decrypted `req_info` fields, flattened and camelCased. */
  private refundNotification(order: PayOrder, refund: RefundEntry): Record<string, unknown> {
    return {
      returnCode: 'SUCCESS',
      appid: this.appid,
      mchId: this.mchId,
      subMchId: order.subMchId,
      nonceStr: this.hex(16),
      transactionId: order.transactionId,
      outTradeNo: order.outTradeNo,
      refundId: refund.refundId,
      outRefundNo: refund.outRefundNo,
      totalFee: order.totalFee,
      refundFee: refund.refundFee,
      settlementRefundFee: refund.refundFee,
      refundStatus: refund.status,
      successTime: refund.successTime,
      refundRecvAccout: '支付用户零钱',
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    };
  }

  /**
   * Resolves once nothing is under way: no callback being delivered (retries included) and no refund waiting
   * to settle, and so to notify. What a delivery starts (a late payment's refund) is waited for too.
   */
  async settle(): Promise<void> {
    for (;;) {
      await this.delivery.settle();
      if (this.timers.size === 0 && this.delivery.idle()) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private sign(fields: Record<string, string>): string {
    const canonical = Object.keys(fields)
      .sort()
      .map((key) => `${key}=${fields[key]}`)
      .join('&');
    return createHash('md5').update(`${canonical}&key=local-sandbox-key`).digest('hex').toUpperCase();
  }

  private hex(bytes: number): string {
    return randomBytes(bytes)
      .toString('hex')
      .slice(0, bytes * 2);
  }

  private digits(count: number): string {
    const seq = String(++this.sequence).padStart(8, '0');
    const stamp = dayjs().tz(SHANGHAI).format('YYYYMMDDHHmmss');
    const random = Array.from(randomBytes(count), (byte) => String(byte % 10)).join('');
    return `${stamp}${seq}${random}`.slice(0, count);
  }
}

const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '订单转入退款',
};
