import { districtSchema } from '../../domain/common.schema';
import { pickupPointStatusSchema } from '../../domain/pickup-point.machine';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { pickupPointViewSchema } from './pickup-point.schema';

/**
 * `searchPickupPoints` (ops): every pickup point, active and deactivated, by name (any part of it),
 * district and status; by district then name, a page at a time.
 */
export const searchPickupPointsContract = defineAdminContract({
  name: 'searchPickupPoints',
  roles: OPS_ONLY,
  request: z.object({
    name: z.string().trim().max(40).optional(),
    district: districtSchema.optional(),
    status: pickupPointStatusSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(pickupPointViewSchema), hasMore: z.boolean() }),
});
