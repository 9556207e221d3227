/**
 * The live monitor's reads: a fixed set of indexed queries and aggregations, however many groups and
 * orders there are. Each one matches on an index first (status and deadline for the groups forming now;
 * formedAt, closedAt, paidAt, createdAt and refundedAt from the start of today for today's figures) and
 * answers rows bounded by the dimensions they are grouped by (activities × districts × hours), never by the
 * documents: the database does the counting. Every pipeline ends with a limit (CloudBase answers 20 rows
 * without one). A merchant's reads carry its `merchantId` in every match.
 */
import { activityMachine } from '../../domain/activity.machine';
import { GROUP_OPEN_STATUSES, groupMachine, type GroupStatus } from '../../domain/group.machine';
import { ORDER_REFUND_STATUSES, type OrderStatus } from '../../domain/order.machine';
import { HOUR_MS } from '../../kernel/time';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, plain } from '../cloudbase/db';

type Scope = { readonly merchantId?: string };

/** The statuses a group ends in today's tallies: succeeded (by filling or by the platform) or failed. */
export const ENDED_SUCCEEDED: GroupStatus = groupMachine.transition('filled').to;
export const ENDED_FAILED: GroupStatus = groupMachine.transition('deadline_passed').to;

/** More rows than any pipeline answers in practice (activities × districts × 24 hours × kinds). */
const ROWS = 10_000;
/** Live activities shown, newest first. */
export const ACTIVITIES_SHOWN = 100;

/** The hour of today (Shanghai) a timestamp falls in: 0 to 23. */
const hourOf = (field: string, dayStart: number) => ({
  $floor: { $divide: [{ $subtract: [`$${field}`, dayStart] }, HOUR_MS] },
});

async function rows<T>(pipeline: { end(): Promise<{ list: unknown[] }> }): Promise<T[]> {
  const { list } = await pipeline.end();
  return list.map(plain) as T[];
}

const collection = (name: string) => db().collection(name);

export interface LiveActivityRow {
  readonly _id: string;
  readonly title: string;
  readonly status: string;
  readonly stockMode: string;
  readonly poolAvailable?: number | null;
  readonly skuAvailable?: number | null;
}

/** Live activities (active or paused), newest first, with their stock left (their pool's, or their SKU's). */
export function liveActivities(scope: Scope): Promise<LiveActivityRow[]> {
  return rows(
    collection(COLLECTIONS.activities)
      .aggregate()
      .match({ ...scope, status: cmd().in(activityMachine.sourcesOf('ended')) })
      .sort({ createdAt: -1 })
      .limit(ACTIVITIES_SHOWN)
      .lookup({ from: COLLECTIONS.skus, localField: 'skuId', foreignField: '_id', as: 'sku' })
      .project({
        title: 1,
        status: 1,
        stockMode: 1,
        poolAvailable: '$pool.available',
        skuAvailable: { $arrayElemAt: ['$sku.stock.available', 0] },
      })
      .limit(ACTIVITIES_SHOWN),
  );
}

export interface FormingRow {
  /** The activity. */
  readonly _id: string;
  readonly forming: number;
  readonly endingSoon: number;
}

/** Groups forming now per activity, and how many of them end within the hour with seats left. */
export function formingByActivity(scope: Scope, now: number): Promise<FormingRow[]> {
  const _ = cmd();
  return rows(
    collection(COLLECTIONS.groups)
      .aggregate()
      .match({ ...scope, status: _.in([...GROUP_OPEN_STATUSES]), deadlineAt: _.gt(now) })
      .group({
        _id: '$activityId',
        forming: { $sum: 1 },
        endingSoon: {
          $sum: {
            $cond: [{ $and: [{ $lte: ['$deadlineAt', now + HOUR_MS] }, { $lt: ['$seatsTaken', '$size'] }] }, 1, 0],
          },
        },
      })
      .limit(ROWS),
  );
}

export interface EndingSoonRow {
  readonly _id: string;
  readonly activityId: string;
  readonly merchantId: string;
  readonly title: string;
  readonly status: GroupStatus;
  readonly size: number;
  readonly seatsTaken: number;
  readonly seatsPaid: number;
  readonly district: string;
  readonly openedAt: number;
  readonly deadlineAt: number;
}

/** The forming groups that end within the hour and still have seats to give, soonest first. */
export function endingSoon(scope: Scope, now: number, limit: number): Promise<EndingSoonRow[]> {
  const _ = cmd();
  return rows(
    collection(COLLECTIONS.groups)
      .aggregate()
      .match({
        ...scope,
        status: _.in([...GROUP_OPEN_STATUSES]),
        deadlineAt: _.and(_.gt(now), _.lte(now + HOUR_MS)),
      })
      .project({
        activityId: 1,
        merchantId: 1,
        title: 1,
        status: 1,
        size: 1,
        seatsTaken: 1,
        seatsPaid: 1,
        district: 1,
        openedAt: 1,
        deadlineAt: 1,
        seatsLeft: { $subtract: ['$size', '$seatsTaken'] },
      })
      .match({ seatsLeft: _.gt(0) })
      .sort({ deadlineAt: 1 })
      .limit(limit),
  );
}

/** `o`: groups opened (their leader paid) in that hour; otherwise a status: groups that ended so. */
export interface GroupsTodayRow {
  readonly _id: { readonly a: string; readonly d: string; readonly k: string; readonly h: number };
  readonly n: number;
}

export const OPENED = 'o';

/**
 * Today's groups by activity, district, hour and what happened: opened (the leader paid), or ended
 * (succeeded or failed). A group opened and ended today counts once for each.
 */
export function groupsToday(scope: Scope, dayStart: number): Promise<GroupsTodayRow[]> {
  const _ = cmd();
  const endedToday = {
    $and: [{ $gte: ['$closedAt', dayStart] }, { $in: ['$status', [ENDED_SUCCEEDED, ENDED_FAILED]] }],
  };
  return rows(
    collection(COLLECTIONS.groups)
      .aggregate()
      .match(_.and([scope, _.or([{ formedAt: _.gte(dayStart) }, { closedAt: _.gte(dayStart) }])]))
      .project({
        a: '$activityId',
        d: '$district',
        events: [
          { k: OPENED, h: { $cond: [{ $gte: ['$formedAt', dayStart] }, hourOf('formedAt', dayStart), null] } },
          { k: '$status', h: { $cond: [endedToday, hourOf('closedAt', dayStart), null] } },
        ],
      })
      .unwind('$events')
      .match({ 'events.h': _.neq(null) })
      .group({ _id: { a: '$a', d: '$d', k: '$events.k', h: '$events.h' }, n: { $sum: 1 } })
      .limit(ROWS),
  );
}

export interface PaidTodayRow {
  /** Activity (none for a solo order), delivery district, hour paid, and whether the order is being or was refunded. */
  readonly _id: { readonly a?: string | null; readonly d?: string | null; readonly h: number; readonly r: boolean };
  readonly amount: number;
  readonly units: number;
  readonly n: number;
}

/** Orders paid today by activity, delivery district and hour, split by whether their money went back. */
export function paidToday(scope: Scope, dayStart: number): Promise<PaidTodayRow[]> {
  return rows(
    collection(COLLECTIONS.orders)
      .aggregate()
      .match({ ...scope, paidAt: cmd().gte(dayStart) })
      .group({
        _id: {
          a: '$activityId',
          d: '$delivery.district',
          h: hourOf('paidAt', dayStart),
          r: { $in: ['$status', [...ORDER_REFUND_STATUSES]] },
        },
        amount: { $sum: '$total' },
        units: { $sum: '$quantity' },
        n: { $sum: 1 },
      })
      .limit(ROWS),
  );
}

export interface OrdersTodayRow {
  /** Status now; whether placed today; whether refunded today. */
  readonly _id: { readonly s: OrderStatus; readonly c: boolean; readonly r: boolean };
  readonly amount: number;
  readonly n: number;
}

/** Orders placed today by status, and orders refunded today, in one pass. */
export function ordersToday(scope: Scope, dayStart: number): Promise<OrdersTodayRow[]> {
  const _ = cmd();
  return rows(
    collection(COLLECTIONS.orders)
      .aggregate()
      .match(_.and([scope, _.or([{ createdAt: _.gte(dayStart) }, { refundedAt: _.gte(dayStart) }])]))
      .group({
        _id: { s: '$status', c: { $gte: ['$createdAt', dayStart] }, r: { $gte: ['$refundedAt', dayStart] } },
        amount: { $sum: '$total' },
        n: { $sum: 1 },
      })
      .limit(ROWS),
  );
}
