import { activityStatusSchema } from '../../domain/activity.machine';
import { stockModeSchema } from '../../domain/activity.schema';
import { idSchema, instantSchema } from '../../domain/common.schema';
import { orderStatusSchema } from '../../domain/order.machine';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { groupSummarySchema } from './groups.schema';
import { OPS_AND_MERCHANT } from './permissions';

const count = z.number().int().nonnegative();
/** Succeeded ÷ (succeeded + failed), 0 to 1; null when no group ended. */
const rate = z.number().min(0).max(1).nullable();

/**
 * Groups that opened (their leader paid), succeeded and failed, the success rate, and sales (orders paid
 * and not refunded), over some slice of today.
 */
const tallySchema = z.object({
  opened: count,
  succeeded: count,
  failed: count,
  successRate: rate,
  salesAmount: fenSchema,
  paidOrders: count,
});
export type MonitorTally = z.infer<typeof tallySchema>;

export const monitorActivitySchema = tallySchema.extend({
  activityId: idSchema,
  title: z.string(),
  status: activityStatusSchema,
  stockMode: stockModeSchema,
  /** Units still available: the dedicated pool's, or the SKU's shared stock. */
  stockLeft: count,
  forming: count,
  endingSoon: count,
  unitsSold: count,
});
export type MonitorActivity = z.infer<typeof monitorActivitySchema>;

/**
 * `getLiveMonitor` (实时监控; ops, or a merchant for its own): the groups forming now and those ending
 * within the hour with seats left; today's groups opened, succeeded and failed with the success rate, paid
 * and refunded amounts and orders by status (today: Asia/Shanghai); a row per live activity; success rate
 * and sales by hour and by district. A fixed number of indexed queries and aggregations, however many
 * groups and orders there are; the console asks again every few seconds.
 */
export const getLiveMonitorContract = defineAdminContract({
  name: 'getLiveMonitor',
  roles: OPS_AND_MERCHANT,
  request: z.object({}),
  response: z.object({
    /** When the figures were read. */
    at: instantSchema,
    /** The start of today in Asia/Shanghai: what "today" counts from. */
    dayStartAt: instantSchema,
    forming: count,
    /** Forming groups whose deadline is within the hour and that still have seats to give. */
    endingSoon: count,
    /** The first of those, soonest first (at most 20). */
    endingSoonGroups: z.array(groupSummarySchema),
    /** Today's tally (sales: paid today and not refunded), with everything paid today and refunded today. */
    today: tallySchema.extend({
      paidAmount: fenSchema,
      refundedAmount: fenSchema,
      refundedOrders: count,
    }),
    /** Today's orders (placed today) by their status now. */
    ordersByStatus: z.array(z.object({ status: orderStatusSchema, count })),
    /** Live activities (active or paused), newest first. Tallies are today's. */
    activities: z.array(monitorActivitySchema),
    /** Today by hour (0–23, Shanghai): groups opened and ended, sales by payment time. */
    byHour: z.array(tallySchema.extend({ hour: z.number().int().min(0).max(23) })),
    /** Today by district (the group leader's pickup district; sales by the order's delivery district). */
    byDistrict: z.array(tallySchema.extend({ district: z.string() })),
  }),
});
