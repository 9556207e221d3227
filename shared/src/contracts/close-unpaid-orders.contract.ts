/**
 * closeUnpaidOrders (every minute): orders past their payment deadline close and give back their seat,
 * stock and quota, unless CloudPay says they were paid (then the payment is applied).
 */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

export const closeUnpaidOrdersContract = defineJobContract({
  name: 'closeUnpaidOrders',
  title: '关闭超时未支付订单',
  schedule: { cron: '30 * * * * * *', description: '每分钟（第 30 秒）' },
  report: {
    /** Orders paid after all: their lost notification was applied. */
    recovered: z.number().int().nonnegative(),
    /** Orders left for the next tick after an error. */
    failures: z.number().int().nonnegative(),
  },
  defaultLimit: 500,
  budgetMs: 8_000,
});
