/**
 * listMyGroups: the groups the caller opened or holds a seat in.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { groupStatusSchema } from '../domain/group.machine';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

export const listMyGroupsContract = defineContract({
  name: 'listMyGroups',
  /** The groups the shopper opened or holds a seat in, newest first. */
  request: z.object({
    limit: z.number().int().min(1).max(50).default(20),
    offset: z.number().int().min(0).max(1000).default(0),
  }),
  response: z.object({
    items: z.array(
      z.object({
        groupId: idSchema,
        activityId: idSchema,
        title: z.string(),
        image: z.string(),
        groupPrice: fenSchema,
        status: groupStatusSchema,
        role: z.enum(['leader', 'member']),
        size: z.number().int().min(2),
        seatsPaid: z.number().int().nonnegative(),
        seatsLeft: z.number().int().nonnegative(),
        deadlineAt: instantSchema,
        openedAt: instantSchema,
      }),
    ),
    hasMore: z.boolean(),
  }),
});
