import { describe, expect, it } from 'vitest';
import { staffRetryStep, transferStep } from './withdrawal-step';
import {
  MAX_TRANSFER_ATTEMPTS,
  retryDelayMs,
  TRANSFER_CHECK_MS,
  type WithdrawalStatus,
  withdrawalStatusSchema,
} from './withdrawal.machine';

const NOW = 1_764_000_000_000;
const at = (status: WithdrawalStatus, attempts = 0) => ({ status, attempts });

describe('WeChat’s answer to a transfer', () => {
  it('makes an asked withdrawal transferring, checked again later, with what the leader needs to confirm it', () => {
    for (const status of ['approved', 'failed', 'flagged', 'transferring'] as const) {
      expect(
        transferStep(
          at(status, 2),
          {
            kind: 'bill',
            state: 'WAIT_USER_CONFIRM',
            transferBillNo: '1330000071100999991182020050700019480001',
            packageInfo: 'pkg',
          },
          NOW,
        ),
      ).toEqual({
        event: 'transfer_accepted',
        from: ['approved', 'transferring', 'failed', 'flagged'],
        patch: {
          status: 'transferring',
          billState: 'WAIT_USER_CONFIRM',
          transferBillNo: '1330000071100999991182020050700019480001',
          packageInfo: 'pkg',
          nextAttemptAt: NOW + TRANSFER_CHECK_MS,
          updatedAt: NOW,
        },
      });
    }
  });

  it('makes it transferred on SUCCESS, once: a repeated notification changes nothing', () => {
    expect(transferStep(at('transferring'), { kind: 'bill', state: 'SUCCESS' }, NOW)).toEqual({
      event: 'transfer_succeeded',
      from: ['approved', 'transferring', 'failed', 'flagged'],
      patch: { status: 'transferred', billState: 'SUCCESS', transferredAt: NOW, updatedAt: NOW },
    });
    expect(transferStep(at('transferred'), { kind: 'bill', state: 'SUCCESS' }, NOW)).toBeUndefined();
    expect(transferStep(at('transferred'), { kind: 'bill', state: 'FAIL' }, NOW)).toBeUndefined();
    expect(transferStep(at('transferred'), { kind: 'bill', state: 'PROCESSING' }, NOW)).toBeUndefined();
  });

  it('voids it when WeChat ended the bill unpaid, keeping WeChat’s reason', () => {
    for (const state of ['FAIL', 'CANCELLED'] as const) {
      expect(transferStep(at('transferring'), { kind: 'bill', state, failReason: 'TRANSFER_TIMEOUT' }, NOW)).toEqual({
        event: 'bill_failed',
        from: ['approved', 'transferring', 'failed', 'flagged'],
        patch: { status: 'voided', billState: state, failReason: 'TRANSFER_TIMEOUT', updatedAt: NOW },
      });
    }
    expect(transferStep(at('voided'), { kind: 'bill', state: 'SUCCESS' }, NOW)).toBeUndefined();
  });

  it('counts a failed request and asks again after the refunds’ delays, then hands it to ops', () => {
    for (let attempts = 0; attempts < MAX_TRANSFER_ATTEMPTS - 1; attempts++) {
      expect(
        transferStep(
          at(attempts === 0 ? 'approved' : 'failed', attempts),
          { kind: 'error', reason: 'SYSTEM_ERROR' },
          NOW,
        ),
      ).toEqual({
        event: 'request_failed',
        from: ['approved', 'failed'],
        patch: {
          status: 'failed',
          attempts: attempts + 1,
          lastError: 'SYSTEM_ERROR',
          nextAttemptAt: NOW + retryDelayMs(attempts + 1),
          updatedAt: NOW,
        },
      });
    }
    expect(
      transferStep(at('failed', MAX_TRANSFER_ATTEMPTS - 1), { kind: 'error', reason: 'SYSTEM_ERROR' }, NOW),
    ).toEqual({
      event: 'gave_up',
      from: ['approved', 'failed'],
      patch: {
        status: 'flagged',
        attempts: MAX_TRANSFER_ATTEMPTS,
        lastError: 'SYSTEM_ERROR',
        flaggedAt: NOW,
        updatedAt: NOW,
      },
    });
  });

  it('hands a refusal a person must fix to ops at once', () => {
    expect(transferStep(at('approved'), { kind: 'error', reason: 'NOT_ENOUGH', permanent: true }, NOW)?.patch).toEqual({
      status: 'flagged',
      attempts: 1,
      lastError: 'NOT_ENOUGH',
      flaggedAt: NOW,
      updatedAt: NOW,
    });
  });

  it('changes nothing when a check of a bill under way fails, or an answer comes for a withdrawal not asked', () => {
    expect(transferStep(at('transferring'), { kind: 'error', reason: 'timeout' }, NOW)).toBeUndefined();
    for (const status of ['requested', 'declined'] as const) {
      expect(transferStep(at(status), { kind: 'bill', state: 'SUCCESS' }, NOW)).toBeUndefined();
      expect(transferStep(at(status), { kind: 'error', reason: 'x' }, NOW)).toBeUndefined();
    }
  });
});

describe('ops asking again', () => {
  it('approves a flagged withdrawal again, due now with its attempts reset; nothing else', () => {
    expect(staffRetryStep({ status: 'flagged' }, NOW)).toEqual({
      event: 'retried_by_staff',
      from: ['flagged'],
      patch: { status: 'approved', attempts: 0, nextAttemptAt: NOW, updatedAt: NOW },
    });
    for (const status of withdrawalStatusSchema.options.filter((s) => s !== 'flagged'))
      expect(staffRetryStep({ status }, NOW), status).toBe('WITHDRAWAL_NOT_ACTIONABLE');
  });
});
