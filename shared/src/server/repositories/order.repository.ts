/** Orders. Status changes are conditional on the current status, following the order machine. */
import type { OrderEvent, OrderStatus } from '../../domain/order.machine';
import { ORDER_PLACED_STATUS, orderMachine } from '../../domain/order.machine';
import { type Order, type OrderActor, type OrderHistoryEntry, orderSchema } from '../../domain/order.schema';
import type { ParcelTrack } from '../../domain/parcel-track';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany, type Patch } from '../cloudbase/db';

const orders = () => db().collection(COLLECTIONS.orders);

export async function getOrder(id: string): Promise<Order | null> {
  const data = await getById(COLLECTIONS.orders, id);
  return data ? orderSchema.parse(data) : null;
}

export async function insertOrder(order: Order): Promise<void> {
  await orders().add({ data: order });
}

/** Removes an order that never reached its shopper (placing it failed before the prepay). */
export async function removeUnplacedOrder(id: string): Promise<void> {
  await orders()
    .where({ _id: id, status: ORDER_PLACED_STATUS, transactionId: cmd().exists(false) })
    .remove();
}

/**
 * Applies `event` to the order if it is in a state that allows it (and matches `extra` conditions),
 * setting the new status and `patch`. True when this call made the change.
 */
export async function transitionOrder(
  id: string,
  event: OrderEvent,
  patch: Patch,
  extra: Readonly<Record<string, unknown>> = {},
  by: OrderActor = 'system',
): Promise<boolean> {
  const { from, to } = orderMachine.transition(event);
  const { stats } = await orders()
    .where({ _id: id, status: cmd().in(from), ...extra })
    .update({ data: moved(event, to, patch, by) });
  return stats.updated === 1;
}

/**
 * The update that moves an order with `event` to `to`: the patch, the new status, and the step in its
 * history (the same update, so the timeline never misses a change nor shows one that did not happen).
 */
function moved(event: OrderEvent, to: OrderStatus, patch: Patch, by: OrderActor, note?: string) {
  const at = typeof patch.updatedAt === 'number' ? patch.updatedAt : Date.now();
  const entry: OrderHistoryEntry = { at, event, status: to, by, ...(note ? { note } : {}) };
  return { ...patch, status: to, history: cmd().push([entry]) };
}

/** Moves every order of a group in `from` with `event` at once (e.g. the group succeeded). */
export async function transitionGroupOrders(groupId: string, event: OrderEvent, patch: Patch): Promise<number> {
  const { from, to } = orderMachine.transition(event);
  const { stats } = await orders()
    .where({ groupId, status: cmd().in(from) })
    .update({ data: moved(event, to, patch, 'system') });
  return stats.updated;
}

export async function listGroupOrders(groupId: string, statuses: readonly OrderStatus[]): Promise<Order[]> {
  const data = await getMany(
    orders()
      .where({ groupId, status: cmd().in(statuses) })
      .limit(100),
  );
  return data.map((d) => orderSchema.parse(d));
}

/** Every order of these groups (a group has at most 50 seats; closed ones included). */
export async function listOrdersOfGroups(groupIds: readonly string[]): Promise<Order[]> {
  if (groupIds.length === 0) return [];
  const data = await getMany(
    orders()
      .where({ groupId: cmd().in([...groupIds]) })
      .limit(1000),
  );
  return data.map((d) => orderSchema.parse(d));
}

/** Applies `event` to every order of these groups that allows it, in one request. */
export async function transitionOrdersOfGroups(
  groupIds: readonly string[],
  event: OrderEvent,
  patch: Patch,
): Promise<number> {
  if (groupIds.length === 0) return 0;
  const { from, to } = orderMachine.transition(event);
  const { stats } = await orders()
    .where({ groupId: cmd().in([...groupIds]), status: cmd().in(from) })
    .update({ data: moved(event, to, patch, 'system') });
  return stats.updated;
}

const unpaidPastDeadline = (now: number) => ({
  status: cmd().in(orderMachine.sourcesOf('payment_timed_out')),
  payDeadlineAt: cmd().lte(now),
});

/** Orders still awaiting payment after their deadline, oldest first. */
export async function listUnpaidPastDeadline(now: number, limit: number): Promise<Order[]> {
  const data = await getMany(orders().where(unpaidPastDeadline(now)).orderBy('payDeadlineAt', 'asc').limit(limit));
  return data.map((d) => orderSchema.parse(d));
}

export async function countUnpaidPastDeadline(now: number): Promise<number> {
  return (await orders().where(unpaidPastDeadline(now)).count()).total;
}

/** The status of each of these orders that exists. */
export async function orderStatuses(ids: readonly string[]): Promise<Map<string, OrderStatus>> {
  if (ids.length === 0) return new Map();
  const data = (await getMany(
    orders()
      .where({ _id: cmd().in([...ids]) })
      .field({ _id: true, status: true })
      .limit(ids.length),
  )) as { _id: string; status: OrderStatus }[];
  return new Map(data.map((d) => [d._id, d.status]));
}

/** Applies `event` to each of these orders that allows it, in one request; answers how many moved. */
export async function transitionOrders(ids: readonly string[], event: OrderEvent, patch: Patch): Promise<number> {
  if (ids.length === 0) return 0;
  const { from, to } = orderMachine.transition(event);
  const { stats } = await orders()
    .where({ _id: cmd().in([...ids]), status: cmd().in(from) })
    .update({ data: { ...patch, status: to } });
  return stats.updated;
}

/** Orders changed at or after `since`, oldest change first (what a sweep looks at again). */
export async function listOrdersUpdatedSince(since: number, page: { offset: number; limit: number }): Promise<Order[]> {
  const data = await getMany(
    orders()
      .where({ updatedAt: cmd().gte(since) })
      .orderBy('updatedAt', 'asc')
      .skip(page.offset)
      .limit(page.limit),
  );
  return data.map((d) => orderSchema.parse(d));
}

/** How many orders changed at or after `since`. */
export async function countOrdersUpdatedSince(since: number): Promise<number> {
  return (
    await orders()
      .where({ updatedAt: cmd().gte(since) })
      .count()
  ).total;
}

export interface OrderSearch {
  readonly orderId?: string | undefined;
  readonly groupId?: string | undefined;
  readonly phoneLast4?: string | undefined;
  readonly status?: OrderStatus | undefined;
  readonly activityId?: string | undefined;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** A merchant's own orders only. */
  readonly merchantId?: string | undefined;
}

/** The orders a search finds, newest first, one page. Each filter is an indexed field. */
export async function searchOrders(search: OrderSearch, page: { offset: number; limit: number }): Promise<Order[]> {
  const _ = cmd();
  const createdAt = [
    ...(search.from !== undefined ? [_.gte(search.from)] : []),
    ...(search.to !== undefined ? [_.lt(search.to)] : []),
  ];
  const where = {
    ...(search.orderId ? { _id: search.orderId } : {}),
    ...(search.groupId ? { groupId: search.groupId } : {}),
    ...(search.phoneLast4 ? { phoneLast4: search.phoneLast4 } : {}),
    ...(search.status ? { status: search.status } : {}),
    ...(search.activityId ? { activityId: search.activityId } : {}),
    ...(search.merchantId ? { merchantId: search.merchantId } : {}),
    ...(createdAt.length > 0 ? { createdAt: createdAt.length === 1 ? createdAt[0] : _.and(...createdAt) } : {}),
  };
  const data = await getMany(
    orders().where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(page.offset).limit(page.limit),
  );
  return data.map((d) => orderSchema.parse(d));
}

/**
 * Claims the next query to the tracking provider about an order's parcel: one update conditional on the last
 * claim being the one the caller read (`lastQueryAt`, or none), so of callers racing on the same reading
 * exactly one asks the provider. True when this call has the claim.
 */
export async function claimTrackQuery(orderId: string, lastQueryAt: number | undefined, now: number): Promise<boolean> {
  const _ = cmd();
  const { stats } = await orders()
    .where({ _id: orderId, trackQueriedAt: lastQueryAt === undefined ? _.exists(false) : lastQueryAt })
    .update({ data: { trackQueriedAt: now } });
  return stats.updated === 1;
}

/**
 * Keeps a parcel's track on its order: only while the order is still shipped with that waybill, and unless the
 * order holds a track checked at the same time or later (a slower query never overwrites a newer answer).
 * True when it was stored.
 */
export async function saveTrack(orderId: string, track: ParcelTrack): Promise<boolean> {
  const _ = cmd();
  const { stats } = await orders()
    .where({
      _id: orderId,
      'shipment.carrier': track.carrier,
      'shipment.trackingNo': track.trackingNo,
      'track.checkedAt': _.not(_.gte(track.checkedAt)),
    })
    .update({ data: { track: _.set(track) } });
  return stats.updated === 1;
}
