/**
 * listLeaderGroups (团长中心 → 团员管理): the groups the caller opened as a registered 团长, newest first, a page at a
 * time (a group that never opened is left out), each with its status as the 团长 reads it and its members: the
 * nickname masked, never an openid, whether they paid and whether they have their goods (collected at the point or
 * received), and their order's status. Anyone who is not a registered leader is refused FORBIDDEN.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { groupStatusSchema } from '../domain/group.machine';
import * as z from '../kernel/zod';
import { countSchema, pageRequest } from './common.schema';
import { defineContract } from './contract';

export const leaderGroupMemberSchema = z.object({
  /** Masked: `张*`. */
  nickname: z.string(),
  /** The 团长's own seat. */
  isOpener: z.boolean(),
  quantity: z.number().int().positive(),
  paid: z.boolean(),
  collected: z.boolean(),
  /** Their order's status, as the shopper reads it (`待取货`, `已取货`, `已退款`...). */
  statusLabel: z.string(),
});

export const listLeaderGroupsContract = defineContract({
  name: 'listLeaderGroups',
  errors: ['FORBIDDEN'],
  /** Up to 20 groups a page (each with up to 50 members), 10 unless told. */
  request: z.object({ limit: z.number().int().min(1).max(20).default(10), offset: pageRequest.offset }),
  response: z.object({
    items: z.array(
      z.object({
        groupId: idSchema,
        activityId: idSchema,
        title: z.string(),
        spec: z.string(),
        status: groupStatusSchema,
        statusLabel: z.string(),
        size: z.number().int().min(2),
        openedAt: instantSchema,
        deadlineAt: instantSchema,
        members: z.array(leaderGroupMemberSchema),
        paidCount: countSchema,
        collectedCount: countSchema,
      }),
    ),
    hasMore: z.boolean(),
  }),
});
