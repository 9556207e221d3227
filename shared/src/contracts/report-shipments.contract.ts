/** reportShipments (every minute): uploads each recorded shipment to WeChat's 发货信息管理, once. */
import * as z from '../kernel/zod';
import { defineJobContract } from './contract';

const count = z.number().int().nonnegative();

export const reportShipmentsContract = defineJobContract({
  name: 'reportShipments',
  title: '上报发货信息',
  schedule: { cron: '45 * * * * * *', description: '每分钟（第 45 秒）' },
  report: {
    /** Shipments WeChat now holds (it took the upload, or had it already). */
    reported: count,
    /** Uploads that failed in this run and will be asked again later. */
    retrying: count,
    /** Reports handed to ops: WeChat refused them, or they failed too many times. */
    flagged: count,
  },
  defaultLimit: 200,
  budgetMs: 8_000,
});
