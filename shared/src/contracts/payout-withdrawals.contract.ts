/**
 * payoutWithdrawals (every minute): approved withdrawals are paid through WeChat's 商家转账 under their own bill
 * number (asked about first, so a lost answer never makes a second bill); bills under way are checked until they
 * end; failures are asked again after 1, 2, 4... minutes and handed to ops after five.
 */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

const count = z.number().int().nonnegative();

export const payoutWithdrawalsContract = defineJobContract({
  name: 'payoutWithdrawals',
  title: '团长提现转账',
  schedule: { cron: '30 * * * * * *', description: '每分钟（第 30 秒）' },
  report: {
    /** Withdrawals WeChat paid, as learnt this run. */
    transferred: count,
    /** Withdrawals handed to ops in this run. */
    flagged: count,
  },
  defaultLimit: 100,
  budgetMs: 8_000,
});
