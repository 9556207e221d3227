/**
 * The 团长 dashboard's reads: a fixed set of aggregations over the last 30 Shanghai days, each matched on an index
 * first (`groups` by leader, `orders` by the ref they came through, `commission_entries` by leader and time) and
 * answering a handful of rows: one per combination of the periods a document falls in (today, last 7 days, last 30)
 * and what it is grouped by. The database does the counting; the use case adds the rows up per period.
 */
import type { CommissionStatus } from '../../domain/commission.machine';
import { ORDER_REFUND_STATUSES } from '../../domain/order.machine';
import type { DashboardPeriod } from '../../domain/share-funnel';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, plain } from '../cloudbase/db';
import { ENDED_FAILED, ENDED_SUCCEEDED } from './monitor.repository';

/** When each period starts (`dashboardPeriodStarts`). */
export type PeriodBounds = Readonly<Record<DashboardPeriod, number>>;

/** Whether a document's time is today (`t`) and within the last 7 days (`w`). */
export interface PeriodBucket {
  readonly t: boolean;
  readonly w: boolean;
}

/** Rows are bounded by 4 period combinations × what they are grouped by (at most 5 statuses). */
const ROWS = 100;

const bucket = (field: string, bounds: PeriodBounds) => ({
  t: { $gte: [`$${field}`, bounds.today] },
  w: { $gte: [`$${field}`, bounds.days7] },
});

async function rows<T>(pipeline: { end(): Promise<{ list: unknown[] }> }): Promise<T[]> {
  const { list } = await pipeline.end();
  return list.map(plain) as T[];
}

const aggregate = (name: string) => db().collection(name).aggregate();

export interface GroupRow {
  readonly _id: PeriodBucket;
  readonly opened: number;
  readonly succeeded: number;
  readonly failed: number;
}

/** The groups the leader opened (by when they became visible: the leader paid), and how those that ended ended. */
export function countLeaderGroups(leaderOpenid: string, bounds: PeriodBounds): Promise<GroupRow[]> {
  const is = (status: string) => ({ $sum: { $cond: [{ $eq: ['$status', status] }, 1, 0] } });
  return rows(
    aggregate(COLLECTIONS.groups)
      .match({ leaderOpenid, formedAt: cmd().gte(bounds.days30) })
      .group({
        _id: bucket('formedAt', bounds),
        opened: { $sum: 1 },
        succeeded: is(ENDED_SUCCEEDED),
        failed: is(ENDED_FAILED),
      })
      .limit(ROWS),
  );
}

export interface SalesRow {
  readonly _id: PeriodBucket;
  /** What the paid orders still hold: nothing for one being or already refunded, else its total less refunds. */
  readonly sales: number;
  /** The shoppers who paid, the leader among them. */
  readonly payers: string[];
}

/** The paid orders of the groups the leader opened in the period (by when the group opened). */
export function sumLeaderGroupSales(leaderOpenid: string, bounds: PeriodBounds): Promise<SalesRow[]> {
  return rows(
    aggregate(COLLECTIONS.groups)
      .match({ leaderOpenid, formedAt: cmd().gte(bounds.days30) })
      .lookup({ from: COLLECTIONS.orders, localField: '_id', foreignField: 'groupId', as: 'order' })
      .unwind('$order')
      .match({ 'order.paidAt': cmd().exists(true) })
      .group({
        _id: bucket('formedAt', bounds),
        sales: {
          $sum: {
            $cond: [
              { $in: ['$order.status', [...ORDER_REFUND_STATUSES]] },
              0,
              { $subtract: ['$order.total', { $ifNull: ['$order.refundedAmount', 0] }] },
            ],
          },
        },
        payers: { $addToSet: '$order.openid' },
      })
      .limit(ROWS),
  );
}

export interface EarningsRow {
  readonly _id: PeriodBucket & { readonly s: CommissionStatus };
  /** Amounts less clawbacks. */
  readonly amount: number;
}

/** The leader's commission entries recorded in the period, by the status they are in now. */
export function sumLeaderEarnings(leaderOpenid: string, bounds: PeriodBounds): Promise<EarningsRow[]> {
  return rows(
    aggregate(COLLECTIONS.commissionEntries)
      .match({ leaderOpenid, createdAt: cmd().gte(bounds.days30) })
      .group({
        _id: { s: '$status', ...bucket('createdAt', bounds) },
        amount: { $sum: { $subtract: ['$amount', '$clawedBack'] } },
      })
      .limit(ROWS),
  );
}

export interface ReferralRow {
  readonly _id: PeriodBucket;
  readonly joined: number;
  readonly paid: number;
}

/**
 * The orders placed through the sharer's ref in the period (by when placed), by anyone but the sharer, and how many
 * of them were paid.
 */
export function countReferredOrders(
  sharer: { readonly openid: string; readonly ref: string },
  bounds: PeriodBounds,
): Promise<ReferralRow[]> {
  const _ = cmd();
  return rows(
    aggregate(COLLECTIONS.orders)
      .match({ referrerRef: sharer.ref, createdAt: _.gte(bounds.days30), openid: _.neq(sharer.openid) })
      .group({
        _id: bucket('createdAt', bounds),
        joined: { $sum: 1 },
        paid: { $sum: { $cond: [{ $gt: [{ $ifNull: ['$paidAt', 0] }, 0] }, 1, 0] } },
      })
      .limit(ROWS),
  );
}
