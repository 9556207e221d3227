/** sendNotifications (every minute): delivers the subscription messages waiting in group and order outboxes, once each. */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

const count = z.number().int().nonnegative();

export const sendNotificationsContract = defineJobContract({
  name: 'sendNotifications',
  title: '发送订阅消息',
  schedule: { cron: '15 * * * * * *', description: '每分钟（第 15 秒）' },
  report: { reminded: count, sent: count, noCredit: count, failed: count },
  defaultLimit: 500,
  budgetMs: 8_000,
});
