/**
 * What an answer from WeChat's 商家转账 does to a withdrawal, decided here so the transfer use cases, the job and the
 * notification handler only write it (one update conditional on `from`, the event's source statuses, so a late or
 * repeated answer never undoes a newer one).
 *
 * - A bill (the answer to the request, a query, or the notification): its state is the event
 *   (`transferEventFor`). Under way, it is checked again after TRANSFER_CHECK_MS; paid, it is `transferred`;
 *   ended unpaid, `voided` with WeChat's reason.
 * - A failed request: one more failed attempt, asked again after the refunds' delays, or `flagged` after the last
 *   one (or at once, for a refusal a person must fix). A failed check of a bill already under way changes nothing:
 *   the job looks again on its next run.
 * - Ops asking again for a flagged withdrawal: `approved` with its attempts reset, due now, same bill number.
 */
import {
  afterFailedTransfer,
  TRANSFER_CHECK_MS,
  type TransferBillState,
  transferEventFor,
  type WithdrawalEvent,
  withdrawalMachine,
  type WithdrawalStatus,
} from './withdrawal.machine';
import type { Withdrawal } from './withdrawal.schema';

export type TransferAnswer =
  | {
      readonly kind: 'bill';
      readonly state: TransferBillState;
      /** WeChat's number for the bill. */
      readonly transferBillNo?: string | undefined;
      /** What the mini-program passes to `wx.requestMerchantTransfer` while WeChat waits for the leader. */
      readonly packageInfo?: string | undefined;
      /** Why WeChat ended it unpaid. */
      readonly failReason?: string | undefined;
    }
  | {
      /** The request or query could not be made, or WeChat refused it. */
      readonly kind: 'error';
      readonly reason: string;
      /** A refusal a person must fix (no funds, the payee's account, our configuration): ops at once. */
      readonly permanent?: boolean | undefined;
    };

type WithdrawalPatch = Partial<
  Pick<
    Withdrawal,
    | 'attempts'
    | 'nextAttemptAt'
    | 'lastError'
    | 'transferBillNo'
    | 'billState'
    | 'packageInfo'
    | 'failReason'
    | 'flaggedAt'
    | 'transferredAt'
  >
> & { readonly status: WithdrawalStatus; readonly updatedAt: number };

export interface WithdrawalStep {
  readonly event: WithdrawalEvent;
  /** The statuses the conditional update must find. */
  readonly from: readonly WithdrawalStatus[];
  readonly patch: WithdrawalPatch;
}

function step(
  withdrawal: Pick<Withdrawal, 'status'>,
  event: WithdrawalEvent,
  fields: Omit<WithdrawalPatch, 'status'>,
): WithdrawalStep | undefined {
  const status = withdrawalMachine.next(withdrawal.status, event);
  if (!status) return undefined;
  return { event, from: withdrawalMachine.sourcesOf(event), patch: { ...fields, status } };
}

/** What WeChat's answer does to the withdrawal, or undefined when it changes nothing (a repeat, a late answer). */
export function transferStep(
  withdrawal: Pick<Withdrawal, 'status' | 'attempts'>,
  answer: TransferAnswer,
  now: number,
): WithdrawalStep | undefined {
  if (answer.kind === 'bill') {
    const event = transferEventFor(answer.state);
    const bill = {
      billState: answer.state,
      ...(answer.transferBillNo ? { transferBillNo: answer.transferBillNo } : {}),
      ...(answer.packageInfo ? { packageInfo: answer.packageInfo } : {}),
      updatedAt: now,
    };
    if (event === 'transfer_succeeded') return step(withdrawal, event, { ...bill, transferredAt: now });
    if (event === 'bill_failed') {
      return step(withdrawal, event, { ...bill, ...(answer.failReason ? { failReason: answer.failReason } : {}) });
    }
    return step(withdrawal, event, { ...bill, nextAttemptAt: now + TRANSFER_CHECK_MS });
  }
  const attempts = withdrawal.attempts + 1;
  const next = answer.permanent ? ({ event: 'gave_up' } as const) : afterFailedTransfer(attempts, now);
  if (next.event === 'gave_up') {
    return step(withdrawal, 'gave_up', { attempts, lastError: answer.reason, flaggedAt: now, updatedAt: now });
  }
  return step(withdrawal, 'request_failed', {
    attempts,
    lastError: answer.reason,
    nextAttemptAt: next.nextAttemptAt,
    updatedAt: now,
  });
}

/** Ops ask again for a flagged withdrawal: approved, attempts reset, due now (the same bill number). */
export function staffRetryStep(
  withdrawal: Pick<Withdrawal, 'status'>,
  now: number,
): WithdrawalStep | 'WITHDRAWAL_NOT_ACTIONABLE' {
  return (
    step(withdrawal, 'retried_by_staff', { attempts: 0, nextAttemptAt: now, updatedAt: now }) ??
    'WITHDRAWAL_NOT_ACTIONABLE'
  );
}
