/**
 * A pickup batch (`pickup_batches`): the orders one merchant sent to one pickup point in one go. Its id comes
 * from the console's request key (`batchIdFor`), so a repeated request finds it; the orders it chose are kept,
 * so a dispatch that stopped halfway is finished by the repeat with the same orders. Each order that left in it
 * carries the batch in its `shipment`; the point's staff mark the whole batch arrived.
 */
import * as z from '../kernel/zod';
import { idSchema, instantSchema } from './common.schema';
import { MAX_BATCH_ORDERS } from './fulfilment';

export const pickupBatchSchema = z.object({
  _id: idSchema,
  merchantId: idSchema,
  pickupPointId: idSchema,
  /** The activity the batch was chosen from, when the merchant sent one activity's orders. */
  activityId: idSchema.optional(),
  /** The orders chosen when the batch was made: those still shippable then leave in it. */
  orderIds: z.array(idSchema).min(1).max(MAX_BATCH_ORDERS),
  /** Who sent it (`staff:<account>`). */
  dispatchedBy: z.string().min(1).max(64),
  dispatchedAt: instantSchema,
  /** When its point's staff marked it arrived, and who. */
  arrivedAt: instantSchema.optional(),
  arrivedBy: z.string().min(1).max(64).optional(),
  updatedAt: instantSchema,
});
export type PickupBatch = z.infer<typeof pickupBatchSchema>;
