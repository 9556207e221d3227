import { districtSchema, idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { countSchema } from '../common.schema';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';

const pickingLineSchema = z.object({
  skuId: idSchema,
  title: z.string(),
  spec: z.string(),
  orders: countSchema,
  units: countSchema,
});

const pickingBucket = {
  orders: countSchema,
  units: countSchema,
  /** Per SKU, most units first. */
  skus: z.array(pickingLineSchema),
};

/**
 * `getPickingSummary` (ops, merchant): what to pack from the orders waiting to ship (an activity's, or all of
 * the merchant's): units per SKU for each pickup point, what goes to each point; express orders as their own
 * bucket. Orders with an after-sales request open are left out.
 */
export const getPickingSummaryContract = defineAdminContract({
  name: 'getPickingSummary',
  roles: OPS_AND_MERCHANT,
  request: z.object({ activityId: idSchema.optional(), merchantId: idSchema.optional() }),
  response: z.object({
    points: z.array(
      z.object({
        pickupPointId: idSchema,
        name: z.string(),
        address: z.string(),
        district: districtSchema.optional(),
        ...pickingBucket,
      }),
    ),
    express: z.object(pickingBucket),
    orders: countSchema,
    units: countSchema,
  }),
});
