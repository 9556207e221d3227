/**
 * confirmReceipt (确认收货): the shopper's own express parcel, on its way, is received now, with its
 * after-sales window (`AFTER_SALE_WINDOW_DAYS`, 7 unless configured). One update conditional on the order being
 * theirs and still on its way: racing completeOrders' receipt after 10 days, one of them moves it and writes
 * its history; the other, like any repeat, answers the order as received. Another shopper's order reads as
 * NOT_FOUND.
 */
import type { confirmReceiptContract } from '../../contracts/confirm-receipt.contract';
import { receiptAt, receiptDecision } from '../../domain/fulfilment';
import { ORDER_STATUS_LABELS } from '../../domain/order.machine';
import type { Order } from '../../domain/order.schema';
import { DomainError } from '../../kernel/errors';
import { receiveParcel } from '../repositories/order-fulfilment.repository';
import { getOrder } from '../repositories/order.repository';
import type { UseCase } from '../runtime/define-function';
import { afterSaleWindow } from './after-sale-window';

export const confirmReceipt: UseCase<typeof confirmReceiptContract> = async (input, ctx) => {
  const mine = async (): Promise<Order> => {
    const order = await getOrder(input.orderId);
    if (!order || order.openid !== ctx.openid) throw new DomainError('NOT_FOUND', `order ${input.orderId}`);
    return order;
  };
  let order = await mine();
  if (receiptDecision(order) === 'receive') {
    await receiveParcel(order._id, ctx.openid, receiptAt(ctx.clock.now(), afterSaleWindow()));
    order = await mine();
  }
  if (receiptDecision(order) !== 'already' || order.receivedAt === undefined || order.afterSaleEndsAt === undefined) {
    throw new DomainError('ORDER_NOT_RECEIVABLE', `order ${order._id} is ${order.status}`);
  }
  return {
    orderId: order._id,
    status: order.status,
    statusLabel: ORDER_STATUS_LABELS[order.status],
    receivedAt: order.receivedAt,
    afterSaleEndsAt: order.afterSaleEndsAt,
  };
};
