/**
 * An order from creation to the end of its money. Group orders wait in `awaiting_group` after payment;
 * solo orders go straight to `to_ship`. A group that fails sends its paid orders to `refunding`; a
 * payment that lands on a `closed` order is refunded too, so every payment ends fulfilled or refunded.
 *
 * After 成团 an express order is `shipped` and then `received` (the shopper confirms, or 10 days pass); a
 * pickup order is `shipped` to its point, waits there (`at_pickup_point`) and is `picked_up` with its code.
 * Either is `completed` once its after-sales window has closed. After-sales requests are their own
 * aggregate (`after-sale.machine.ts`); one that returns the last of the money refunds the order in full.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const orderStatusSchema = z.enum([
  'pending_payment',
  'awaiting_group',
  'to_ship',
  'shipped',
  'at_pickup_point',
  'received',
  'picked_up',
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
  /** A pickup order's batch reached its point: the shopper may come and collect it. */
  'arrived_at_pickup_point',
  /** The shopper confirmed an express parcel, or nobody did for 10 days after shipping. */
  'received',
  /** The shopper collected a pickup order, its code checked at the point (核销). */
  'picked_up',
  /** The after-sales window after receipt passed with no request open. */
  'window_closed',
  /** Staff refunded what was left of a paid order's money (a full refund after the group succeeded). */
  'refunded_in_full',
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
  to_ship: { shipped: 'shipped', refunded_in_full: 'refunding' },
  shipped: { received: 'received', arrived_at_pickup_point: 'at_pickup_point', refunded_in_full: 'refunding' },
  at_pickup_point: { picked_up: 'picked_up', refunded_in_full: 'refunding' },
  received: { window_closed: 'completed', refunded_in_full: 'refunding' },
  picked_up: { window_closed: 'completed', refunded_in_full: 'refunding' },
  completed: { refunded_in_full: 'refunding' },
  closed: { late_payment: 'refunding' },
  refunding: { refund_confirmed: 'refunded' },
  refunded: {},
});

/** A new order waits for payment in this status. */
export const ORDER_PLACED_STATUS: OrderStatus = 'pending_payment';

/** An order whose money is on its way back, or back. */
export const ORDER_REFUND_STATUSES: readonly OrderStatus[] = orderMachine.reachableFrom('refunding');

/** Orders in these statuses no longer count against a per-user limit: closed, or refunded. */
export const ORDER_RELEASED_STATUSES: readonly OrderStatus[] = [
  orderMachine.transition('payment_timed_out').to,
  ...ORDER_REFUND_STATUSES,
];

/** The paid orders of a group that succeeded, and those moving to it (a repeat finishes what it began). */
export const ORDER_KEPT_STATUSES: readonly OrderStatus[] = [
  ...orderMachine.sourcesOf('group_succeeded'),
  ...orderMachine
    .reachableFrom(orderMachine.transition('group_succeeded').to)
    .filter((status) => !ORDER_REFUND_STATUSES.includes(status)),
];

/**
 * Orders staff may refund, all or part of what was paid: a solo order, or a group order once its group
 * succeeded, before or after shipping. A forming group's order is refunded by closing its group.
 */
export const STAFF_REFUNDABLE_STATUSES: readonly OrderStatus[] = orderMachine.sourcesOf('refunded_in_full');

/** What of an order's payment can still be refunded. */
export const refundableLeft = (order: { readonly total: number; readonly refundedAmount?: number }): number =>
  Math.max(0, order.total - (order.refundedAmount ?? 0));

/** Whether the shopper can still pay the order: it waits for payment and its deadline has not passed. */
export function isPayable(order: { readonly status: OrderStatus; readonly payDeadlineAt: number }, now: number) {
  return orderMachine.sourcesOf('payment_timed_out').includes(order.status) && now < order.payDeadlineAt;
}

export function isAwaitingPayment(status: OrderStatus): boolean {
  return orderMachine.sourcesOf('payment_timed_out').includes(status);
}

/**
 * What a payment does to an order that its fast path (one conditional update) did not move: an order
 * still waiting is applied from what it says; a closed order is refunded (paid too late); an order
 * already refunding is refunded again under the same number (a no-op); any other was applied before.
 */
export type PaymentDisposition = 'apply' | 'refund_late' | 'already_refunding' | 'already_applied';

export function paymentDisposition(status: OrderStatus): PaymentDisposition {
  if (isAwaitingPayment(status)) return 'apply';
  if (orderMachine.sourcesOf('late_payment').includes(status)) return 'refund_late';
  if (ORDER_REFUND_STATUSES.includes(status)) return 'already_refunding';
  return 'already_applied';
}

/** Orders whose goods reached the shopper and whose after-sales window is running (or closing). */
export const ORDER_DELIVERED_STATUSES: readonly OrderStatus[] = orderMachine.sourcesOf('window_closed');

/**
 * Orders a shopper may ask after-sales for: paid and kept, from 待发货 until the window closes (checked
 * against the order's `afterSaleEndsAt` once delivered).
 */
export const AFTER_SALE_STATUSES: readonly OrderStatus[] = [
  ...orderMachine.sourcesOf('shipped'),
  ...orderMachine.sourcesOf('received'),
  ...orderMachine.sourcesOf('picked_up'),
  ...ORDER_DELIVERED_STATUSES,
];

/** What the shopper sees for each status in the order list (the tabs of 订单). */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending_payment: '待付款',
  awaiting_group: '待成团',
  to_ship: '待发货',
  shipped: '已发货',
  at_pickup_point: '待取货',
  received: '已收货',
  picked_up: '已取货',
  completed: '已完成',
  closed: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
};
