import { districtSchema, idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/** An active pickup point a 社区团 may name. */
export const pickupPointChoiceSchema = z.object({
  pickupPointId: idSchema,
  name: z.string(),
  district: districtSchema,
  address: z.string(),
});
export type PickupPointChoice = z.infer<typeof pickupPointChoiceSchema>;

/**
 * `listPickupPointChoices` (ops, merchant): the active pickup points an activity's 社区团 scope may name, by words
 * in their name, by district then name; at most 50. Only what the form shows (no keeper, no contact).
 */
export const listPickupPointChoicesContract = defineAdminContract({
  name: 'listPickupPointChoices',
  roles: ACTIVITY_STAFF,
  request: z.object({
    keyword: z.string().trim().max(40, '关键词最多 40 个字').optional(),
    limit: z.number().int().min(1).max(50).default(20),
  }),
  response: z.object({ items: z.array(pickupPointChoiceSchema) }),
});
