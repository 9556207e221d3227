import { describe, expect, it } from 'vitest';
import {
  COMMISSION_ADJUSTABLE_STATUSES,
  COMMISSION_DUE_STATUSES,
  COMMISSION_EARNED_STATUS,
  COMMISSION_GROUP_WAITING_STATUSES,
  COMMISSION_KIND_LABELS,
  COMMISSION_PROSPECTIVE_STATUSES,
  COMMISSION_REVERSED_STATUS,
  COMMISSION_SETTLED_STATUSES,
  COMMISSION_STATUS_LABELS,
  COMMISSION_WAITING_STATUS,
  COMMISSION_WITHDRAWABLE_STATUSES,
  commissionEntryId,
  commissionEventSchema,
  commissionKindSchema,
  commissionMachine,
  type CommissionStatus,
  commissionStatusSchema,
} from './commission.machine';

const allowed: Record<string, CommissionStatus> = {
  'pending+group_succeeded': 'earned',
  'pending+group_failed': 'reversed',
  'pending+partially_refunded': 'pending',
  'pending+refunded_in_full': 'reversed',
  'earned+partially_refunded': 'earned',
  'earned+refunded_in_full': 'reversed',
  'earned+window_closed': 'withdrawable',
  'withdrawable+clawed_back': 'withdrawable',
  'withdrawable+covered_by_withdrawal': 'paid_out',
  'paid_out+clawed_back': 'paid_out',
};

describe('commission machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of commissionStatusSchema.options) {
      for (const event of commissionEventSchema.options) {
        const expected = allowed[`${state}+${event}`];
        expect(commissionMachine.next(state, event), `${state}+${event}`).toBe(expected);
        if (expected === undefined) expect(() => commissionMachine.apply(state, event)).toThrow('CONFLICT');
      }
    }
  });

  it('never reverses an entry once withdrawable: a later refund is a clawback, paid out stays paid out', () => {
    expect(commissionMachine.reachableFrom('withdrawable')).toEqual(['withdrawable', 'paid_out']);
    expect(commissionMachine.reachableFrom('paid_out')).toEqual(['paid_out']);
    expect(commissionMachine.sourcesOf('refunded_in_full')).toEqual(['pending', 'earned']);
    expect(commissionStatusSchema.options.filter((s) => commissionMachine.isFinal(s))).toEqual(['reversed']);
  });

  it('names the statuses the repositories filter on and write', () => {
    expect(COMMISSION_WAITING_STATUS).toBe('pending');
    expect(COMMISSION_EARNED_STATUS).toBe('earned');
    expect(COMMISSION_REVERSED_STATUS).toBe('reversed');
    expect(COMMISSION_GROUP_WAITING_STATUSES).toEqual(['pending']);
    expect(COMMISSION_ADJUSTABLE_STATUSES).toEqual(['pending', 'earned']);
    expect(COMMISSION_PROSPECTIVE_STATUSES).toEqual(['pending', 'earned']);
    expect(COMMISSION_DUE_STATUSES).toEqual(['earned']);
    expect(COMMISSION_SETTLED_STATUSES).toEqual(['withdrawable', 'paid_out']);
    expect(COMMISSION_WITHDRAWABLE_STATUSES).toEqual(['withdrawable']);
  });

  it('has a Chinese label for every status and kind', () => {
    expect(Object.keys(COMMISSION_STATUS_LABELS)).toEqual(commissionStatusSchema.options);
    expect(Object.keys(COMMISSION_KIND_LABELS)).toEqual(commissionKindSchema.options);
    expect(COMMISSION_STATUS_LABELS.earned).toBe('已确认');
  });

  it('keys an entry by its kind and its order or group: one per (source, kind), whoever the leader', () => {
    const order = 'O20261125203000k3j9x0qa';
    const ids = commissionKindSchema.options.map((kind) => commissionEntryId(kind, order));
    expect(ids).toEqual([`CO${order}`, `CP${order}`, `CB${order}`]);
    expect(new Set(ids).size).toBe(3);
    expect(commissionEntryId('group_opener', order)).toBe(commissionEntryId('group_opener', order));
    expect(commissionEntryId('group_opener', order).length).toBeLessThanOrEqual(64);
  });
});
