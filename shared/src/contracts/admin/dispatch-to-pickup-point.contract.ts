import { batchRequestKeySchema, MAX_BATCH_ORDERS } from '../../domain/fulfilment';
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { shipResultsSchema } from './fulfilment.schema';
import { OPS_AND_MERCHANT } from './permissions';

/**
 * `dispatchToPickupPoint` (ops, merchant): one merchant's pickup orders for one point leave together as a
 * batch: the chosen orders, or every one waiting for that point (of one activity, when given). The batch's
 * id comes from `requestKey`, so the same request sent again is the same batch, finishing what the first
 * began. Ops name the merchant; a merchant sends its own.
 */
export const dispatchToPickupPointContract = defineAdminContract({
  name: 'dispatchToPickupPoint',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: z.object({
    pickupPointId: idSchema,
    activityId: idSchema.optional(),
    merchantId: idSchema.optional(),
    orderIds: z.array(idSchema).min(1).max(MAX_BATCH_ORDERS).optional(),
    requestKey: batchRequestKeySchema,
  }),
  response: shipResultsSchema.extend({ batchId: idSchema, pickupPointId: idSchema }),
});
