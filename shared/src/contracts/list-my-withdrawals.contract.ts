/**
 * listMyWithdrawals: a registered 团长's withdrawals, newest first, paged, each with its status in words and, while
 * WeChat waits for them to confirm the receipt, what `wx.requestMerchantTransfer` takes; and their balance now.
 * Anyone who is not a registered leader is refused FORBIDDEN.
 */
import * as z from '../kernel/zod';
import { pageRequest } from './common.schema';
import { defineContract } from './contract';
import { withdrawalBalanceSchema, withdrawalViewSchema } from './withdrawal-view.schema';

export const listMyWithdrawalsContract = defineContract({
  name: 'listMyWithdrawals',
  errors: ['FORBIDDEN'],
  request: z.object({ ...pageRequest }),
  response: z.object({
    withdrawals: z.array(withdrawalViewSchema),
    hasMore: z.boolean(),
    balance: withdrawalBalanceSchema,
  }),
});
