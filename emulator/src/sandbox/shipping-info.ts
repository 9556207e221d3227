/**
 * 发货信息管理 in the openapi sandbox: `cloud.openapi.wxa.sec.order.uploadShippingInfo` (`upload_shipping_info`).
 * It checks the payload as WeChat documents it and answers WeChat's documented errcodes; it checks the payment
 * against the CloudPay ledger (known, paid by this payer, not refunded in full); and it keeps what each payment
 * was told, with WeChat's rules for repeats: the same information again is 10060023 (nothing changes), a newer
 * different one is the payment's one re-ship, and a third is 10060003. Every call is recorded with its answer.
 */
import { isDeepStrictEqual } from 'node:util';
import type { OpenApiReply } from './openapi-wire';

type Params = Record<string, unknown>;

/** A paid trade in the CloudPay ledger, as the shipping API sees it. */
export interface PaidTrade {
  readonly transactionId: string;
  readonly outTradeNo: string;
  /** The (sub-)merchant the payment went to: `mchid` in a merchant-number order key. */
  readonly mchId: string;
  readonly openid: string;
  readonly refundedInFull: boolean;
}

/** Finds a paid trade by its transaction id or its out_trade_no; absent when no ledger is reachable. */
export interface TradeLookup {
  find(key: { readonly transactionId: string } | { readonly outTradeNo: string }): PaidTrade | undefined;
}

/** Injected failures: a probability of `-1 system error`, before the upload is kept or after (the answer lost). */
export interface ShippingFaults {
  readonly failureRate: number;
  readonly failureMode: 'before' | 'after';
  readonly random: () => number;
}

/** One call as received (snake_case, as on the wire) and what it was answered. */
export interface ShippingCall {
  readonly params: Params;
  readonly fromFunction: string;
  readonly errcode: number;
  readonly errmsg: string;
  /** The payment it was about, when the order key named one the sandbox knows. */
  readonly transactionId?: string;
  readonly at: number;
}

/** An upload the sandbox kept: the information WeChat now holds for the payment. */
export interface ShippingUpload {
  readonly transactionId: string;
  readonly params: Params;
  readonly fromFunction: string;
  readonly at: number;
}

const ITEM_DESC_MAX = 120;
const MAX_PACKAGES = 10;
const FIELD_MAX = 128;
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

class Refusal {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {}
}

function refuse(errcode: number, errmsg: string): never {
  throw new Refusal(errcode, errmsg);
}

const isObject = (value: unknown): value is Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const chars = (value: string): number => [...value].length;

/** RFC 3339 (`2022-12-15T13:29:35.120+08:00`), a real date and time; answers its instant. */
export function rfc3339Instant(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC_3339.exec(value);
  if (!match) return undefined;
  const [, , month = 0, day = 0, hour = 0, minute = 0, second = 0, , , offsetHours = 0, offsetMinutes = 0] = match.map(
    (part) => Number(part ?? 0),
  );
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const instant = Date.parse(value);
  return Number.isFinite(instant) ? instant : undefined;
}

/** A contact WeChat accepts: masked (some `*`), the last 4 characters digits. */
const isMasked = (contact: string): boolean => contact.includes('*') && /\d{4}$/.test(contact);

export class ShippingInfoDesk {
  private readonly log: ShippingCall[] = [];
  /** transactionId → the uploads WeChat holds for it, oldest first (at most 2: the first and its one re-ship). */
  private readonly held = new Map<string, ShippingUpload[]>();

  constructor(
    private readonly trades: TradeLookup | undefined,
    private readonly faults: () => ShippingFaults,
  ) {}

  upload(params: Params, fromFunction: string): OpenApiReply {
    let transactionId: string | undefined;
    let errcode = 0;
    let errmsg = 'ok';
    try {
      const checked = this.check(params);
      transactionId = checked.transactionId;
      this.keep(params, checked, fromFunction);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      ({ errcode, errmsg } = error);
      transactionId ??= this.transactionOf(params);
    }
    this.log.push({
      params,
      fromFunction,
      errcode,
      errmsg,
      ...(transactionId ? { transactionId } : {}),
      at: Date.now(),
    });
    return { kind: 'json', body: { errcode, errmsg } };
  }

  /** Every call so far, with its answer, oldest first. */
  calls(): readonly ShippingCall[] {
    return this.log;
  }

  /** What WeChat holds: every kept upload, or a payment's, oldest first. */
  uploads(transactionId?: string): ShippingUpload[] {
    if (transactionId !== undefined) return [...(this.held.get(transactionId) ?? [])];
    return [...this.held.values()].flat().sort((a, b) => a.at - b.at);
  }

  reset(): void {
    this.log.length = 0;
    this.held.clear();
  }

  private transactionOf(params: Params): string | undefined {
    const key = params.order_key;
    if (!isObject(key)) return undefined;
    const transactionId = text(key.transaction_id);
    if (transactionId) return transactionId;
    const outTradeNo = text(key.out_trade_no);
    return outTradeNo ? this.trades?.find({ outTradeNo })?.transactionId : undefined;
  }

  /** Checks the payload as WeChat does, then the payment; answers the payment's transaction id and upload time. */
  private check(params: Params): { transactionId: string; uploadTime: number } {
    const orderKey = params.order_key;
    if (!isObject(orderKey)) refuse(47001, 'data format error: order_key is required');
    const numberType = orderKey.order_number_type;
    if (numberType !== 1 && numberType !== 2) refuse(268485194, '订单单号类型非法');
    if (numberType === 2 && !text(orderKey.transaction_id))
      refuse(268485195, '微信支付单号形式下 transaction_id 字段不能为空');
    if (numberType === 1 && !text(orderKey.mchid)) refuse(268485196, '商户侧单号形式下 mchid 字段不能为空');
    if (numberType === 1 && !text(orderKey.out_trade_no))
      refuse(268485197, '商户侧单号形式下 out_trade_no 字段不能为空');

    const logisticsType = params.logistics_type;
    if (logisticsType !== 1 && logisticsType !== 2 && logisticsType !== 3 && logisticsType !== 4)
      refuse(10060005, '物流类型有误');
    const express = logisticsType === 1;
    const mode = params.delivery_mode;
    if (mode !== 1 && mode !== 2) refuse(268485224, '发货模式非法');
    if (mode === 2 && !express) refuse(10060006, '非快递发货时不允许分拆发货');
    if (mode === 2 && typeof params.is_all_delivered !== 'boolean')
      refuse(10060007, '分拆发货模式下必须填写 is_all_delivered 字段');

    const list: unknown = params.shipping_list;
    if (!Array.isArray(list) || list.length === 0) refuse(10060014, '参数错误: shipping_list is required');
    const entries: readonly unknown[] = list;
    if (entries.length > MAX_PACKAGES) refuse(10060024, '物流信息列表太长');
    if (mode === 1 && entries.length !== 1) refuse(268485228, '统一发货模式下，物流信息列表长度必须为 1');
    for (const entry of entries) this.checkEntry(entry, express);

    const uploadTime = rfc3339Instant(params.upload_time);
    if (uploadTime === undefined) refuse(268485216, '上传时间非法，请按照 RFC 3339 格式填写');
    const payer = params.payer;
    const openid = isObject(payer) ? text(payer.openid) : undefined;
    if (!openid) refuse(10060014, '参数错误: payer.openid is required');

    const transactionId = text(orderKey.transaction_id);
    const outTradeNo = text(orderKey.out_trade_no);
    if (!this.trades) return { transactionId: transactionId ?? `out_trade_no:${outTradeNo ?? ''}`, uploadTime };
    const trade = this.trades.find(transactionId ? { transactionId } : { outTradeNo: outTradeNo ?? '' });
    if (!trade || (numberType === 1 && trade.mchId !== orderKey.mchid)) refuse(10060001, '支付单不存在');
    if (trade.openid !== openid) refuse(10060031, '该笔支付单不属于 openid 所指定的用户');
    if (trade.refundedInFull) refuse(10060004, '支付单处于不可发货的状态');
    return { transactionId: trade.transactionId, uploadTime };
  }

  private checkEntry(entry: unknown, express: boolean): void {
    if (!isObject(entry)) refuse(47001, 'data format error: shipping_list items are objects');
    const item = entry;
    const itemDesc = text(item.item_desc);
    if (!itemDesc) refuse(10060008, '商品描述 item_desc 字段不能为空');
    if (chars(itemDesc) > ITEM_DESC_MAX) refuse(10060009, '商品描述 item_desc 字段太长');
    const trackingNo = text(item.tracking_no);
    const company = text(item.express_company);
    if (express) {
      if (!trackingNo) refuse(268485226, '物流单号不能为空');
      if (!company) refuse(268485227, '物流公司编码不能为空');
      if (chars(trackingNo) > FIELD_MAX) refuse(10060026, '物流单号太长');
      if (chars(company) > FIELD_MAX) refuse(10060025, '物流公司编码太长');
    } else if (item.tracking_no !== undefined || item.express_company !== undefined) {
      refuse(10060014, '参数错误: tracking_no and express_company are for express (logistics_type 1) only');
    }
    const contact = item.contact;
    if (contact !== undefined) {
      if (!isObject(contact)) refuse(10060014, '参数错误: contact is an object');
      for (const field of ['consignor_contact', 'receiver_contact']) {
        const value = contact[field];
        if (value === undefined) continue;
        if (typeof value !== 'string' || !isMasked(value))
          refuse(10060014, `参数错误: contact.${field} must be masked, its last 4 digits shown`);
      }
    }
    if (express && company === 'SF') {
      const given = isObject(contact) && (text(contact.consignor_contact) ?? text(contact.receiver_contact));
      if (!given) refuse(10060014, '参数错误: contact is required for 顺丰 (SF)');
    }
  }

  /** Keeps an upload as WeChat does: a repeat changes nothing, a newer one is the one re-ship, a third is refused. */
  private keep(params: Params, checked: { transactionId: string; uploadTime: number }, fromFunction: string): void {
    const faults = this.faults();
    const fails = faults.failureRate > 0 && faults.random() < faults.failureRate;
    if (fails && faults.failureMode === 'before') refuse(-1, 'system error');
    const held = this.held.get(checked.transactionId) ?? [];
    const last = held.at(-1);
    if (last && isDeepStrictEqual(last.params, params)) refuse(10060023, '发货信息未更新');
    if (held.length >= 2) refuse(10060003, '支付单已使用重新发货机会');
    if (last && checked.uploadTime <= (rfc3339Instant(last.params.upload_time) ?? 0))
      refuse(10060014, '参数错误: upload_time must be later than the last upload’s');
    held.push({ transactionId: checked.transactionId, params, fromFunction, at: Date.now() });
    this.held.set(checked.transactionId, held);
    if (fails) refuse(-1, 'system error');
  }
}
