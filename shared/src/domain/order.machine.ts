/**
 * An order from creation to the end of its money. Group orders wait in `awaiting_group` after payment;
 * solo orders go straight to `to_ship`. A group that fails sends its paid orders to `refunding`; a
 * payment that lands on a `closed` order is refunded too, so every payment ends fulfilled or refunded.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const orderStatusSchema = z.enum([
  'pending_payment',
  'awaiting_group',
  'to_ship',
  'shipped',
  'completed',
  'closed',
  'refunding',
  'refunded',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;

export const orderEventSchema = z.enum([
  'paid_group',
  'paid_solo',
  'group_succeeded',
  'group_failed',
  'payment_timed_out',
  'cancelled',
  'late_payment',
  'refund_confirmed',
  'shipped',
  'received',
]);
export type OrderEvent = z.infer<typeof orderEventSchema>;

export const orderMachine = defineMachine<OrderStatus, OrderEvent>('order', {
  pending_payment: {
    paid_group: 'awaiting_group',
    paid_solo: 'to_ship',
    payment_timed_out: 'closed',
    cancelled: 'closed',
  },
  awaiting_group: { group_succeeded: 'to_ship', group_failed: 'refunding' },
  to_ship: { shipped: 'shipped' },
  shipped: { received: 'completed' },
  completed: {},
  closed: { late_payment: 'refunding' },
  refunding: { refund_confirmed: 'refunded' },
  refunded: {},
});

/** What the shopper sees for each status in the order list (the tabs of 订单). */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  awaiting_group: '待成团',
  to_ship: '待发货',
  shipped: '已发货',
  completed: '已完成',
  closed: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
};
