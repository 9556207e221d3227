/**
 * getMyEarnings: a registered 团长's balance by state (`leaderBalance`: available to withdraw, clawed back, paid
 * out, under way, and 预估收入 still waiting for groups and windows) and their commission entries, newest first,
 * paged. Anyone who is not a registered leader is refused FORBIDDEN.
 */
import { commissionKindSchema, commissionStatusSchema } from '../domain/commission.machine';
import { idSchema, instantSchema } from '../domain/common.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { pageRequest } from './common.schema';
import { defineContract } from './contract';
import { leaderBalanceViewSchema } from './withdrawal-view.schema';

export const earningsEntrySchema = z.object({
  entryId: idSchema,
  kind: commissionKindSchema,
  kindLabel: z.string(),
  status: commissionStatusSchema,
  statusLabel: z.string(),
  /** What the entry gives now (0 once reversed). */
  amount: fenSchema,
  /** Refunds after it was withdrawable, deducted from the balance. */
  clawedBack: fenSchema,
  activityId: idSchema,
  orderId: idSchema.optional(),
  groupId: idSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});

export const getMyEarningsContract = defineContract({
  name: 'getMyEarnings',
  errors: ['FORBIDDEN'],
  request: z.object({ ...pageRequest }),
  response: z.object({
    balance: leaderBalanceViewSchema,
    entries: z.array(earningsEntrySchema),
    hasMore: z.boolean(),
  }),
});
