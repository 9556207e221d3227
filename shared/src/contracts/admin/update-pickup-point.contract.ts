import { idSchema } from '../../domain/common.schema';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { pickupPointFieldsSchema, pickupPointViewSchema } from './pickup-point.schema';

/**
 * `updatePickupPoint` (ops): a point's name, place, hours and contact. Orders already placed keep the name
 * and place they were placed with.
 */
export const updatePickupPointContract = defineAdminContract({
  name: 'updatePickupPoint',
  roles: OPS_ONLY,
  audited: true,
  request: pickupPointFieldsSchema.extend({ pickupPointId: idSchema }),
  response: pickupPointViewSchema,
});
