/**
 * payOrder: the payment params for one of the caller's unpaid orders, to pay it from the order list or
 * detail after leaving the checkout (cancelled payment, app closed). Two round trips: the order, then
 * CloudPay's prepay for the same order number and amount, which answers with the prepay it already has.
 * Another shopper's order reads as missing; a paid, closed or overdue one is ORDER_NOT_PAYABLE.
 */
import type { payOrderContract } from '../../contracts/pay-order.contract';
import { isPayable } from '../../domain/order.machine';
import { DomainError } from '../../kernel/errors';
import { getOrder } from '../repositories/order.repository';
import type { UseCase } from '../runtime/define-function';
import { prepayOrder } from './order-placement';

export const payOrder: UseCase<typeof payOrderContract> = async (input, ctx) => {
  const order = await getOrder(input.orderId);
  if (!order || order.openid !== ctx.openid) throw new DomainError('NOT_FOUND', `order ${input.orderId}`);
  if (!isPayable(order, ctx.clock.now())) {
    throw new DomainError('ORDER_NOT_PAYABLE', `order ${order._id} is ${order.status}`);
  }
  return { orderId: order._id, total: order.total, payment: await prepayOrder(order) };
};
