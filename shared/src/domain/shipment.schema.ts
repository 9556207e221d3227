/**
 * How an order's goods leave the merchant: by express to the shopper's address (a carrier and a tracking
 * number), or in a batch to the pickup point the shopper chose, where they wait to be collected with a code.
 */
import * as z from '../kernel/zod';
import { idSchema, instantSchema } from './common.schema';

/**
 * The carriers a merchant ships with. The code is the tracking provider's company code (快递100's `com`), the
 * name is what the shopper reads, and `wechatDeliveryId` is WeChat's express company code, which the shipping
 * information upload (发货信息管理) asks for.
 */
export const CARRIERS = {
  shunfeng: { name: '顺丰速运', wechatDeliveryId: 'SF', phoneRequired: true },
  zhongtong: { name: '中通快递', wechatDeliveryId: 'ZTO', phoneRequired: true },
  yuantong: { name: '圆通速递', wechatDeliveryId: 'YTO', phoneRequired: false },
  yunda: { name: '韵达快递', wechatDeliveryId: 'YD', phoneRequired: false },
  shentong: { name: '申通快递', wechatDeliveryId: 'STO', phoneRequired: false },
  jd: { name: '京东物流', wechatDeliveryId: 'JD', phoneRequired: false },
  ems: { name: 'EMS', wechatDeliveryId: 'EMS', phoneRequired: false },
  youzhengguonei: { name: '邮政快递包裹', wechatDeliveryId: 'YZPY', phoneRequired: false },
  jtexpress: { name: '极兔速递', wechatDeliveryId: 'JTSD', phoneRequired: false },
} as const;
export type CarrierCode = keyof typeof CARRIERS;
export const carrierSchema = z.enum(Object.keys(CARRIERS) as [CarrierCode, ...CarrierCode[]]);

/** A waybill number as carriers print them: letters and digits. */
export const trackingNoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{6,32}$/, 'letters and digits, 6 to 32');

/** Who shipped: a member of staff (`staff:<account>`) or, for a pickup point's arrival, its keeper. */
const shippedBySchema = z.string().min(1).max(64);

export const expressShipmentSchema = z.object({
  kind: z.literal('express'),
  carrier: carrierSchema,
  trackingNo: trackingNoSchema,
  shippedAt: instantSchema,
  by: shippedBySchema,
});
export type ExpressShipment = z.infer<typeof expressShipmentSchema>;

export const pickupShipmentSchema = z.object({
  kind: z.literal('pickup'),
  pickupPointId: idSchema,
  /** The batch the order travelled in: every order a merchant sent to one point in one go. */
  batchId: idSchema,
  shippedAt: instantSchema,
  by: shippedBySchema,
  /** When the point's keeper marked the batch arrived. */
  arrivedAt: instantSchema.optional(),
});
export type PickupShipment = z.infer<typeof pickupShipmentSchema>;

export const shipmentSchema = z.discriminatedUnion('kind', [expressShipmentSchema, pickupShipmentSchema]);
export type Shipment = z.infer<typeof shipmentSchema>;

/** A pickup code: six digits, shown to the shopper as a number and a QR code, checked at the point (核销). */
export const pickupCodeSchema = z.string().regex(/^\d{6}$/, 'six digits');

const PICKUP_CODE = /^\d{6}$/;

/**
 * The pickup code a scan of the shopper's QR gives (`wx.scanCode`'s `result`): the order page draws the six
 * digits themselves (`<qr-code text="{{code}}">`), so a scan answers exactly them; any other payload (a
 * product's barcode, a link, a mini-program code) is not a pickup code.
 */
export const pickupCodeOfScan = (result: string): string | undefined => (PICKUP_CODE.test(result) ? result : undefined);

/** A code typed at the counter: six digits, spaces allowed as the order page groups them (`042 917`). */
export function pickupCodeOfTyped(text: string): string | undefined {
  const code = text.replace(/\s+/g, '');
  return PICKUP_CODE.test(code) ? code : undefined;
}

/** Express parcels nobody confirmed are received this long after shipping (WeChat settles them at T+10 too). */
export const AUTO_RECEIVE_AFTER_MS = 10 * 24 * 3_600_000;

/** How long after receipt a shopper may still ask for after-sales, unless configured otherwise. */
export const DEFAULT_AFTER_SALE_WINDOW_DAYS = 7;
