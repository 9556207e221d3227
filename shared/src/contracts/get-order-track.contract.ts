/**
 * getOrderTrack: where one of the caller's orders is: its parcel's track (time, place, what happened), newest
 * first, for an express order; that it travels with the platform's batch to the pickup point; or that it has not
 * left yet. The track is the tracking provider's, asked at most every 30 minutes while the parcel moves; when the
 * provider cannot answer, the last known track comes back with `stale: true`, never an error.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { parcelStateSchema, trackEventSchema } from '../domain/parcel-track';
import { carrierSchema } from '../domain/shipment.schema';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

export const parcelTrackViewSchema = z.object({
  state: parcelStateSchema,
  /** 运输中, 派送中, 已签收... */
  stateLabel: z.string(),
  /** Newest first; none before the carrier's first scan. */
  events: z.array(trackEventSchema),
  /** When the provider gave this track. */
  checkedAt: instantSchema,
  /** Signed for, or back with the sender: it will not change again. */
  final: z.boolean(),
});

export const getOrderTrackContract = defineContract({
  name: 'getOrderTrack',
  errors: ['NOT_FOUND'],
  request: z.object({ orderId: idSchema }),
  response: z.discriminatedUnion('kind', [
    /** Not shipped (yet, or ever: a closed or refunded order). */
    z.object({ kind: z.literal('not_shipped'), orderId: idSchema }),
    /** On its way with the platform's batch to the pickup point: no parcel to track. */
    z.object({
      kind: z.literal('pickup'),
      orderId: idSchema,
      shippedAt: instantSchema,
      /** When the batch reached the pickup point. */
      arrivedAt: instantSchema.optional(),
    }),
    z.object({
      kind: z.literal('express'),
      orderId: idSchema,
      carrier: carrierSchema,
      /** 顺丰速运, 中通快递... */
      carrierName: z.string(),
      trackingNo: z.string(),
      shippedAt: instantSchema,
      /** The last known track; none before the provider first answered. */
      track: parcelTrackViewSchema.optional(),
      /** True when the provider could not be asked just now: `track` is the last known one (or none yet). */
      stale: z.boolean(),
    }),
  ]),
});
