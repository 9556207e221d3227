/**
 * 核销, shared by the console's verifyPickup and the 团长's verifyPickupAtPoint: the code a shopper shows at a
 * point finds its order through the code's claim, and the order is collected by one update conditional on it
 * waiting at this point with this code, so of any number of scans at once one hands it over and the others
 * answer that it was collected, and when. Collection is receipt: the after-sales window starts now; commissions
 * do not move with it (an order's entries become withdrawable when its window closes: completeOrders). A wrong
 * code, another point's order, or one the actor may not act on is PICKUP_CODE_INVALID, and nothing changes.
 */
import { receiptAt, verifyPickupCode } from '../../domain/fulfilment';
import type { Order, OrderActor } from '../../domain/order.schema';
import { DomainError } from '../../kernel/errors';
import { collectAtPoint } from '../repositories/order-fulfilment.repository';
import { getOrder } from '../repositories/order.repository';
import { orderOfCode } from '../repositories/pickup-code.repository';
import { afterSaleWindow } from './after-sale-window';
import { mayActAtPickupPoint, type PickupPointActor } from './pickup-point-access';

export interface PickupCheck {
  readonly pickupPointId: string;
  readonly code: string;
  /** Who checks it: staff in the console or the point's keeper (`mayActAtPickupPoint`). */
  readonly actor: PickupPointActor;
  /** Who the order's history names. */
  readonly by: OrderActor;
  readonly now: number;
}

export interface PickupHandover {
  /** `collected` by this check, or `already_collected` before it (at `collectedAt`). */
  readonly outcome: 'collected' | 'already_collected';
  readonly collectedAt: number;
  /** The order as the check found it, and as it is after. */
  readonly before: Order;
  readonly after: Order;
}

export async function handOverAtPoint(check: PickupCheck): Promise<PickupHandover> {
  const { pickupPointId, code, now } = check;
  const invalid = () => new DomainError('PICKUP_CODE_INVALID', `${pickupPointId}/${code}`);
  const orderId = await orderOfCode(pickupPointId, code);
  const order = orderId ? await getOrder(orderId) : null;
  if (!order || !mayActAtPickupPoint(check.actor, { pickupPointId, merchantId: order.merchantId })) throw invalid();
  let verdict = verifyPickupCode(order, pickupPointId, code);
  let after = order;
  if (verdict.kind === 'pick_up') {
    const collected = await collectAtPoint(order._id, pickupPointId, code, receiptAt(now, afterSaleWindow()), check.by);
    after = (await getOrder(order._id)) ?? order;
    verdict = collected ? verdict : verifyPickupCode(after, pickupPointId, code);
  }
  if (verdict.kind === 'invalid') throw invalid();
  return {
    outcome: verdict.kind === 'pick_up' ? 'collected' : 'already_collected',
    collectedAt: verdict.kind === 'already' ? verdict.collectedAt : (after.receivedAt ?? now),
    before: order,
    after,
  };
}
