/**
 * Placing an order, shared by openGroup, joinGroup and buySolo. The order is written first, then its
 * holds are taken one conditional update at a time (seat, stock, per-user quota), then CloudPay prepays
 * the total computed here. If a hold is refused, the holds already taken are released and the order is
 * removed; if the function dies halfway, the order stays `pending_payment` with whatever it holds, and
 * closing unpaid orders releases exactly those holds (every release is keyed by the order id).
 */
import type { Delivery, DeliveryRequest } from '../../domain/delivery.schema';
import { pickupRefusal } from '../../domain/pickup-point.machine';
import { ORDER_PLACED_STATUS, ORDER_RELEASED_STATUSES } from '../../domain/order.machine';
import type { Order } from '../../domain/order.schema';
import type { User } from '../../domain/user.schema';
import { attachOf, encodeAttach } from '../../domain/payment-attach';
import { PAYMENT_WINDOW_MINUTES, stockRefFor } from '../../domain/order.schema';
import type { OrderPrice } from '../../domain/pricing';
import { DomainError } from '../../kernel/errors';
import { addMinutes } from '../../kernel/time';
import { type PaymentParams, prepay } from '../cloudbase/cloud-pay';
import { getPickupPoint } from '../repositories/catalog.repository';
import { insertOrder, orderStatuses, removeUnplacedOrder } from '../repositories/order.repository';
import { releaseStock, reserveStock } from '../repositories/stock.repository';
import { createUser, getUser, holdQuota, type QuotaHold, releaseQuota } from '../repositories/user.repository';
import { newId } from '../runtime/ids';

/**
 * Resolves the shopper's delivery on the server: a pickup point's place comes from the database, and a
 * deactivated point takes no new orders (PICKUP_POINT_INACTIVE); orders already there keep their copy.
 */
export async function resolveDelivery(request: DeliveryRequest): Promise<Delivery> {
  if (request.kind === 'address') return request;
  const point = await getPickupPoint(request.pickupPointId);
  const refusal = pickupRefusal(point);
  if (refusal || !point) throw new DomainError(refusal ?? 'NOT_FOUND', `pickup point ${request.pickupPointId}`);
  return { ...request, name: point.name, address: point.address, district: point.district, location: point.location };
}

export type OrderDraft = Pick<
  Order,
  | 'openid'
  | 'role'
  | 'activityId'
  | 'groupId'
  | 'skuId'
  | 'productId'
  | 'merchantId'
  | 'title'
  | 'spec'
  | 'stockMode'
  | 'delivery'
> & { readonly price: OrderPrice; readonly referrerRef?: string | undefined };

/** A new order, awaiting payment for 15 minutes, its total computed here from the server's price. */
export function draftOrder(draft: OrderDraft, now: number): Order {
  const { price, referrerRef, ...fields } = draft;
  return {
    ...fields,
    ...(referrerRef ? { referrerRef } : {}),
    _id: newId('O', now),
    status: ORDER_PLACED_STATUS,
    quantity: price.quantity,
    unitPrice: price.unitPrice,
    total: price.total,
    stock: stockRefFor(draft.stockMode, draft.skuId, draft.activityId),
    payDeadlineAt: addMinutes(now, PAYMENT_WINDOW_MINUTES),
    ...(draft.delivery.kind === 'address' ? { phoneLast4: draft.delivery.phone.slice(-4) } : {}),
    history: [{ at: now, event: 'placed', status: ORDER_PLACED_STATUS, by: 'shopper' }],
    createdAt: now,
    updatedAt: now,
  };
}

/** Gives back everything an order may hold. Each release is a no-op when the hold is not there. */
export async function releaseOrderHolds(order: Order): Promise<void> {
  await releaseStock(order.stock, { orderId: order._id, quantity: order.quantity });
  if (order.activityId) await releaseQuota(order.openid, order._id, order.activityId, order.quantity);
}

/**
 * Gives back the quota still held by orders that closed or were refunded without releasing it (a failed
 * group's orders are settled in bulk, so their quota is returned here, when it matters). True if any was.
 */
async function reconcileQuota(user: User): Promise<boolean> {
  const holds = Object.entries(user.quotaHolds);
  const statuses = await orderStatuses(holds.map(([orderId]) => orderId));
  let released = false;
  for (const [orderId, hold] of holds) {
    const status = statuses.get(orderId);
    if (status === undefined || ORDER_RELEASED_STATUSES.includes(status)) {
      released = (await releaseQuota(user._id, orderId, hold.activityId, hold.quantity)) || released;
    }
  }
  return released;
}

/** Holds the per-user quota, creating the user on their first order. */
async function takeQuota(openid: string, hold: QuotaHold, now: number): Promise<void> {
  if (await holdQuota(openid, hold)) return;
  const user = await getUser(openid);
  if (!user) {
    await createUser(openid, now);
    if (await holdQuota(openid, hold)) return;
  } else if (await reconcileQuota(user)) {
    if (await holdQuota(openid, hold)) return;
  }
  const refused = user ?? (await getUser(openid));
  throw new DomainError(
    hold.newCustomerOnly && refused?.firstPaidAt !== undefined ? 'NEW_CUSTOMER_ONLY' : 'LIMIT_EXCEEDED',
    `quota for ${hold.activityId}`,
  );
}

export interface Placement {
  readonly order: Order;
  /** The quota to hold (activity orders), or none (solo orders). */
  readonly quota?: QuotaHold;
  /** Runs after the order is written and before the quota and stock holds: create the group, take a seat. */
  readonly beforeHolds?: () => Promise<void>;
  /** Undoes `beforeHolds` when a later hold is refused. */
  readonly undoBeforeHolds?: () => Promise<void>;
}

/**
 * CloudPay's prepay for the order. Asking again with the same order gives the same prepay back (CloudPay
 * answers a repeated out_trade_no with identical parameters with the prepay it already has), which is
 * how an unpaid order is paid later (payOrder).
 */
export function prepayOrder(order: Order): Promise<PaymentParams> {
  const attach = encodeAttach(attachOf(order));
  return prepay({
    outTradeNo: order._id,
    totalFee: order.total,
    body: `山城拼团-${order.title}`,
    ...(attach ? { attach } : {}),
  });
}

export async function placeOrder(placement: Placement, now: number): Promise<PaymentParams> {
  const { order } = placement;
  await insertOrder(order);
  let holding = false;
  try {
    await placement.beforeHolds?.();
    holding = true;
    // Stock before quota: a shopper refused for stock has touched nothing of theirs.
    if (!(await reserveStock(order.stock, { orderId: order._id, quantity: order.quantity }))) {
      throw new DomainError('OUT_OF_STOCK', `${order.stock.kind}/${order.stock.id}`);
    }
    if (placement.quota) await takeQuota(order.openid, placement.quota, now);
    else await createUser(order.openid, now);
    return await prepayOrder(order);
  } catch (error) {
    if (holding) {
      // Every release is a no-op for a hold that was not taken.
      await releaseOrderHolds(order);
      await placement.undoBeforeHolds?.();
    }
    // The order never reached the shopper: remove it rather than leave a closed order in their list.
    await removeUnplacedOrder(order._id);
    throw error;
  }
}
