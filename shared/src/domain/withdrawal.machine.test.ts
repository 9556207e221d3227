import { describe, expect, it } from 'vitest';
import { formatId } from './ids';
import { parseBusinessTime } from '../kernel/time';
import {
  afterFailedTransfer,
  isAwaitingTransferResult,
  MAX_TRANSFER_ATTEMPTS,
  OUT_BILL_NO,
  retryDelayMs,
  TRANSFER_REMARK,
  transferBillNumberFor,
  transferBillStates,
  transferEventFor,
  WITHDRAWAL_DUE_STATUSES,
  WITHDRAWAL_PAID_STATUS,
  WITHDRAWAL_RELEASED_STATUSES,
  WITHDRAWAL_REQUESTED_STATUS,
  WITHDRAWAL_RESERVING_STATUSES,
  WITHDRAWAL_REVIEW_STATUSES,
  WITHDRAWAL_STATUS_LABELS,
  WITHDRAWAL_TO_TRANSFER_STATUSES,
  withdrawalEventSchema,
  withdrawalMachine,
  type WithdrawalStatus,
  withdrawalStatusSchema,
} from './withdrawal.machine';

const asking = (from: string): Record<string, WithdrawalStatus> => ({
  [`${from}+transfer_accepted`]: 'transferring',
  [`${from}+request_failed`]: 'failed',
  [`${from}+gave_up`]: 'flagged',
  [`${from}+transfer_succeeded`]: 'transferred',
  [`${from}+bill_failed`]: 'voided',
});

const allowed: Record<string, WithdrawalStatus> = {
  'requested+approved_by_ops': 'approved',
  'requested+declined_by_ops': 'declined',
  ...asking('approved'),
  ...asking('failed'),
  'transferring+transfer_accepted': 'transferring',
  'transferring+transfer_succeeded': 'transferred',
  'transferring+bill_failed': 'voided',
  'flagged+retried_by_staff': 'approved',
  'flagged+transfer_accepted': 'transferring',
  'flagged+transfer_succeeded': 'transferred',
  'flagged+bill_failed': 'voided',
};

describe('withdrawal machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of withdrawalStatusSchema.options) {
      for (const event of withdrawalEventSchema.options) {
        const expected = allowed[`${state}+${event}`];
        expect(withdrawalMachine.next(state, event), `${state}+${event}`).toBe(expected);
        if (expected === undefined) {
          expect(() => withdrawalMachine.apply(state, event, 'WITHDRAWAL_NOT_ACTIONABLE')).toThrow(
            'WITHDRAWAL_NOT_ACTIONABLE',
          );
        }
      }
    }
  });

  it('pays nothing before ops approve, and never leaves a paid, declined or voided withdrawal', () => {
    expect(withdrawalMachine.sourcesOf('transfer_accepted')).not.toContain('requested');
    expect(withdrawalMachine.sourcesOf('transfer_succeeded')).not.toContain('requested');
    expect(withdrawalStatusSchema.options.filter((s) => withdrawalMachine.isFinal(s))).toEqual([
      'declined',
      'transferred',
      'voided',
    ]);
    // WeChat's answer wins over whatever the record thought: a late SUCCESS after a failure or a flag is paid.
    expect(withdrawalMachine.sourcesOf('transfer_succeeded')).toEqual([
      'approved',
      'transferring',
      'failed',
      'flagged',
    ]);
  });

  it('names the statuses the repositories and the transfer job filter on', () => {
    expect(WITHDRAWAL_REQUESTED_STATUS).toBe('requested');
    expect(WITHDRAWAL_REVIEW_STATUSES).toEqual(['requested']);
    expect(WITHDRAWAL_PAID_STATUS).toBe('transferred');
    expect(WITHDRAWAL_RELEASED_STATUSES).toEqual(['declined', 'voided']);
    expect(WITHDRAWAL_RESERVING_STATUSES).toEqual(['requested', 'approved', 'transferring', 'failed', 'flagged']);
    expect(WITHDRAWAL_TO_TRANSFER_STATUSES).toEqual(['approved', 'failed']);
    expect(WITHDRAWAL_DUE_STATUSES).toEqual(['approved', 'failed', 'transferring']);
    expect(WITHDRAWAL_DUE_STATUSES.filter(isAwaitingTransferResult)).toEqual(['transferring']);
    // Every status is exactly one of: reserving, paid, released.
    const all = [...WITHDRAWAL_RESERVING_STATUSES, WITHDRAWAL_PAID_STATUS, ...WITHDRAWAL_RELEASED_STATUSES];
    expect([...all].sort()).toEqual([...withdrawalStatusSchema.options].sort());
  });

  it('has a Chinese label for every status', () => {
    expect(Object.keys(WITHDRAWAL_STATUS_LABELS)).toEqual(withdrawalStatusSchema.options);
  });

  it('retries after the refunds’ delays and hands the withdrawal to ops after the last attempt', () => {
    for (let attempts = 1; attempts < MAX_TRANSFER_ATTEMPTS; attempts++) {
      expect(afterFailedTransfer(attempts, 1_000)).toEqual({
        event: 'request_failed',
        nextAttemptAt: 1_000 + retryDelayMs(attempts),
      });
    }
    expect(afterFailedTransfer(MAX_TRANSFER_ATTEMPTS, 1_000)).toEqual({ event: 'gave_up' });
    expect(withdrawalMachine.next('failed', 'gave_up')).toBe('flagged');
  });

  it('reads each of WeChat’s bill states as paid, ended unpaid or under way', () => {
    const events = Object.fromEntries(transferBillStates.options.map((s) => [s, transferEventFor(s)]));
    expect(events).toEqual({
      ACCEPTED: 'transfer_accepted',
      PROCESSING: 'transfer_accepted',
      WAIT_USER_CONFIRM: 'transfer_accepted',
      TRANSFERING: 'transfer_accepted',
      SUCCESS: 'transfer_succeeded',
      FAIL: 'bill_failed',
      CANCELING: 'transfer_accepted',
      CANCELLED: 'bill_failed',
    });
  });

  it('numbers the transfer by the withdrawal’s id: the same on every retry, and as WeChat wants it', () => {
    const id = formatId('W', parseBusinessTime('2026-12-02 20:30'), Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(id).toMatch(/^W20261202203000[0-9a-z]{8}$/);
    const first = transferBillNumberFor(id);
    expect(first).toMatch(OUT_BILL_NO);
    expect(first.length).toBeLessThanOrEqual(32);
    for (let retry = 0; retry < 5; retry++) expect(transferBillNumberFor(id)).toBe(first);
    expect(transferBillNumberFor(id.replace('W2', 'W3'))).not.toBe(first);
    for (const bad of ['', 'W-1', 'W_1', 'x'.repeat(33), 'W1 ', '提现1']) {
      expect(() => transferBillNumberFor(bad), bad).toThrow(RangeError);
    }
    expect(TRANSFER_REMARK.length).toBeLessThanOrEqual(32);
  });
});
