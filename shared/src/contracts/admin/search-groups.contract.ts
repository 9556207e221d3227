import { groupStatusSchema } from '../../domain/group.machine';
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { groupSummarySchema } from './groups.schema';
import { ANY_STAFF } from './permissions';

/**
 * `searchGroups`: groups by number, activity or status, latest deadline first (a merchant: its own only).
 * One indexed query a page.
 */
export const searchGroupsContract = defineAdminContract({
  name: 'searchGroups',
  roles: ANY_STAFF,
  request: z.object({
    groupId: idSchema.optional(),
    activityId: idSchema.optional(),
    status: groupStatusSchema.optional(),
    limit: z.number().int().min(1).max(50).default(20),
    offset: z.number().int().min(0).max(1000).default(0),
  }),
  response: z.object({ items: z.array(groupSummarySchema), hasMore: z.boolean() }),
});
