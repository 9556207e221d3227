import { describe, expect, it } from 'vitest';
import { DomainError } from '../kernel/errors';
import { parseBusinessTime } from '../kernel/time';
import {
  groupDeadline,
  groupEventSchema,
  groupMachine,
  type GroupStatus,
  groupStatusSchema,
  seatsLeft,
} from './group.machine';
import {
  ORDER_STATUS_LABELS,
  orderEventSchema,
  orderMachine,
  type OrderStatus,
  orderStatusSchema,
} from './order.machine';

const allowedGroup: Record<string, GroupStatus> = {
  'pending+leader_paid': 'forming',
  'pending+leader_order_closed': 'abandoned',
  'pending+cancelled': 'abandoned',
  'forming+filled': 'succeeded',
  'forming+deadline_passed': 'failed',
  'forming+cancelled': 'failed',
};

const allowedOrder: Record<string, OrderStatus> = {
  'pending_payment+paid_group': 'awaiting_group',
  'pending_payment+paid_solo': 'to_ship',
  'pending_payment+payment_timed_out': 'closed',
  'pending_payment+cancelled': 'closed',
  'awaiting_group+group_succeeded': 'to_ship',
  'awaiting_group+group_failed': 'refunding',
  'to_ship+shipped': 'shipped',
  'shipped+received': 'completed',
  'closed+late_payment': 'refunding',
  'refunding+refund_confirmed': 'refunded',
};

describe('group machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of groupStatusSchema.options) {
      for (const event of groupEventSchema.options) {
        const expected = allowedGroup[`${state}+${event}`];
        expect(groupMachine.next(state, event), `${state}+${event}`).toBe(expected);
        if (expected === undefined) expect(() => groupMachine.apply(state, event)).toThrow(DomainError);
        else expect(groupMachine.apply(state, event)).toBe(expected);
      }
    }
  });

  it('ends in succeeded, failed or abandoned', () => {
    expect(groupStatusSchema.options.filter((s) => groupMachine.isFinal(s))).toEqual([
      'succeeded',
      'failed',
      'abandoned',
    ]);
    expect(groupMachine.sourcesOf('cancelled')).toEqual(['pending', 'forming']);
  });

  it('closes at min(openedAt + validity, activity end), in Shanghai time', () => {
    const opened = parseBusinessTime('2026-11-25 21:30');
    expect(groupDeadline(opened, 24, parseBusinessTime('2026-12-31 00:00'))).toBe(
      parseBusinessTime('2026-11-26 21:30'),
    );
    expect(groupDeadline(opened, 24, parseBusinessTime('2026-11-26 12:00'))).toBe(
      parseBusinessTime('2026-11-26 12:00'),
    );
  });

  it('counts seats left and never goes below zero', () => {
    expect(seatsLeft({ size: 5, seatsTaken: 3 })).toBe(2);
    expect(seatsLeft({ size: 5, seatsTaken: 7 })).toBe(0);
  });
});

describe('order machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of orderStatusSchema.options) {
      for (const event of orderEventSchema.options) {
        const expected = allowedOrder[`${state}+${event}`];
        expect(orderMachine.next(state, event), `${state}+${event}`).toBe(expected);
        if (expected === undefined)
          expect(() => orderMachine.apply(state, event, 'ORDER_NOT_PAYABLE')).toThrow('ORDER_NOT_PAYABLE');
      }
    }
  });

  it('ends every paid path fulfilled or refunded', () => {
    expect(orderStatusSchema.options.filter((s) => orderMachine.isFinal(s))).toEqual(['completed', 'refunded']);
    expect(orderMachine.sourcesOf('group_failed')).toEqual(['awaiting_group']);
  });

  it('labels every status for the order tabs', () => {
    expect(Object.keys(ORDER_STATUS_LABELS).sort()).toEqual([...orderStatusSchema.options].sort());
    expect(ORDER_STATUS_LABELS.awaiting_group).toBe('待成团');
  });
});
