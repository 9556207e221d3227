import { openidSchema } from '../../domain/common.schema';
import { withdrawalStatusSchema } from '../../domain/withdrawal.machine';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { consoleWithdrawalSchema } from './withdrawals.schema';

/** `searchWithdrawals` (ops): 团长 withdrawals of one status and/or one leader, newest first, a page at a time. */
export const searchWithdrawalsContract = defineAdminContract({
  name: 'searchWithdrawals',
  roles: OPS_ONLY,
  request: z.object({
    status: withdrawalStatusSchema.optional(),
    leaderOpenid: openidSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(consoleWithdrawalSchema), hasMore: z.boolean() }),
});
