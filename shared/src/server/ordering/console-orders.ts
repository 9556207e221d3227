/** How the console shows an order: its delivery in full (staff deliver it), the shopper only by a short id. */
import type { ConsoleOrder } from '../../contracts/admin';
import { ORDER_STATUS_LABELS } from '../../domain/order.machine';
import type { Order } from '../../domain/order.schema';
import { fen } from '../../kernel/money';

/** `o-abc…xyz`: enough to tell two shoppers apart, not to act as one. */
const shortOpenid = (openid: string) => (openid.length <= 10 ? openid : `${openid.slice(0, 5)}…${openid.slice(-3)}`);

export function consoleOrder(order: Order): ConsoleOrder {
  return {
    orderId: order._id,
    ...(order.groupId ? { groupId: order.groupId } : {}),
    ...(order.activityId ? { activityId: order.activityId } : {}),
    merchantId: order.merchantId,
    role: order.role,
    title: order.title,
    spec: order.spec,
    quantity: order.quantity,
    unitPrice: order.unitPrice,
    total: order.total,
    refundedAmount: fen(order.refundedAmount ?? 0),
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    shopper: shortOpenid(order.openid),
    delivery: order.delivery,
    createdAt: order.createdAt,
    ...(order.paidAt ? { paidAt: order.paidAt } : {}),
  };
}
