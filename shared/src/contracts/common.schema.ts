/**
 * Schemas more than one contract uses: money is integer fen (`fenSchema`), instants epoch ms, and other
 * shoppers' nicknames are always masked (`张*`).
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { carrierSchema } from '../domain/shipment.schema';
import type { ErrorCode } from '../kernel/errors';
import * as z from '../kernel/zod';

export const countSchema = z.number().int().nonnegative();

/** Offset pagination: `limit` defaults to 20, at most 50. */
export const pageRequest = {
  limit: z.number().int().min(1).max(50).default(20),
  offset: z.number().int().min(0).max(1000).default(0),
};

/**
 * What placing any order may be refused for: an unknown or deactivated pickup point, the per-order or
 * per-user limit, a new-customer-only activity, a delivery outside its scope, no stock left, or CloudPay
 * refusing the prepay.
 */
export const ORDER_PLACEMENT_ERRORS = [
  'NOT_FOUND',
  'PICKUP_POINT_INACTIVE',
  'LIMIT_EXCEEDED',
  'NEW_CUSTOMER_ONLY',
  'OUT_OF_SCOPE',
  'OUT_OF_STOCK',
  'PAYMENT_FAILED',
] as const satisfies readonly ErrorCode[];

/** How many units one order takes. */
export const quantitySchema = z.number().int().min(1).max(99);

/** 社区团: the one pickup point every order of the activity or group is collected at. */
export const scopedPointSchema = z.object({ pickupPointId: idSchema, name: z.string() });

/** Another shopper as the public sees them. */
export const publicProfileSchema = z.object({
  /** Masked: `张*`, `解**货`; `微信用户` when they set none. */
  nickname: z.string(),
  avatarUrl: z.string(),
});
export type PublicProfile = z.infer<typeof publicProfileSchema>;

/** What `wx.requestPayment` needs, from CloudPay's prepay. */
export const paymentParamsSchema = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.string(),
  paySign: z.string(),
});

/** Where the shopper is, as `wx.getLocation` reports it. */
export const coordinatesSchema = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});
export type Coordinates = z.infer<typeof coordinatesSchema>;

/**
 * How an order's goods left, as the shopper's order page and the console show it: the carrier (with the name
 * the shopper reads) and waybill number, or the batch to the pickup point and when it got there.
 */
export const shipmentViewSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('express'),
    carrier: carrierSchema,
    carrierName: z.string(),
    trackingNo: z.string(),
    shippedAt: instantSchema,
  }),
  z.object({
    kind: z.literal('pickup'),
    pickupPointId: idSchema,
    batchId: idSchema,
    shippedAt: instantSchema,
    /** When the goods reached the point (the shopper may come for them from then). */
    arrivedAt: instantSchema.optional(),
  }),
]);
export type ShipmentView = z.infer<typeof shipmentViewSchema>;
