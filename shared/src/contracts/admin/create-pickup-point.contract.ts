import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { pickupPointFieldsSchema, pickupPointViewSchema } from './pickup-point.schema';

/**
 * `createPickupPoint` (ops): a new 自提点, active: checkout offers it at once. `requestKey` is the console's
 * id for this one creation (one per dialog): sent again, it answers the point it created.
 */
export const createPickupPointContract = defineAdminContract({
  name: 'createPickupPoint',
  roles: OPS_ONLY,
  audited: true,
  request: pickupPointFieldsSchema.extend({
    requestKey: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/)
      .optional(),
  }),
  response: pickupPointViewSchema,
});
