import { idSchema, instantSchema } from '../../domain/common.schema';
import { pickupCodeSchema } from '../../domain/shipment.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_AND_MERCHANT } from './permissions';
import { consoleOrderSchema } from './search-orders.contract';

/**
 * `verifyPickup` (核销; the point's staff: for now ops, or the merchant whose order it is): the code a shopper
 * shows at a point hands over that order, once. A code scanned again answers that it was collected, and when;
 * a wrong code, or an order for another point, is PICKUP_CODE_INVALID.
 */
export const verifyPickupContract = defineAdminContract({
  name: 'verifyPickup',
  roles: OPS_AND_MERCHANT,
  audited: true,
  request: z.object({ pickupPointId: idSchema, code: pickupCodeSchema }),
  response: z.object({
    /** `collected` now, or `already_collected` before (at `collectedAt`). */
    outcome: z.enum(['collected', 'already_collected']),
    collectedAt: instantSchema,
    order: consoleOrderSchema,
  }),
});
