import { describe, expect, it } from 'vitest';
import { DomainError } from '../kernel/errors';
import { parseBusinessTime } from '../kernel/time';
import {
  GROUP_LIVE_STATUSES,
  GROUP_OPEN_STATUSES,
  GROUP_PUBLIC_STATUSES,
  groupDeadline,
  groupEventSchema,
  groupMachine,
  type GroupStatus,
  groupStatusSchema,
  groupTransition,
  isJoinable,
  openGroupTransition,
  paySeat,
  refusedSeat,
  type SeatPayer,
  seatPaymentCases,
  seatPaymentOutbox,
  seatRefusal,
  seatsLeft,
  type SeatView,
} from './group.machine';

const allowed: Record<string, GroupStatus> = {
  'pending+leader_paid': 'forming',
  'pending+leader_order_closed': 'abandoned',
  'pending+cancelled': 'abandoned',
  'forming+filled': 'succeeded',
  'forming+deadline_passed': 'failed',
  'forming+cancelled': 'failed',
  'forming+deadline_extended': 'forming',
  'forming+platform_completed': 'succeeded',
};

describe('group machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of groupStatusSchema.options) {
      for (const event of groupEventSchema.options) {
        const expected = allowed[`${state}+${event}`];
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
  });

  it('names the statuses the repositories filter on', () => {
    expect(GROUP_OPEN_STATUSES).toEqual(['forming']);
    expect(GROUP_LIVE_STATUSES).toEqual(['pending', 'forming']);
    expect(GROUP_PUBLIC_STATUSES).toEqual(['forming', 'succeeded', 'failed']);
  });

  it('gives each batch transition its sources, target and messages', () => {
    expect(groupTransition('deadline_passed', 5)).toEqual({
      from: ['forming'],
      to: 'failed',
      outbox: [{ id: 'group_failed', event: 'group_failed', audience: 'members', at: 5 }],
    });
    expect(groupTransition('leader_order_closed', 5)).toEqual({ from: ['pending'], to: 'abandoned', outbox: [] });
    expect(() => groupTransition('cancelled', 5)).toThrow('no single target');
  });

  it('gives each intervention on an open group its sources, target and messages', () => {
    expect(openGroupTransition('cancelled', 5)).toEqual({
      from: ['forming'],
      to: 'failed',
      outbox: [{ id: 'group_closed', event: 'group_closed', audience: 'members', at: 5 }],
    });
    expect(openGroupTransition('deadline_extended', 5, '9000')).toEqual({
      from: ['forming'],
      to: 'forming',
      outbox: [{ id: 'deadline_extended:9000', event: 'deadline_extended', audience: 'members', at: 5 }],
    });
    expect(openGroupTransition('platform_completed', 5)).toEqual({
      from: ['forming'],
      to: 'succeeded',
      outbox: [{ id: 'platform_completed', event: 'platform_completed', audience: 'members', at: 5 }],
    });
    expect(() => openGroupTransition('leader_paid', 5)).toThrow('no single target from an open group');
  });

  it('keeps the statuses an intervention leaves a group in among those the public sees', () => {
    for (const event of ['cancelled', 'deadline_extended', 'platform_completed'] as const) {
      expect(GROUP_PUBLIC_STATUSES).toContain(openGroupTransition(event, 0).to);
    }
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

describe('seats', () => {
  const now = 1_000;
  const group = (overrides: Partial<SeatView> = {}): SeatView => ({
    status: 'forming',
    deadlineAt: now + 1,
    seatsTaken: 2,
    size: 3,
    memberOpenids: ['leader', 'm1'],
    leaderOpenid: 'leader',
    ...overrides,
  });

  it('refuses a seat with the reason a shopper reads, or takes it', () => {
    expect(seatRefusal(group(), 'me', now)).toBeUndefined();
    expect(isJoinable(group(), 'me', now)).toBe(true);
    expect(seatRefusal(group(), 'leader', now)).toBe('OWN_GROUP');
    expect(seatRefusal(group(), 'm1', now)).toBe('ALREADY_JOINED');
    expect(seatRefusal(group({ status: 'pending' }), 'me', now)).toBe('GROUP_NOT_JOINABLE');
    expect(seatRefusal(group({ status: 'abandoned' }), 'me', now)).toBe('GROUP_NOT_JOINABLE');
    expect(seatRefusal(group({ status: 'succeeded' }), 'me', now)).toBe('GROUP_SUCCEEDED');
    expect(seatRefusal(group({ status: 'failed' }), 'me', now)).toBe('GROUP_EXPIRED');
    expect(seatRefusal(group({ deadlineAt: now }), 'me', now)).toBe('GROUP_EXPIRED');
    expect(seatRefusal(group({ seatsTaken: 3 }), 'me', now)).toBe('GROUP_FULL');
    expect(isJoinable(group({ seatsTaken: 3 }), 'me', now)).toBe(false);
  });

  it('says a seat lost to a race was refused because the group was full', () => {
    expect(refusedSeat(group(), 'me', now)).toBe('GROUP_FULL');
    expect(refusedSeat(group({ status: 'succeeded' }), 'me', now)).toBe('GROUP_SUCCEEDED');
  });

  it('decides every seat payment: the leader opens the group, the last seat succeeds it', () => {
    expect(paySeat({ status: 'pending', seatsToPay: 5 }, 'leader')).toEqual({
      to: 'forming',
      event: 'leader_paid',
      messages: ['group_opened'],
    });
    expect(paySeat({ status: 'pending', seatsToPay: 2 }, 'leader')).toEqual({
      to: 'forming',
      event: 'leader_paid',
      messages: ['group_opened', 'one_seat_left'],
    });
    expect(paySeat({ status: 'forming', seatsToPay: 3 }, 'member')).toEqual({
      to: 'forming',
      messages: ['member_joined'],
    });
    expect(paySeat({ status: 'forming', seatsToPay: 2 }, 'member')).toEqual({
      to: 'forming',
      messages: ['member_joined', 'one_seat_left'],
    });
    expect(paySeat({ status: 'forming', seatsToPay: 1 }, 'member')).toEqual({
      to: 'succeeded',
      event: 'filled',
      messages: ['member_joined', 'group_succeeded'],
    });
    expect(paySeat({ status: 'forming', seatsToPay: 0 }, 'member')).toBeUndefined();
    expect(paySeat({ status: 'pending', seatsToPay: 3 }, 'member')).toBeUndefined();
    expect(paySeat({ status: 'forming', seatsToPay: 3 }, 'leader')).toBeUndefined();
  });

  it('lists, as conditions, exactly the outcomes paySeat decides, for every status, count and payer', () => {
    for (const payer of ['leader', 'member'] as SeatPayer[]) {
      const cases = seatPaymentCases(payer);
      for (const status of groupStatusSchema.options) {
        for (let seatsToPay = 0; seatsToPay <= 51; seatsToPay++) {
          const matching = cases.filter(
            (c) =>
              c.from === status &&
              ('eq' in c.seatsToPay ? seatsToPay === c.seatsToPay.eq : seatsToPay > c.seatsToPay.gt),
          );
          const decided = paySeat({ status, seatsToPay }, payer);
          expect(matching.length, `${payer} ${status} ${seatsToPay}`).toBe(decided ? 1 : 0);
          expect(matching[0]?.payment).toEqual(decided);
        }
      }
    }
  });

  it('writes the messages a seat payment causes, naming the payer who joined', () => {
    const payment = paySeat({ status: 'forming', seatsToPay: 2 }, 'member');
    expect(payment && seatPaymentOutbox(payment, 'o-m2', 7)).toEqual([
      { id: 'member_joined:o-m2', event: 'member_joined', audience: 'leader', at: 7 },
      { id: 'one_seat_left', event: 'one_seat_left', audience: 'members', at: 7 },
    ]);
  });
});
