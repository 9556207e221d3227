/**
 * settleCommissions (every 10 minutes): every order changed in the last two hours is brought in line with its 团长
 * commissions (`syncCommissions`), so an entry a crash left unwritten or unmoved after a payment, a group's end, a
 * refund or a completion is fixed on the next run.
 */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

const count = z.number().int().nonnegative();

export const settleCommissionsContract = defineJobContract({
  name: 'settleCommissions',
  title: '团长佣金核对',
  schedule: { cron: '15 */10 * * * * *', description: '每 10 分钟（第 15 秒）' },
  report: {
    /** Entries recorded this run (missed by the hook that should have written them). */
    recorded: count,
    /** Steps taken on entries this run (pending → earned → withdrawable, shrunk, reversed, clawed back). */
    stepped: count,
  },
  defaultLimit: 2_000,
  budgetMs: 8_000,
});
