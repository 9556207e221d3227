import { districtSchema, idSchema, instantSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { countSchema } from '../common.schema';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';

/** A batch sent to a pickup point, as the console lists it. */
export const consolePickupBatchSchema = z.object({
  batchId: idSchema,
  pickupPointId: idSchema,
  /** The point's name and district, as it is now (empty when the point is gone). */
  pointName: z.string(),
  district: districtSchema.optional(),
  merchantId: idSchema,
  activityId: idSchema.optional(),
  /** How many orders it was made with. */
  orders: countSchema,
  dispatchedAt: instantSchema,
  dispatchedBy: z.string(),
  /** When the point's staff marked it arrived, and who. */
  arrivedAt: instantSchema.optional(),
  arrivedBy: z.string().optional(),
});
export type ConsolePickupBatch = z.infer<typeof consolePickupBatchSchema>;

/**
 * `listPickupBatches` (ops, merchant): the batches sent to pickup points, newest first, by point and by
 * whether they arrived; a merchant sees its own. What the point's staff mark arrived from.
 */
export const listPickupBatchesContract = defineAdminContract({
  name: 'listPickupBatches',
  roles: OPS_AND_MERCHANT,
  request: z.object({
    pickupPointId: idSchema.optional(),
    /** `true`: arrived; `false`: still on their way; absent: both. */
    arrived: z.boolean().optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(consolePickupBatchSchema), hasMore: z.boolean() }),
});
