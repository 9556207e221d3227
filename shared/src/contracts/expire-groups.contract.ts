/**
 * expireGroups (every minute): groups past their deadline fail; their paid orders are refunded, their
 * unpaid ones closed, their stock released.
 */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

export const expireGroupsContract = defineJobContract({
  name: 'expireGroups',
  title: '拼团到期处理',
  schedule: { cron: '0 * * * * * *', description: '每分钟（第 0 秒）' },
  report: { refundsRequested: z.number().int().nonnegative(), refundsFailed: z.number().int().nonnegative() },
  defaultLimit: 5000,
  budgetMs: 8_000,
});
