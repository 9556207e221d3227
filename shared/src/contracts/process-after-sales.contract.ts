/**
 * processAfterSales (every 5 minutes): after-sales requests whose time has come. A request the merchant did
 * not answer in 48 hours is approved; a return not sent in 7 days closes; a replacement nobody confirmed is
 * received 10 days after it shipped; a refund that completed without moving its request finishes it.
 */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

const count = z.number().int().nonnegative();

export const processAfterSalesContract = defineJobContract({
  name: 'processAfterSales',
  title: '售后超时处理',
  schedule: { cron: '0 */5 * * * * *', description: '每 5 分钟' },
  report: {
    /** Requests approved by the review deadline (a refund-only one's refund recorded and asked for). */
    approved: count,
    /** Returns closed unsent, and requests closed because nothing was left to refund. */
    closed: count,
    /** Replacements received by themselves. */
    exchanged: count,
    /** Requests whose completed refund had not moved them. */
    refunded: count,
    /** Requests that failed this run and wait for the next. */
    failures: count,
  },
  defaultLimit: 200,
  budgetMs: 8_000,
});
