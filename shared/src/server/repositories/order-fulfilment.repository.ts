/**
 * Orders after 成团: what waits to be shipped and what to pack, the shipping transaction, collection at a
 * pickup point, receipt, completion, and the orders' own outboxes. Every status change is conditional on the
 * statuses the order machine names for its event, and writes its step in the order's history in the same
 * update; shipping writes its shipping report in the same transaction.
 */
import {
  autoReceiveCutoff,
  FULFILMENT_EVENTS,
  ORDER_AT_POINT_STATUS,
  type ShipDecision,
  ORDER_TO_SHIP_STATUSES,
} from '../../domain/fulfilment';
import type { District } from '../../domain/common.schema';
import { outboxEntry } from '../../domain/notification';
import { ORDER_DELIVERED_STATUSES, type OrderEvent, orderMachine } from '../../domain/order.machine';
import { type Order, type OrderActor, type OrderHistoryEntry, orderSchema } from '../../domain/order.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany, inTransaction, type Patch, plain } from '../cloudbase/db';
import { recordShippingReport } from './shipping-report.repository';

const orders = () => db().collection(COLLECTIONS.orders);

/** The step an event adds to an order's history. */
const step = (event: OrderEvent, by: OrderActor, at: number): OrderHistoryEntry => ({
  at,
  event,
  status: orderMachine.transition(event).to,
  by,
});

/** These orders, by id (at most 1,000: what one query answers). */
export async function getOrdersByIds(ids: readonly string[]): Promise<Map<string, Order>> {
  if (ids.length === 0) return new Map();
  const docs = await getMany(
    orders()
      .where({ _id: cmd().in([...ids]) })
      .limit(ids.length),
  );
  return new Map(docs.map((d) => orderSchema.parse(d)).map((order) => [order._id, order]));
}

/** A scope and filters over the orders waiting to be shipped. */
export interface ToShipFilter {
  readonly merchantId?: string | undefined;
  readonly activityId?: string | undefined;
  readonly pickupPointId?: string | undefined;
  /** Express (to an address) or pickup orders only. */
  readonly delivery?: 'address' | 'pickup' | undefined;
}

const toShipWhere = (filter: ToShipFilter) => ({
  status: cmd().in(ORDER_TO_SHIP_STATUSES),
  ...(filter.merchantId ? { merchantId: filter.merchantId } : {}),
  ...(filter.activityId ? { activityId: filter.activityId } : {}),
  ...(filter.pickupPointId ? { 'delivery.pickupPointId': filter.pickupPointId } : {}),
  ...(filter.delivery ? { 'delivery.kind': filter.delivery } : {}),
});

/** A page of the orders waiting to be shipped, oldest payment first (indexes `merchantId_status_paidAt`, `status_paidAt`). */
export async function listOrdersToShip(
  filter: ToShipFilter,
  page: { readonly offset: number; readonly limit: number },
): Promise<Order[]> {
  const docs = await getMany(
    orders()
      .where(toShipWhere(filter))
      .orderBy('paidAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(page.offset)
      .limit(page.limit),
  );
  return docs.map((d) => orderSchema.parse(d));
}

/** The ids of the pickup orders waiting to leave for a point, oldest payment first, at most `limit`. */
export async function listPickupOrderIdsToShip(filter: ToShipFilter, limit: number): Promise<string[]> {
  const docs = (await getMany(
    orders()
      .where({ ...toShipWhere({ ...filter, delivery: 'pickup' }), openAfterSaleId: cmd().exists(false) })
      .orderBy('paidAt', 'asc')
      .orderBy('_id', 'asc')
      .field({ _id: true })
      .limit(limit),
  )) as { _id: string }[];
  return docs.map((d) => d._id);
}

/** Units of one SKU going to one place: a pickup point, or by express (`point` null). */
export interface PickingRow {
  readonly _id: { readonly point?: string | null; readonly skuId: string };
  readonly units: number;
  readonly orders: number;
  readonly title: string;
  readonly spec: string;
  readonly pointName?: string | null;
  readonly pointAddress?: string | null;
  readonly pointDistrict?: District | null;
}

/** More rows than points × SKUs in practice. */
const PICKING_ROWS = 10_000;

/**
 * What to pack: the orders waiting to ship (and not withdrawn by an after-sales request) counted by pickup
 * point and SKU in the database, express orders as the null point. Rows are bounded by points × SKUs.
 */
export async function pickingRows(filter: ToShipFilter): Promise<PickingRow[]> {
  const { list } = await orders()
    .aggregate()
    .match({ ...toShipWhere(filter), openAfterSaleId: cmd().exists(false) })
    .group({
      _id: { point: '$delivery.pickupPointId', skuId: '$skuId' },
      units: { $sum: '$quantity' },
      orders: { $sum: 1 },
      title: { $first: '$title' },
      spec: { $first: '$spec' },
      pointName: { $first: '$delivery.name' },
      pointAddress: { $first: '$delivery.address' },
      pointDistrict: { $first: '$delivery.district' },
    })
    .limit(PICKING_ROWS)
    .end();
  return list.map(plain) as PickingRow[];
}

/**
 * Ships one order in a transaction: the order is read, `decide` says what shipping it means (ship, a repeat,
 * or a refusal), and a shipment is written with its history step, the shopper's message and the shipping
 * report, together. The transaction is the update's condition: a write by anyone else to the order after it
 * was read fails the commit, and the work starts over on what the database then holds, so an order ships once.
 */
export async function shipOrder(
  orderId: string,
  decide: (order: Order | null) => ShipDecision,
  now: number,
): Promise<ShipDecision> {
  return inTransaction(async (tx) => {
    const ref = tx.collection(COLLECTIONS.orders).doc(orderId);
    const found = plain((await ref.get()).data);
    const order = found ? orderSchema.parse(found) : null;
    const decision = decide(order);
    if (decision.kind !== 'ship' || !order) return decision;
    const _ = cmd();
    const { to } = orderMachine.transition(FULFILMENT_EVENTS.ship);
    const by = decision.shipment.by as OrderActor;
    await ref.update({
      data: {
        status: to,
        shipment: _.set(decision.shipment),
        updatedAt: now,
        history: _.push([step(FULFILMENT_EVENTS.ship, by, now)]),
        ...(decision.message ? { outbox: _.push([outboxEntry(decision.message, now)]), outboxPending: true } : {}),
      },
    });
    await recordShippingReport(tx, order, decision.shipment, now);
    return decision;
  });
}

/** The orders that left in a pickup batch (index `shipmentBatchId`). */
export async function listBatchOrders(batchId: string, limit: number): Promise<Order[]> {
  const docs = await getMany(orders().where({ 'shipment.batchId': batchId }).limit(limit));
  return docs.map((d) => orderSchema.parse(d));
}

/** Up to `limit` orders waiting at a point to be collected, oldest arrival first (index `deliveryPickupPointId_status`). */
export async function listOrdersWaitingAt(pickupPointId: string, limit: number): Promise<Order[]> {
  const docs = await getMany(
    orders()
      .where({ 'delivery.pickupPointId': pickupPointId, status: ORDER_AT_POINT_STATUS })
      .orderBy('shipment.arrivedAt', 'asc')
      .limit(limit),
  );
  return docs.map((d) => orderSchema.parse(d));
}

/** Up to `limit` orders that reached a point at or after `since` (index `deliveryPickupPointId_shipmentArrivedAt`). */
export async function listArrivedAtPointSince(pickupPointId: string, since: number, limit: number): Promise<Order[]> {
  const docs = await getMany(
    orders()
      .where({ 'delivery.pickupPointId': pickupPointId, 'shipment.arrivedAt': cmd().gte(since) })
      .limit(limit),
  );
  return docs.map((d) => orderSchema.parse(d));
}

/**
 * Up to `limit` orders collected at a point at or after `since`, newest first (index
 * `deliveryPickupPointId_receivedAt`: a pickup order is received only by its collection).
 */
export async function listCollectedAtPointSince(pickupPointId: string, since: number, limit: number): Promise<Order[]> {
  const docs = await getMany(
    orders()
      .where({ 'delivery.pickupPointId': pickupPointId, receivedAt: cmd().gte(since) })
      .orderBy('receivedAt', 'desc')
      .limit(limit),
  );
  return docs.map((d) => orderSchema.parse(d));
}

/**
 * Collects a pickup order with its code (核销): one update, conditional on the order waiting at this point
 * with this code, so of two scans at once one collects it and the other finds it collected.
 */
export async function collectAtPoint(
  orderId: string,
  pickupPointId: string,
  code: string,
  receipt: { readonly receivedAt: number; readonly afterSaleEndsAt: number },
  by: OrderActor,
): Promise<boolean> {
  const { from, to } = orderMachine.transition(FULFILMENT_EVENTS.pickUp);
  const { stats } = await orders()
    .where({ _id: orderId, status: cmd().in(from), pickupCode: code, 'delivery.pickupPointId': pickupPointId })
    .update({
      data: {
        status: to,
        ...receipt,
        updatedAt: receipt.receivedAt,
        history: cmd().push([step(FULFILMENT_EVENTS.pickUp, by, receipt.receivedAt)]),
      },
    });
  return stats.updated === 1;
}

/**
 * A shopper's 确认收货: one update, conditional on the order being theirs, an express parcel, and on its way;
 * racing the job's receipt of the same parcel, one of the two moves it and writes its history.
 */
export async function receiveParcel(
  orderId: string,
  openid: string,
  receipt: { readonly receivedAt: number; readonly afterSaleEndsAt: number },
): Promise<boolean> {
  const { from, to } = orderMachine.transition(FULFILMENT_EVENTS.receive);
  const { stats } = await orders()
    .where({ _id: orderId, openid, status: cmd().in(from), 'shipment.kind': 'express' })
    .update({
      data: {
        status: to,
        ...receipt,
        updatedAt: receipt.receivedAt,
        history: cmd().push([step(FULFILMENT_EVENTS.receive, 'shopper', receipt.receivedAt)]),
      },
    });
  return stats.updated === 1;
}

// -- The completeOrders job --------------------------------------------------------------------------------------

/** Express parcels on their way since the cutoff or before (index `status_shipmentShippedAt`). */
const unconfirmedParcels = (now: number) => ({
  status: cmd().in(orderMachine.sourcesOf(FULFILMENT_EVENTS.receive)),
  'shipment.kind': 'express',
  'shipment.shippedAt': cmd().lte(autoReceiveCutoff(now)),
});

/** Delivered orders whose window closed with no after-sales request open (index `status_afterSaleEndsAt`). */
const closedWindows = (now: number) => ({
  status: cmd().in(ORDER_DELIVERED_STATUSES),
  afterSaleEndsAt: cmd().lte(now),
  openAfterSaleId: cmd().exists(false),
});

const idsWhere = async (where: Record<string, unknown>, limit: number): Promise<string[]> => {
  const docs = (await getMany(orders().where(where).field({ _id: true }).limit(limit))) as { _id: string }[];
  return docs.map((d) => d._id);
};

export const listUnconfirmedParcels = (now: number, limit: number) => idsWhere(unconfirmedParcels(now), limit);
export const listClosedWindows = (now: number, limit: number) => idsWhere(closedWindows(now), limit);

export async function countUnconfirmedParcels(now: number): Promise<number> {
  return (await orders().where(unconfirmedParcels(now)).count()).total;
}

export async function countClosedWindows(now: number): Promise<number> {
  return (await orders().where(closedWindows(now)).count()).total;
}

/**
 * Receives these parcels for their shoppers (10 days after shipping), in one request whose condition each
 * order must still meet: one a shopper confirmed meanwhile is not moved again.
 */
export async function receiveUnconfirmed(
  ids: readonly string[],
  now: number,
  receipt: { readonly receivedAt: number; readonly afterSaleEndsAt: number },
): Promise<number> {
  if (ids.length === 0) return 0;
  const { to } = orderMachine.transition(FULFILMENT_EVENTS.receive);
  const { stats } = await orders()
    .where({ _id: cmd().in([...ids]), ...unconfirmedParcels(now) })
    .update({
      data: {
        status: to,
        ...receipt,
        updatedAt: now,
        history: cmd().push([step(FULFILMENT_EVENTS.receive, 'system', now)]),
      },
    });
  return stats.updated;
}

/**
 * Completes these orders, in one request whose condition each must still meet: its window closed and no
 * after-sales request open (a request opened meanwhile keeps it from completing).
 */
export async function completeClosedWindows(ids: readonly string[], now: number): Promise<number> {
  if (ids.length === 0) return 0;
  const { to } = orderMachine.transition(FULFILMENT_EVENTS.complete);
  const { stats } = await orders()
    .where({ _id: cmd().in([...ids]), ...closedWindows(now) })
    .update({
      data: {
        status: to,
        completedAt: now,
        updatedAt: now,
        history: cmd().push([step(FULFILMENT_EVENTS.complete, 'system', now)]),
      },
    });
  return stats.updated;
}

// -- Outboxes -----------------------------------------------------------------------------------------------------

/** Orders with messages waiting (index `outboxPending`). */
export async function listOrdersWithOutbox(limit: number): Promise<Order[]> {
  const docs = await getMany(orders().where({ outboxPending: true }).limit(limit));
  return docs.map((d) => orderSchema.parse(d));
}

export async function countOrdersWithOutbox(): Promise<number> {
  return (await orders().where({ outboxPending: true }).count()).total;
}

/** Removes sent entries from an order's outbox; clears its flag once it is empty. */
export async function clearOrderOutbox(orderId: string, entryIds: readonly string[]): Promise<void> {
  const _ = cmd();
  await orders()
    .where({ _id: orderId })
    .update({ data: { outbox: _.pull({ id: _.in([...entryIds]) }) } as Patch });
  await orders()
    .where({ _id: orderId, outbox: _.size(0) })
    .update({ data: { outboxPending: false } });
}
