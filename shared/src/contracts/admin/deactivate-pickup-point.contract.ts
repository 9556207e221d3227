import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { pickupPointViewSchema } from './pickup-point.schema';

/**
 * `deactivatePickupPoint` (ops): checkout stops offering the point and no new order may be delivered there
 * (PICKUP_POINT_INACTIVE); orders already there keep it. Deactivating an inactive point changes nothing.
 */
export const deactivatePickupPointContract = defineAdminContract({
  name: 'deactivatePickupPoint',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({ pickupPointId: idSchema }),
  response: pickupPointViewSchema,
});
