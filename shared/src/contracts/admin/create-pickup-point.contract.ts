import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { pickupPointFieldsSchema, pickupPointViewSchema } from './pickup-point.schema';

/** `createPickupPoint` (ops): a new 自提点, active: checkout offers it at once. */
export const createPickupPointContract = defineAdminContract({
  name: 'createPickupPoint',
  roles: OPS_ONLY,
  audited: true,
  request: pickupPointFieldsSchema,
  response: pickupPointViewSchema,
});
