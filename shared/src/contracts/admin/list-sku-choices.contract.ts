import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, skuChoiceSchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `listSkuChoices` (ops, merchant): the SKUs a new activity can be built on, by words in the product's
 * title, with their normal price and stock; a merchant's own only. At most 50.
 */
export const listSkuChoicesContract = defineAdminContract({
  name: 'listSkuChoices',
  roles: ACTIVITY_STAFF,
  request: z.object({
    keyword: z.string().trim().max(30, '关键词最多 30 个字').optional(),
    limit: z.number().int().min(1).max(50).default(20),
  }),
  response: z.object({ items: z.array(skuChoiceSchema) }),
});
