import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { pickupPointViewSchema } from './pickup-point.schema';

/** `reactivatePickupPoint` (ops): a deactivated point is offered at checkout again. */
export const reactivatePickupPointContract = defineAdminContract({
  name: 'reactivatePickupPoint',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({ pickupPointId: idSchema }),
  response: pickupPointViewSchema,
});
