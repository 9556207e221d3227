/** retryRefunds (every 5 minutes): refunds whose request failed are asked again; lost ones are confirmed. */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

export const retryRefundsContract = defineJobContract({
  name: 'retryRefunds',
  title: '退款重试',
  schedule: { cron: '0 */5 * * * * *', description: '每 5 分钟' },
  report: {
    /** Refunds handed to ops after repeated failures in this run. */
    flagged: z.number().int().nonnegative(),
  },
  defaultLimit: 200,
  budgetMs: 8_000,
});
