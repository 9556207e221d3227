/**
 * completeOrders (every 10 minutes): express parcels nobody confirmed 10 days after shipping are received, and
 * delivered orders whose after-sales window closed with no request open are completed.
 */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

const count = z.number().int().nonnegative();

export const completeOrdersContract = defineJobContract({
  name: 'completeOrders',
  title: '自动确认收货与完成订单',
  schedule: { cron: '45 */10 * * * * *', description: '每 10 分钟（第 45 秒）' },
  report: {
    /** Parcels received for their shoppers, 10 days after shipping. */
    received: count,
    /** Orders completed: their after-sales window closed. */
    completed: count,
  },
  defaultLimit: 1_000,
  budgetMs: 8_000,
});
