/**
 * getLiveMonitor (实时监控; ops, or a merchant for its own): the dashboard the console asks for every few
 * seconds. Six reads, all at once, whatever the number of groups and orders (monitor.repository.ts): live
 * activities with their stock, groups forming per activity, the groups ending soonest with seats left,
 * today's groups, today's paid orders, and today's orders by status with today's refunds. Everything else
 * is arithmetic on their rows, here.
 */
import type { getLiveMonitorContract, GroupSummary, MonitorActivity, MonitorTally } from '../../contracts/admin';
import type { ActivityStatus } from '../../domain/activity.machine';
import type { StockMode } from '../../domain/activity.schema';
import { districtSchema } from '../../domain/common.schema';
import { type OrderStatus, orderStatusSchema } from '../../domain/order.machine';
import { fen } from '../../kernel/money';
import { startOfBusinessDay } from '../../kernel/time';
import { merchantScope } from '../runtime/staff-scope';
import {
  ENDED_FAILED,
  ENDED_SUCCEEDED,
  endingSoon,
  formingByActivity,
  groupsToday,
  liveActivities,
  OPENED,
  ordersToday,
  paidToday,
} from '../repositories/monitor.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

/** Groups ending soon listed on the dashboard. */
export const ENDING_SOON_SHOWN = 20;

/** A running tally: groups opened, succeeded, failed, and sales. */
interface Tally {
  opened: number;
  succeeded: number;
  failed: number;
  salesAmount: number;
  paidOrders: number;
}

const emptyTally = (): Tally => ({ opened: 0, succeeded: 0, failed: 0, salesAmount: 0, paidOrders: 0 });

/** Succeeded ÷ ended, rounded to a ten-thousandth; null when nothing ended. */
export function successRate(succeeded: number, failed: number): number | null {
  const ended = succeeded + failed;
  return ended === 0 ? null : Math.round((succeeded / ended) * 10_000) / 10_000;
}

const finished = (tally: Tally): MonitorTally => ({
  ...tally,
  salesAmount: fen(tally.salesAmount),
  successRate: successRate(tally.succeeded, tally.failed),
});

/** A tally per key, created on first use. */
function tallies<K>(): { get(key: K): Tally; entries(): [K, Tally][] } {
  const map = new Map<K, Tally>();
  return {
    get(key) {
      let tally = map.get(key);
      if (!tally) map.set(key, (tally = emptyTally()));
      return tally;
    },
    entries: () => [...map.entries()],
  };
}

const UNKNOWN_DISTRICT = '未知';
const districtOf = (value: unknown): string => {
  const parsed = districtSchema.safeParse(value);
  return parsed.success ? parsed.data : UNKNOWN_DISTRICT;
};

export const getLiveMonitor: AdminUseCase<typeof getLiveMonitorContract> = async (_input, ctx) => {
  const now = ctx.clock.now();
  const dayStart = startOfBusinessDay(now);
  const scope = merchantScope(ctx);
  const [activities, forming, soon, groups, paid, orders] = await Promise.all([
    liveActivities(scope),
    formingByActivity(scope, now),
    endingSoon(scope, now, ENDING_SOON_SHOWN),
    groupsToday(scope, dayStart),
    paidToday(scope, dayStart),
    ordersToday(scope, dayStart),
  ]);

  const today = emptyTally();
  const byActivity = tallies<string>();
  const byHour = tallies<number>();
  const byDistrict = tallies<string>();
  for (const { _id: row, n } of groups) {
    for (const tally of [today, byActivity.get(row.a), byHour.get(row.h), byDistrict.get(districtOf(row.d))]) {
      if (row.k === OPENED) tally.opened += n;
      else if (row.k === ENDED_SUCCEEDED) tally.succeeded += n;
      else if (row.k === ENDED_FAILED) tally.failed += n;
    }
  }
  let paidAmount = 0;
  const unitsSold = new Map<string, number>();
  for (const { _id: row, amount, units, n } of paid) {
    paidAmount += amount;
    if (row.r) continue; // refunded since (or being): not a sale
    const touched = [today, byHour.get(row.h), byDistrict.get(districtOf(row.d))];
    if (row.a) {
      touched.push(byActivity.get(row.a));
      unitsSold.set(row.a, (unitsSold.get(row.a) ?? 0) + units);
    }
    for (const tally of touched) {
      tally.salesAmount += amount;
      tally.paidOrders += n;
    }
  }
  const statusCounts = new Map<OrderStatus, number>();
  let refundedAmount = 0;
  let refundedOrders = 0;
  for (const { _id: row, amount, n } of orders) {
    if (row.c) statusCounts.set(row.s, (statusCounts.get(row.s) ?? 0) + n);
    if (row.r) {
      refundedAmount += amount;
      refundedOrders += n;
    }
  }
  const formingOf = new Map(forming.map((row) => [row._id, row]));

  return {
    at: now,
    dayStartAt: dayStart,
    forming: forming.reduce((sum, row) => sum + row.forming, 0),
    endingSoon: forming.reduce((sum, row) => sum + row.endingSoon, 0),
    endingSoonGroups: soon.map((row): GroupSummary => ({
      groupId: row._id,
      activityId: row.activityId,
      merchantId: row.merchantId,
      title: row.title,
      status: row.status,
      size: row.size,
      seatsTaken: row.seatsTaken,
      seatsPaid: row.seatsPaid,
      district: districtSchema.parse(row.district),
      openedAt: row.openedAt,
      deadlineAt: row.deadlineAt,
    })),
    today: {
      ...finished(today),
      // Paid today, whatever became of it since; what went back today is counted apart.
      paidAmount: fen(paidAmount),
      refundedAmount: fen(refundedAmount),
      refundedOrders,
    },
    ordersByStatus: orderStatusSchema.options.map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
    activities: activities.map((activity): MonitorActivity => {
      const stockLeft = activity.poolAvailable ?? activity.skuAvailable ?? 0;
      const live = formingOf.get(activity._id);
      return {
        ...finished(byActivity.get(activity._id)),
        activityId: activity._id,
        title: activity.title,
        status: activity.status as ActivityStatus,
        stockMode: activity.stockMode as StockMode,
        stockLeft: Math.max(0, stockLeft),
        forming: live?.forming ?? 0,
        endingSoon: live?.endingSoon ?? 0,
        unitsSold: unitsSold.get(activity._id) ?? 0,
      };
    }),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ ...finished(byHour.get(hour)), hour })),
    byDistrict: byDistrict
      .entries()
      .map(([district, tally]) => ({ ...finished(tally), district }))
      .sort((a, b) => b.salesAmount - a.salesAmount || a.district.localeCompare(b.district)),
  };
};
