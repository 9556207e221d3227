import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt,
  isAwaitingConfirmation,
  MAX_REFUND_ATTEMPTS,
  REFUND_DUE_STATUSES,
  REFUND_TO_REQUEST_STATUSES,
  refundEventSchema,
  refundMachine,
  partialRefundNumberFor,
  refundNumberFor,
  type RefundStatus,
  refundStatusSchema,
  retryDelayMs,
} from './refund.machine';

const allowed: Record<string, RefundStatus> = {
  'requested+accepted': 'processing',
  'requested+request_failed': 'failed',
  'requested+gave_up': 'flagged',
  'requested+confirmed': 'succeeded',
  'requested+rejected': 'failed',
  'failed+accepted': 'processing',
  'failed+request_failed': 'failed',
  'failed+gave_up': 'flagged',
  'failed+confirmed': 'succeeded',
  'processing+confirmed': 'succeeded',
  'processing+rejected': 'failed',
  'flagged+confirmed': 'succeeded',
  'flagged+retried_by_staff': 'requested',
  'flagged+settled_offline': 'settled_offline',
};

describe('refund machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of refundStatusSchema.options) {
      for (const event of refundEventSchema.options) {
        expect(refundMachine.next(state, event), `${state}+${event}`).toBe(allowed[`${state}+${event}`]);
      }
    }
  });

  it('never leaves succeeded: a late failure cannot undo money that went back', () => {
    expect(refundMachine.isFinal('succeeded')).toBe(true);
    expect(refundStatusSchema.options.filter((s) => refundMachine.isFinal(s))).toEqual([
      'succeeded',
      'settled_offline',
    ]);
    expect(refundMachine.sourcesOf('confirmed')).toEqual(['requested', 'failed', 'processing', 'flagged']);
  });

  it('names what the retry job asks for and what it confirms', () => {
    expect(REFUND_TO_REQUEST_STATUSES).toEqual(['requested', 'failed']);
    expect(REFUND_DUE_STATUSES).toEqual(['requested', 'failed', 'processing']);
    expect(REFUND_DUE_STATUSES.filter(isAwaitingConfirmation)).toEqual(['processing']);
  });

  it('waits 1, 2, 4... minutes between attempts, at most an hour, and gives up after the last', () => {
    expect([1, 2, 3, 4, 7, 20].map(retryDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 3_600_000, 3_600_000]);
    for (let attempts = 1; attempts < MAX_REFUND_ATTEMPTS; attempts++) {
      expect(afterFailedAttempt(attempts, 0)).toEqual({
        event: 'request_failed',
        nextAttemptAt: retryDelayMs(attempts),
      });
    }
    expect(afterFailedAttempt(MAX_REFUND_ATTEMPTS, 0)).toEqual({ event: 'gave_up' });
  });

  it('numbers an order’s refund deterministically, within CloudPay’s 32 characters', () => {
    expect(refundNumberFor('O20261125203000k3j9x0qa')).toBe('RO20261125203000k3j9x0qa');
    expect(refundNumberFor('x'.repeat(40))).toHaveLength(32);
    expect(partialRefundNumberFor('O20261125203000k3j9x0qa', 2)).toBe('RO20261125203000k3j9x0qa-2');
    expect(partialRefundNumberFor('x'.repeat(40), 12)).toMatch(/^Rx{28}-12$/);
  });
});
