/**
 * getOrder: one of the caller's orders, with its group as it stands now and its refund once one is
 * recorded; once shipped, its shipment, receipt and after-sales window, and its pickup code only while it
 * waits at the point. Another shopper's order reads exactly like a missing one (NOT_FOUND), so ids leak nothing.
 * Two rounds of reads: the order, then its group and refund together.
 */
import type { getOrderContract } from '../../contracts/get-order.contract';
import { afterSaleTypesOffered } from '../../domain/after-sale.schema';
import { seatsLeft } from '../../domain/group.machine';
import { ORDER_AT_POINT_STATUS } from '../../domain/fulfilment';
import { isPayable, ORDER_REFUND_STATUSES, ORDER_STATUS_LABELS } from '../../domain/order.machine';
import { DomainError } from '../../kernel/errors';
import { getGroup as findGroup } from '../repositories/group.repository';
import { getOrder as findOrder } from '../repositories/order.repository';
import { getRefundsOf } from '../repositories/refund.repository';
import type { Refund } from '../../domain/refund.schema';
import { add } from '../../kernel/money';
import type { UseCase } from '../runtime/define-function';
import { shipmentView } from './shipment-view';

export const getOrder: UseCase<typeof getOrderContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const order = await findOrder(input.orderId);
  if (!order || order.openid !== ctx.openid) throw new DomainError('NOT_FOUND', `order ${input.orderId}`);
  const refunded = ORDER_REFUND_STATUSES.includes(order.status) || (order.refundCount ?? 0) > 0;
  const [group, refunds] = await Promise.all([
    order.groupId ? findGroup(order.groupId) : null,
    refunded ? getRefundsOf([order._id]) : [],
  ]);
  const refund = refundSummary(refunds);

  return {
    orderId: order._id,
    role: order.role,
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    ...(order.activityId ? { activityId: order.activityId } : {}),
    title: order.title,
    spec: order.spec,
    quantity: order.quantity,
    unitPrice: order.unitPrice,
    total: order.total,
    delivery: order.delivery,
    createdAt: order.createdAt,
    payDeadlineAt: order.payDeadlineAt,
    payable: isPayable(order, now),
    ...(order.paidAt !== undefined ? { paidAt: order.paidAt } : {}),
    ...(order.closedAt !== undefined ? { closedAt: order.closedAt } : {}),
    ...(order.shipment ? { shipment: shipmentView(order.shipment) } : {}),
    ...(order.pickupCode && order.status === ORDER_AT_POINT_STATUS ? { pickupCode: order.pickupCode } : {}),
    ...(order.receivedAt !== undefined ? { receivedAt: order.receivedAt } : {}),
    ...(order.afterSaleEndsAt !== undefined ? { afterSaleEndsAt: order.afterSaleEndsAt } : {}),
    ...(order.completedAt !== undefined ? { completedAt: order.completedAt } : {}),
    ...(order.openAfterSaleId ? { openAfterSaleId: order.openAfterSaleId } : {}),
    afterSaleTypes: [...afterSaleTypesOffered(order, now)],
    ...(group
      ? {
          group: {
            groupId: group._id,
            status: group.status,
            size: group.size,
            seatsPaid: group.seatsPaid,
            seatsLeft: seatsLeft(group),
            deadlineAt: group.deadlineAt,
            ...(group.completedBy ? { completedBy: group.completedBy } : {}),
          },
        }
      : {}),
    ...(refund ? { refund } : {}),
  };
};

/**
 * What the shopper sees of an order's refunds (a failed group's, or the staff's and after-sales' partial ones,
 * oldest first): the total recorded, and the newest one's progress.
 */
function refundSummary(refunds: readonly Refund[]) {
  const newest = refunds.at(-1);
  if (!newest) return undefined;
  return {
    status: newest.status,
    amount: add(...refunds.map((r) => r.amount)),
    requestedAt: newest.createdAt,
    updatedAt: newest.updatedAt,
  };
}
