/**
 * A shipment's report to WeChat (发货信息管理, `upload_shipping_info`), from being recorded with the shipment to
 * WeChat holding it. WeChat keeps a payment's money frozen until its shipment is reported, so every shipment of an
 * order paid with WeChat Pay is reported, once: the report is recorded (`pending`) in the transaction that ships
 * the order, and the reportShipments job claims it (`uploading`, for a lease) before calling WeChat, so two runs
 * never upload it twice. WeChat's answer makes it `reported`; a failure it may recover from makes it `failed`,
 * asked again with the refunds' growing delay (`domain/retry.ts`); a payload or an order WeChat refuses, or the
 * last allowed failure, makes it `flagged` for ops. A run that dies after its claim leaves the report
 * `uploading`; once the lease is over the next run claims it again and uploads the same payload (same
 * `upload_time`), which WeChat answers as already held.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';
import { afterFailedAttemptOf } from './retry';

export const shippingReportStatusSchema = z.enum(['pending', 'uploading', 'failed', 'reported', 'flagged']);
export type ShippingReportStatus = z.infer<typeof shippingReportStatusSchema>;

export const shippingReportEventSchema = z.enum([
  /** A run takes the report to upload it (a lease: `nextAttemptAt` is when another run may take it over). */
  'claimed',
  /** WeChat holds the shipment: it accepted the upload, or already had it. */
  'accepted',
  /** WeChat could not be asked, or answered with a failure it may recover from; ask again later. */
  'request_failed',
  /** WeChat refused the payload or the order, or the last allowed attempt failed: ops take over. */
  'gave_up',
  /** Ops ask for a flagged report again (after correcting what WeChat refused). */
  'retried_by_staff',
]);
export type ShippingReportEvent = z.infer<typeof shippingReportEventSchema>;

export const shippingReportMachine = defineMachine<ShippingReportStatus, ShippingReportEvent>('shippingReport', {
  pending: { claimed: 'uploading' },
  uploading: { claimed: 'uploading', accepted: 'reported', request_failed: 'failed', gave_up: 'flagged' },
  failed: { claimed: 'uploading' },
  flagged: { retried_by_staff: 'pending' },
  reported: {},
});

/** A new report starts here. */
export const SHIPPING_REPORT_RECORDED_STATUS: ShippingReportStatus = 'pending';

/** Reports the job may claim once due (`nextAttemptAt` passed): new, failed, or claimed by a run whose lease ended. */
export const SHIPPING_REPORT_DUE_STATUSES: readonly ShippingReportStatus[] = shippingReportMachine.sourcesOf('claimed');

/** How long a claim holds a report: well over a run's time (the function times out after 20 s). */
export const UPLOAD_LEASE_MS = 60_000;

/** Failed attempts before a report is flagged: 1 + 2 + 4 + ... + 60 minutes, about two hours of WeChat trouble. */
export const MAX_SHIPPING_REPORT_ATTEMPTS = 8;

/**
 * WeChat's documented errcodes of `upload_shipping_info`, with their meaning: what a flagged report shows ops.
 * 47001 is WeChat's generic "data format error" for a body it cannot read.
 */
export const SHIPPING_INFO_ERRCODES: Readonly<Record<number, string>> = {
  [-1]: '系统繁忙',
  47001: '数据格式错误',
  10060001: '支付单不存在',
  10060002: '支付单已完成发货，无法继续发货',
  10060003: '支付单已使用重新发货机会',
  10060004: '支付单处于不可发货的状态',
  10060005: '物流类型有误',
  10060006: '非快递发货时不允许分拆发货',
  10060007: '分拆发货模式下必须填写 is_all_delivered 字段',
  10060008: '商品描述 item_desc 字段不能为空',
  10060009: '商品描述 item_desc 字段太长',
  10060012: '系统错误',
  10060014: '参数错误',
  10060019: '系统错误',
  10060020: '该笔支付单在没有任何商品描述的情况下不允许完成发货',
  10060023: '发货信息未更新',
  10060024: '物流信息列表太长',
  10060025: '物流公司编码太长',
  10060026: '物流单号太长',
  10060031: '该笔支付单不属于 openid 所指定的用户',
  268485194: '订单单号类型非法',
  268485195: '微信支付单号形式下 transaction_id 字段不能为空',
  268485196: '商户侧单号形式下 mchid 字段不能为空',
  268485197: '商户侧单号形式下 out_trade_no 字段不能为空',
  268485216: '上传时间非法，请按照 RFC 3339 格式填写',
  268485224: '发货模式非法',
  268485226: '物流单号不能为空',
  268485227: '物流公司编码不能为空',
  268485228: '统一发货模式下，物流信息列表长度必须为 1',
};

/**
 * Answers meaning WeChat already holds a shipment for the payment, so there is nothing left to report: the same
 * information again (10060023: 发货信息未更新), or a payment whose shipping is complete or whose one re-ship is
 * used (10060002, 10060003). A retried upload whose first answer was lost reads like this.
 */
export const ALREADY_HELD_ERRCODES: readonly number[] = [10060023, 10060002, 10060003];

/**
 * Answers no retry can change: the payload breaks the API's rules, or the payment is not one WeChat lets be
 * shipped (refunded: 10060004; another payer: 10060031). Anything not listed here nor held is worth asking again
 * (WeChat busy, a payment not yet known to it a moment after it was paid: 10060001, the call not reaching WeChat).
 */
export const REFUSED_ERRCODES: readonly number[] = [
  47001, 10060004, 10060005, 10060006, 10060007, 10060008, 10060009, 10060014, 10060020, 10060024, 10060025, 10060026,
  10060031, 268485194, 268485195, 268485196, 268485197, 268485216, 268485224, 268485226, 268485227, 268485228,
];

/** What WeChat's answer does to a claimed report. */
export type UploadDecision =
  | { readonly event: 'accepted'; readonly alreadyHeld: boolean }
  | { readonly event: 'request_failed'; readonly nextAttemptAt: number }
  | { readonly event: 'gave_up'; readonly refused: boolean };

/**
 * Decides the report's next step from WeChat's errcode (0: accepted) after its `attempts`-th attempt, at `now`:
 * reported when WeChat holds the shipment, flagged at once when WeChat refused it, otherwise asked again after
 * the refunds' delay, and flagged after MAX_SHIPPING_REPORT_ATTEMPTS.
 */
export function afterUpload(errcode: number, attempts: number, now: number): UploadDecision {
  if (errcode === 0) return { event: 'accepted', alreadyHeld: false };
  if (ALREADY_HELD_ERRCODES.includes(errcode)) return { event: 'accepted', alreadyHeld: true };
  if (REFUSED_ERRCODES.includes(errcode)) return { event: 'gave_up', refused: true };
  const next = afterFailedAttemptOf(attempts, now, MAX_SHIPPING_REPORT_ATTEMPTS);
  return next.event === 'gave_up' ? { event: 'gave_up', refused: false } : next;
}

/** How a failed answer reads on the report: the errcode, WeChat's meaning when documented, and its own message. */
export function describeUploadError(errcode: number, errmsg: string): string {
  const meaning = SHIPPING_INFO_ERRCODES[errcode];
  return `${errcode}${meaning ? ` ${meaning}` : ''}${errmsg ? `: ${errmsg}` : ''}`.slice(0, 300);
}
