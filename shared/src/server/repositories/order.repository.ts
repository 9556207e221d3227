/** Orders. Status changes are conditional on the current status, following the order machine. */
import type { OrderEvent, OrderStatus } from '../../domain/order.machine';
import { ORDER_PLACED_STATUS, orderMachine } from '../../domain/order.machine';
import { type Order, orderSchema } from '../../domain/order.schema';
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
): Promise<boolean> {
  const { from, to } = orderMachine.transition(event);
  const { stats } = await orders()
    .where({ _id: id, status: cmd().in(from), ...extra })
    .update({ data: { ...patch, status: to } });
  return stats.updated === 1;
}

/** Moves every order of a group in `from` with `event` at once (e.g. the group succeeded). */
export async function transitionGroupOrders(groupId: string, event: OrderEvent, patch: Patch): Promise<number> {
  const { from, to } = orderMachine.transition(event);
  const { stats } = await orders()
    .where({ groupId, status: cmd().in(from) })
    .update({ data: { ...patch, status: to } });
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
    .update({ data: { ...patch, status: to } });
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
