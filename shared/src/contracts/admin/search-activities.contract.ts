import { activityPhaseSchema } from '../../domain/activity-edit';
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, activityRowSchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `searchActivities` (ops, merchant): the 拼团活动 list, newest first, a page at a time: by phase (草稿,
 * 未开始, 进行中, 已暂停, 已结束), by words in the title, and for ops by merchant. A merchant sees only its own.
 */
export const searchActivitiesContract = defineAdminContract({
  name: 'searchActivities',
  roles: ACTIVITY_STAFF,
  request: z.object({
    phase: activityPhaseSchema.optional(),
    keyword: z.string().trim().max(30, '关键词最多 30 个字').optional(),
    /** Ops only; a merchant's own merchant always applies. */
    merchantId: idSchema.optional(),
    limit: z.number().int().min(1).max(50).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(activityRowSchema), hasMore: z.boolean() }),
});
