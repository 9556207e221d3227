/**
 * getOrderDetail (console): one order with its timeline (every state change: when, what, who), its payment,
 * its refunds, and its shipment, receipt and after-sales window once shipped (never the pickup code). A merchant reads only its own (another merchant's order is NOT_FOUND).
 */
import type { getOrderDetailContract } from '../../contracts/admin';
import { refundableLeft, STAFF_REFUNDABLE_STATUSES } from '../../domain/order.machine';
import { fen } from '../../kernel/money';
import { ownsMerchant } from '../runtime/staff-scope';
import { consoleRefund } from './console-refunds';
import { getOrder } from '../repositories/order.repository';
import { listPaymentsOf } from '../repositories/payment.repository';
import { listRefundsOf } from '../repositories/refund.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleOrder } from './console-orders';
import { shipmentView } from './shipment-view';

export const getOrderDetail: AdminUseCase<typeof getOrderDetailContract> = async (input, ctx) => {
  const order = ownsMerchant(ctx, await getOrder(input.orderId), `order ${input.orderId}`);
  const [payments, refunds] = await Promise.all([listPaymentsOf(order._id), listRefundsOf(order._id)]);
  const payment = payments.find((p) => p.transactionId === order.transactionId) ?? payments[0];
  const left = refundableLeft(order);
  return {
    order: {
      ...consoleOrder(order),
      payDeadlineAt: order.payDeadlineAt,
      ...(order.closeReason ? { closeReason: order.closeReason } : {}),
      ...(order.shipment ? { shipment: shipmentView(order.shipment) } : {}),
      ...(order.receivedAt !== undefined ? { receivedAt: order.receivedAt } : {}),
      ...(order.afterSaleEndsAt !== undefined ? { afterSaleEndsAt: order.afterSaleEndsAt } : {}),
      ...(order.completedAt !== undefined ? { completedAt: order.completedAt } : {}),
    },
    timeline: order.history ?? [],
    ...(payment
      ? {
          payment: {
            transactionId: payment.transactionId,
            totalFee: fen(payment.totalFee),
            receivedAt: payment.receivedAt,
            outcome: payment.outcome,
          },
        }
      : {}),
    refunds: refunds.map(consoleRefund),
    refundableLeft: fen(left),
    refundable: STAFF_REFUNDABLE_STATUSES.includes(order.status) && left > 0 && order.transactionId !== undefined,
  };
};
