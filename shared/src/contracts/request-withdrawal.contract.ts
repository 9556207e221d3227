/**
 * requestWithdrawal: a registered 团长 asks to withdraw `amount` fen of their available balance to their WeChat
 * 零钱. At least ¥1, at most what is available, and at most ¥1000 a Shanghai day; the amount is reserved at once and
 * ops review it before WeChat is asked. A leader's requests are decided one after the other, so taps at once never
 * withdraw more than the balance; the same `requestKey` again (a retried tap) answers the same withdrawal.
 */
import * as z from '../kernel/zod';
import { defineContract } from './contract';
import { withdrawalBalanceSchema, withdrawalViewSchema } from './withdrawal-view.schema';

export const requestWithdrawalContract = defineContract({
  name: 'requestWithdrawal',
  errors: ['FORBIDDEN', 'WITHDRAWAL_BELOW_MINIMUM', 'WITHDRAWAL_EXCEEDS_BALANCE', 'WITHDRAWAL_DAILY_CAP', 'CONFLICT'],
  request: z.object({
    /** Fen. */
    amount: z.number().int().positive().max(100_000_000),
    /** One per confirmation dialog: a retried tap sends it again. */
    requestKey: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  }),
  response: z.object({ withdrawal: withdrawalViewSchema, balance: withdrawalBalanceSchema }),
});
