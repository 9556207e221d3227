/**
 * How an order left: by express with a carrier's waybill, or with the platform's own batch to the pickup
 * point the shopper chose. A carrier's code is 快递100's `com` code, so it is what the tracking provider is
 * asked with; each carrier also has its Chinese name and WeChat's `delivery_id` (发货信息管理).
 */
import * as z from '../kernel/zod';
import { idSchema, instantSchema } from './common.schema';

export const CARRIERS = {
  shunfeng: { name: '顺丰速运', deliveryId: 'SF' },
  zhongtong: { name: '中通快递', deliveryId: 'ZTO' },
  yuantong: { name: '圆通速递', deliveryId: 'YTO' },
  yunda: { name: '韵达快递', deliveryId: 'YD' },
  shentong: { name: '申通快递', deliveryId: 'STO' },
  jd: { name: '京东快递', deliveryId: 'JD' },
  ems: { name: 'EMS', deliveryId: 'EMS' },
} as const satisfies Record<string, { readonly name: string; readonly deliveryId: string }>;

export type Carrier = keyof typeof CARRIERS;
export const carrierSchema = z.enum(Object.keys(CARRIERS) as [Carrier, ...Carrier[]]);

/** A waybill number as carriers print them (快递100 takes at most 32 characters). */
export const trackingNoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{6,32}$/, 'letters, digits and dashes, 6 to 32 of them');

export const expressShipmentSchema = z.object({
  kind: z.literal('express'),
  carrier: carrierSchema,
  trackingNo: trackingNoSchema,
  shippedAt: instantSchema,
  by: z.string().min(1).max(64),
});

export const pickupShipmentSchema = z.object({
  kind: z.literal('pickup'),
  pickupPointId: idSchema,
  batchId: idSchema,
  shippedAt: instantSchema,
  by: z.string().min(1).max(64),
  arrivedAt: instantSchema.optional(),
});

export const shipmentSchema = z.discriminatedUnion('kind', [expressShipmentSchema, pickupShipmentSchema]);
export type Shipment = z.infer<typeof shipmentSchema>;
export type ExpressShipment = z.infer<typeof expressShipmentSchema>;
