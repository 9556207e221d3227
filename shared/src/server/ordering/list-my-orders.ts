/** listMyOrders: the caller's orders, newest first, filtered by the 我的订单 tab; one database round trip. */
import type { listMyOrdersContract } from '../../contracts/list-my-orders.contract';
import { ORDER_STATUS_LABELS } from '../../domain/order.machine';
import { ORDER_TAB_STATUSES } from '../../domain/order-tab';
import { listOrdersOf } from '../repositories/order-listing.repository';
import type { UseCase } from '../runtime/define-function';

export const listMyOrders: UseCase<typeof listMyOrdersContract> = async (input, ctx) => {
  const orders = await listOrdersOf(ctx.openid, ORDER_TAB_STATUSES[input.status], {
    offset: input.offset,
    limit: input.limit + 1,
  });
  return {
    items: orders.slice(0, input.limit).map((order) => ({
      orderId: order._id,
      role: order.role,
      title: order.title,
      spec: order.spec,
      quantity: order.quantity,
      unitPrice: order.unitPrice,
      total: order.total,
      status: order.status,
      statusLabel: ORDER_STATUS_LABELS[order.status],
      ...(order.groupId ? { groupId: order.groupId } : {}),
      createdAt: order.createdAt,
      payDeadlineAt: order.payDeadlineAt,
    })),
    hasMore: orders.length > input.limit,
  };
};
