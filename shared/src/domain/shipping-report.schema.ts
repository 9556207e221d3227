/**
 * What WeChat's 发货信息管理 is told about a shipment (`upload_shipping_info`), and the report document that
 * carries it to WeChat. The payload is decided once, when the order ships, and kept on the report, so every
 * attempt uploads the same information with the same `upload_time`: WeChat reads a repeat as information it
 * already holds, never as the payment's one re-ship.
 *
 * The payload is written in camelCase, as `cloud.openapi` takes it (wx-server-sdk turns every key into
 * snake_case, nested ones included): `orderKey.transactionId` reaches WeChat as `order_key.transaction_id`.
 */
import * as z from '../kernel/zod';
import { DomainError } from '../kernel/errors';
import { formatBusinessTime } from '../kernel/time';
import { idSchema, instantSchema, openidSchema } from './common.schema';
import type { Order } from './order.schema';
import { CARRIERS, type Shipment } from './shipment.schema';
import { SHIPPING_REPORT_RECORDED_STATUS, shippingReportStatusSchema } from './shipping-report.machine';

/** `order_key.order_number_type`: the payment named by mchid + out_trade_no (1), or by its transaction id (2). */
export const ORDER_NUMBER_TYPE = { outTradeNo: 1, transactionId: 2 } as const;
/** `logistics_type`: 1 快递 (by a carrier), 2 同城配送, 3 虚拟商品, 4 用户自提 (collected by the shopper). */
export const LOGISTICS_TYPE = { express: 1, sameCity: 2, virtual: 3, pickup: 4 } as const;
/** `delivery_mode`: 1 统一发货 (one parcel), 2 分拆发货 (several, with `is_all_delivered`). */
export const DELIVERY_MODE = { unified: 1, split: 2 } as const;

/** `item_desc` holds at most 120 characters. */
export const ITEM_DESC_MAX = 120;

const shippingEntrySchema = z.object({
  /** Express only: the waybill number and WeChat's code of its carrier (`get_delivery_list`). */
  trackingNo: z.string().min(1).max(128).optional(),
  expressCompany: z.string().min(1).max(128).optional(),
  itemDesc: z.string().min(1),
  /** The receiver's phone, masked but for its last 4 digits; WeChat requires it for 顺丰. */
  contact: z.object({ receiverContact: z.string().min(1).max(1024) }).optional(),
});

export const shippingInfoSchema = z.object({
  orderKey: z.object({ orderNumberType: z.literal(ORDER_NUMBER_TYPE.transactionId), transactionId: z.string().min(1) }),
  logisticsType: z.union([z.literal(LOGISTICS_TYPE.express), z.literal(LOGISTICS_TYPE.pickup)]),
  deliveryMode: z.literal(DELIVERY_MODE.unified),
  shippingList: z.array(shippingEntrySchema).length(1),
  /** RFC 3339 on the Shanghai clock, e.g. `2022-12-15T13:29:35.120+08:00`. */
  uploadTime: z.string(),
  payer: z.object({ openid: openidSchema }),
});
export type ShippingInfo = z.infer<typeof shippingInfoSchema>;

/** What an order must carry to be reported: its payment, what it holds, where it goes, and how it left. */
export type ShippableOrder = Pick<Order, '_id' | 'openid' | 'title' | 'spec' | 'quantity' | 'delivery'> & {
  readonly transactionId?: string | undefined;
  readonly shipment: Shipment;
};

/**
 * A phone number as WeChat wants a contact: masked, its last 4 digits shown. A mainland mobile keeps its first 3
 * digits too (`138****5678`, WeChat's own example); any other number shows only its last 4 digits.
 */
export function maskContact(phone: string): string {
  const compact = phone.replace(/\s+/g, '');
  if (/^1\d{10}$/.test(compact)) return `${compact.slice(0, 3)}****${compact.slice(7)}`;
  let kept = 0;
  return [...compact]
    .reverse()
    .map((c) => (/\d/.test(c) ? (kept++ < 4 ? c : '*') : c))
    .reverse()
    .join('');
}

/**
 * What the parcel holds, as the shopper reads it in WeChat: `title spec*quantity`, cut to 120 characters
 * (characters, not UTF-16 units, so no emoji is split) with the quantity kept.
 */
export function itemDescOf(order: Pick<Order, 'title' | 'spec' | 'quantity'>): string {
  const name = [order.title.trim(), order.spec.trim()].filter((part) => part !== '').join(' ');
  const suffix = `*${order.quantity}`;
  const chars = [...name];
  if (chars.length + suffix.length <= ITEM_DESC_MAX) return name + suffix;
  return `${chars.slice(0, ITEM_DESC_MAX - suffix.length - 1).join('')}…${suffix}`;
}

/** `upload_time`: RFC 3339 with milliseconds on the Shanghai clock, e.g. `2022-12-15T13:29:35.120+08:00`. */
export const uploadTimeOf = (at: number): string => formatBusinessTime(at, 'YYYY-MM-DD[T]HH:mm:ss.SSSZ');

/**
 * The upload for an order's shipment, at `now`: the payment by its transaction id, one parcel, by a carrier to
 * the shopper's address (its waybill, WeChat's code of the carrier, the receiver's masked phone) or collected at
 * a pickup point (自提: no waybill, no carrier, no contact). An order without a WeChat Pay payment has nothing to
 * report and is refused.
 */
export function shippingReportFor(order: ShippableOrder, now: number): ShippingInfo {
  if (!order.transactionId) throw new DomainError('CONFLICT', `order ${order._id} has no WeChat Pay transaction`);
  const itemDesc = itemDescOf(order);
  const { shipment, delivery } = order;
  const entry =
    shipment.kind === 'express'
      ? {
          trackingNo: shipment.trackingNo,
          expressCompany: CARRIERS[shipment.carrier].wechatDeliveryId,
          itemDesc,
          ...(delivery.kind === 'address' ? { contact: { receiverContact: maskContact(delivery.phone) } } : {}),
        }
      : { itemDesc };
  return {
    orderKey: { orderNumberType: ORDER_NUMBER_TYPE.transactionId, transactionId: order.transactionId },
    logisticsType: shipment.kind === 'express' ? LOGISTICS_TYPE.express : LOGISTICS_TYPE.pickup,
    deliveryMode: DELIVERY_MODE.unified,
    shippingList: [entry],
    uploadTime: uploadTimeOf(now),
    payer: { openid: order.openid },
  };
}

/**
 * A report document, one per order (its `_id` is the order's): what to upload, and where the job is with it.
 * Its status follows the shipping report machine; `nextAttemptAt` is when a run may claim it (again).
 */
export const shippingReportSchema = z.object({
  orderId: idSchema,
  transactionId: z.string().min(1),
  openid: openidSchema,
  shipmentKind: z.enum(['express', 'pickup']),
  info: shippingInfoSchema,
  status: shippingReportStatusSchema,
  /** Claims so far: each run that takes the report counts one (and only the run holding the last may settle it). */
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: instantSchema,
  /** WeChat's last errcode other than 0 (kept when a report is accepted as already held, too). */
  lastErrcode: z.number().int().optional(),
  lastError: z.string().optional(),
  reportedAt: instantSchema.optional(),
  flaggedAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type ShippingReport = z.infer<typeof shippingReportSchema>;

/** The report of an order's shipment as first recorded, due at once. */
export function newShippingReport(order: ShippableOrder, now: number): ShippingReport {
  const info = shippingReportFor(order, now);
  return {
    orderId: order._id,
    transactionId: info.orderKey.transactionId,
    openid: order.openid,
    shipmentKind: order.shipment.kind,
    info,
    status: SHIPPING_REPORT_RECORDED_STATUS,
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  };
}
