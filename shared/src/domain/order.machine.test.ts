import { describe, expect, it } from 'vitest';
import {
  AFTER_SALE_STATUSES,
  isPayable,
  ORDER_DELIVERED_STATUSES,
  ORDER_KEPT_STATUSES,
  ORDER_REFUND_STATUSES,
  ORDER_RELEASED_STATUSES,
  ORDER_STATUS_LABELS,
  orderEventSchema,
  orderMachine,
  type OrderStatus,
  orderStatusSchema,
  paymentDisposition,
} from './order.machine';

const allowed: Record<string, OrderStatus> = {
  'pending_payment+paid_group': 'awaiting_group',
  'pending_payment+paid_solo': 'to_ship',
  'pending_payment+payment_timed_out': 'closed',
  'pending_payment+cancelled': 'closed',
  'awaiting_group+group_succeeded': 'to_ship',
  'awaiting_group+group_failed': 'refunding',
  'to_ship+shipped': 'shipped',
  'shipped+received': 'received',
  'shipped+arrived_at_pickup_point': 'at_pickup_point',
  'at_pickup_point+picked_up': 'picked_up',
  'received+window_closed': 'completed',
  'picked_up+window_closed': 'completed',
  'at_pickup_point+refunded_in_full': 'refunding',
  'received+refunded_in_full': 'refunding',
  'picked_up+refunded_in_full': 'refunding',
  'closed+late_payment': 'refunding',
  'refunding+refund_confirmed': 'refunded',
  'to_ship+refunded_in_full': 'refunding',
  'shipped+refunded_in_full': 'refunding',
  'completed+refunded_in_full': 'refunding',
};

describe('order machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of orderStatusSchema.options) {
      for (const event of orderEventSchema.options) {
        const expected = allowed[`${state}+${event}`];
        expect(orderMachine.next(state, event), `${state}+${event}`).toBe(expected);
        if (expected === undefined)
          expect(() => orderMachine.apply(state, event, 'ORDER_NOT_PAYABLE')).toThrow('ORDER_NOT_PAYABLE');
      }
    }
  });

  it('ends every paid path fulfilled or refunded', () => {
    expect(orderStatusSchema.options.filter((s) => orderMachine.isFinal(s))).toEqual(['refunded']);
    expect(orderMachine.reachableFrom('completed')).toEqual(['completed', 'refunding', 'refunded']);
    expect(orderMachine.sourcesOf('group_failed')).toEqual(['awaiting_group']);
  });

  it('names the statuses the use cases and repositories filter on', () => {
    expect(ORDER_REFUND_STATUSES).toEqual(['refunding', 'refunded']);
    expect(ORDER_RELEASED_STATUSES).toEqual(['closed', 'refunding', 'refunded']);
    expect(ORDER_KEPT_STATUSES).toEqual([
      'awaiting_group',
      'to_ship',
      'shipped',
      'at_pickup_point',
      'received',
      'picked_up',
      'completed',
    ]);
    expect(ORDER_DELIVERED_STATUSES).toEqual(['received', 'picked_up']);
    expect(AFTER_SALE_STATUSES).toEqual(['to_ship', 'shipped', 'at_pickup_point', 'received', 'picked_up']);
  });

  it('is payable only while it waits for payment, before its deadline', () => {
    expect(isPayable({ status: 'pending_payment', payDeadlineAt: 10 }, 9)).toBe(true);
    expect(isPayable({ status: 'pending_payment', payDeadlineAt: 10 }, 10)).toBe(false);
    for (const status of orderStatusSchema.options.filter((s) => s !== 'pending_payment'))
      expect(isPayable({ status, payDeadlineAt: 10 }, 0)).toBe(false);
  });

  it('decides what a payment does to an order in every status', () => {
    const decided = Object.fromEntries(orderStatusSchema.options.map((s) => [s, paymentDisposition(s)]));
    expect(decided).toEqual({
      pending_payment: 'apply',
      awaiting_group: 'already_applied',
      to_ship: 'already_applied',
      shipped: 'already_applied',
      at_pickup_point: 'already_applied',
      received: 'already_applied',
      picked_up: 'already_applied',
      completed: 'already_applied',
      closed: 'refund_late',
      refunding: 'already_refunding',
      refunded: 'already_refunding',
    });
  });

  it('labels every status for the order tabs', () => {
    expect(Object.keys(ORDER_STATUS_LABELS).sort()).toEqual([...orderStatusSchema.options].sort());
    expect(ORDER_STATUS_LABELS.awaiting_group).toBe('待成团');
  });
});
