import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../kernel/errors';
import { fen, formatYuan } from '../kernel/money';
import { parseBusinessTime } from '../kernel/time';
import type { CommissionStatus } from './commission.machine';
import type { WithdrawalStatus } from './withdrawal.machine';
import {
  askedToday,
  decideWithdrawalReview,
  leaderBalance,
  maxWithdrawal,
  newWithdrawal,
  WITHDRAWAL_DAY_COUNTED_STATUSES,
  WITHDRAWAL_LIMITS,
  withdrawalDayStart,
  withdrawalRefusal,
  withdrawalSchema,
} from './withdrawal.schema';

const NOW = parseBusinessTime('2026-12-02 20:30');
const entry = (status: CommissionStatus, amount: number, clawedBack = 0) => ({
  status,
  amount: fen(amount),
  clawedBack: fen(clawedBack),
});
const withdrawal = (status: WithdrawalStatus, amount: number, createdAt = NOW) => ({
  status,
  amount: fen(amount),
  createdAt,
});

describe('a withdrawal', () => {
  it('is recorded requested, its bill number its id', () => {
    const recorded = newWithdrawal({
      id: 'W20261202203000abcdefgh',
      leaderOpenid: 'o-wang',
      amount: 1_500,
      requestKey: 'k-1',
      now: NOW,
    });
    expect(withdrawalSchema.parse(recorded)).toEqual(recorded);
    expect(recorded).toMatchObject({
      status: 'requested',
      outBillNo: 'W20261202203000abcdefgh',
      attempts: 0,
      amount: 1_500,
    });
    expect(() => newWithdrawal({ id: 'W-1', leaderOpenid: 'o', amount: 100, requestKey: 'k', now: NOW })).toThrow(
      RangeError,
    );
  });

  it('is approved (ready to ask WeChat) or declined with a reason, only while it waits for review', () => {
    expect(decideWithdrawalReview({ status: 'requested' }, { approve: true, by: 'staff:ops1', now: NOW })).toEqual({
      status: 'approved',
      reviewedBy: 'staff:ops1',
      reviewedAt: NOW,
      updatedAt: NOW,
      nextAttemptAt: NOW + 60_000,
    });
    expect(
      decideWithdrawalReview(
        { status: 'requested' },
        { approve: false, reason: ' 佣金有争议 ', by: 'staff:ops1', now: NOW },
      ),
    ).toEqual({
      status: 'declined',
      reviewedBy: 'staff:ops1',
      reviewedAt: NOW,
      updatedAt: NOW,
      declineReason: '佣金有争议',
    });
    expect(
      decideWithdrawalReview({ status: 'requested' }, { approve: false, reason: ' ', by: 'staff:ops1', now: NOW }),
    ).toBe('INVALID_ARGUMENT');
    for (const status of ['approved', 'transferring', 'transferred', 'declined'] as const) {
      expect(decideWithdrawalReview({ status }, { approve: true, by: 'staff:ops1', now: NOW })).toBe(
        'WITHDRAWAL_NOT_ACTIONABLE',
      );
    }
  });
});

describe('a leader’s balance', () => {
  it('is what became withdrawable, less clawbacks, paid withdrawals and withdrawals under way', () => {
    const balance = leaderBalance(
      [
        entry('pending', 1_000),
        entry('earned', 500),
        entry('withdrawable', 3_000, 200),
        entry('paid_out', 2_000, 100),
        entry('reversed', 0),
      ],
      [
        withdrawal('transferred', 2_000),
        withdrawal('requested', 300),
        withdrawal('approved', 200),
        withdrawal('transferring', 100),
        withdrawal('failed', 50),
        withdrawal('flagged', 25),
        withdrawal('declined', 9_999),
        withdrawal('voided', 8_888),
      ],
    );
    expect(balance).toEqual({
      withdrawableEarned: 5_000,
      clawedBack: 300,
      paidOut: 2_000,
      reserved: 675,
      available: 5_000 - 300 - 2_000 - 675,
      prospective: 1_500,
    });
  });

  it('goes negative when clawbacks pass what is left, and a declined or voided withdrawal gives its amount back', () => {
    expect(leaderBalance([entry('paid_out', 1_000, 1_000)], [withdrawal('transferred', 1_000)]).available).toBe(-1_000);
    const asked = [entry('withdrawable', 1_000)];
    expect(leaderBalance(asked, [withdrawal('requested', 1_000)]).available).toBe(0);
    expect(leaderBalance(asked, [withdrawal('declined', 1_000)]).available).toBe(1_000);
    expect(leaderBalance(asked, [withdrawal('voided', 1_000)]).available).toBe(1_000);
  });

  it('stays the same when a paid withdrawal moves the entries it covers to paid out', () => {
    const withdrawals = [withdrawal('transferred', 1_000)];
    const before = leaderBalance([entry('withdrawable', 1_000), entry('withdrawable', 500)], withdrawals);
    const after = leaderBalance([entry('paid_out', 1_000), entry('withdrawable', 500)], withdrawals);
    expect(after).toEqual(before);
    expect(after.available).toBe(500);
  });
});

describe('asking for a withdrawal', () => {
  it('needs at least the minimum, no more than is available, within the day’s cap', () => {
    const ok = { available: 200_000, askedToday: 0 };
    expect(withdrawalRefusal({ ...ok, amount: 100 })).toBeUndefined();
    expect(withdrawalRefusal({ ...ok, amount: 99 })).toBe('WITHDRAWAL_BELOW_MINIMUM');
    expect(withdrawalRefusal({ ...ok, amount: 0 })).toBe('INVALID_ARGUMENT');
    expect(withdrawalRefusal({ ...ok, amount: 100.5 })).toBe('INVALID_ARGUMENT');
    expect(withdrawalRefusal({ amount: 1_001, available: 1_000, askedToday: 0 })).toBe('WITHDRAWAL_EXCEEDS_BALANCE');
    expect(withdrawalRefusal({ amount: 1_000, available: 1_000, askedToday: 0 })).toBeUndefined();
    expect(withdrawalRefusal({ amount: 100, available: -50, askedToday: 0 })).toBe('WITHDRAWAL_EXCEEDS_BALANCE');
    expect(withdrawalRefusal({ ...ok, amount: 100_000 })).toBeUndefined();
    expect(withdrawalRefusal({ ...ok, amount: 100_001 })).toBe('WITHDRAWAL_DAILY_CAP');
    expect(withdrawalRefusal({ ...ok, amount: 1_000, askedToday: 99_500 })).toBe('WITHDRAWAL_DAILY_CAP');
    expect(withdrawalRefusal({ ...ok, amount: 500, askedToday: 99_500 })).toBeUndefined();
  });

  it('offers at most what is available within what is left of the day', () => {
    expect(maxWithdrawal(5_000, 0)).toBe(5_000);
    expect(maxWithdrawal(500_000, 0)).toBe(100_000);
    expect(maxWithdrawal(500_000, 99_950)).toBe(0);
    expect(maxWithdrawal(500_000, 99_900)).toBe(100);
    expect(maxWithdrawal(99, 0)).toBe(0);
    expect(maxWithdrawal(-10, 0)).toBe(0);
  });

  it('counts today’s withdrawals from Shanghai midnight, but not those declined or voided', () => {
    const midnight = parseBusinessTime('2026-12-02 00:00');
    expect(withdrawalDayStart(NOW)).toBe(midnight);
    const list = [
      withdrawal('transferred', 1_000, midnight),
      withdrawal('requested', 200, NOW - 1),
      withdrawal('flagged', 30, NOW),
      withdrawal('declined', 5_000, NOW),
      withdrawal('voided', 5_000, NOW),
      withdrawal('transferred', 7_000, midnight - 1),
    ];
    expect(askedToday(list, NOW)).toBe(1_230);
    expect(WITHDRAWAL_DAY_COUNTED_STATUSES).toEqual([
      'requested',
      'approved',
      'transferring',
      'transferred',
      'failed',
      'flagged',
    ]);
  });

  it('keeps the limits under the amount from which WeChat wants the payee’s real name, and tells them in the messages', () => {
    expect(WITHDRAWAL_LIMITS.dailyCap).toBeLessThan(200_000);
    expect(ERROR_MESSAGES.WITHDRAWAL_BELOW_MINIMUM).toContain(formatYuan(fen(WITHDRAWAL_LIMITS.minimum)));
    expect(ERROR_MESSAGES.WITHDRAWAL_DAILY_CAP).toContain(formatYuan(fen(WITHDRAWAL_LIMITS.dailyCap)));
  });
});
