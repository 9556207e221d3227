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
    balance: z.object({
      /** Entries made withdrawable, ever, before clawbacks. */
      withdrawableEarned: fenSchema,
      clawedBack: fenSchema,
      /** Withdrawals transferred. */
      paidOut: fenSchema,
      /** Withdrawals under way. */
      reserved: fenSchema,
      /** What may be withdrawn now; negative while clawbacks exceed it. */
      available: z.number().int(),
      /** 预估收入: earned or waiting for the group, not yet withdrawable. */
      prospective: fenSchema,
    }),
    entries: z.array(earningsEntrySchema),
    hasMore: z.boolean(),
  }),
});
