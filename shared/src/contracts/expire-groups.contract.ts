/**
 * expireGroups (every minute): groups past their deadline fail; their paid orders are refunded, their
 * unpaid ones closed, their stock released.
 */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

export const expireGroupsContract = defineJobContract({
  name: 'expireGroups',
  report: { refundsRequested: z.number().int().nonnegative(), refundsFailed: z.number().int().nonnegative() },
  defaultLimit: 5000,
  budgetMs: 8_000,
});
