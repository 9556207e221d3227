/**
 * A refund from being recorded to the money being back, and the rule for retrying it. A refund is
 * recorded (`requested`) before CloudPay is asked, under a deterministic number, so it is never issued
 * twice. CloudPay accepting the request makes it `processing`; its notification (or a query, when the
 * notification is lost) makes it `succeeded`. A refused or lost request is `failed` and asked again with
 * a growing delay; after MAX_REFUND_ATTEMPTS failures it is `flagged` for ops.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';
import { afterFailedAttemptOf, retryDelayMs } from './retry';

export const refundStatusSchema = z.enum([
  'requested',
  'processing',
  'failed',
  'succeeded',
  'flagged',
  /** Ops returned the money outside the system (a bank transfer, cash) and recorded the reference. */
  'settled_offline',
]);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

export const refundEventSchema = z.enum([
  /** CloudPay accepted the request. */
  'accepted',
  /** CloudPay refused the request, or it could not be reached; it will be asked again. */
  'request_failed',
  /** The last allowed attempt failed: ops take over. */
  'gave_up',
  /** CloudPay says the money went back (notification or query), whatever this record thought. */
  'confirmed',
  /** CloudPay says the refund did not complete, or does not know it: ask again. */
  'rejected',
  /** Ops or customer service ask for a flagged refund again, now. */
  'retried_by_staff',
  /** Ops record that the money went back outside the system. */
  'settled_offline',
]);
export type RefundEvent = z.infer<typeof refundEventSchema>;

export const refundMachine = defineMachine<RefundStatus, RefundEvent>('refund', {
  requested: {
    accepted: 'processing',
    request_failed: 'failed',
    gave_up: 'flagged',
    confirmed: 'succeeded',
    rejected: 'failed',
  },
  failed: { accepted: 'processing', request_failed: 'failed', gave_up: 'flagged', confirmed: 'succeeded' },
  processing: { confirmed: 'succeeded', rejected: 'failed' },
  flagged: { confirmed: 'succeeded', retried_by_staff: 'requested', settled_offline: 'settled_offline' },
  succeeded: {},
  settled_offline: {},
});

/** A new refund starts here. */
export const REFUND_RECORDED_STATUS: RefundStatus = 'requested';

/** Refunds the retry job asks CloudPay for (again). */
export const REFUND_TO_REQUEST_STATUSES: readonly RefundStatus[] = refundMachine.sourcesOf('accepted');

/** Refunds the retry job looks at when due: to ask for (again), or to confirm with CloudPay. */
export const REFUND_DUE_STATUSES: readonly RefundStatus[] = [
  ...REFUND_TO_REQUEST_STATUSES,
  ...refundMachine.sourcesOf('rejected').filter((s) => !REFUND_TO_REQUEST_STATUSES.includes(s)),
];

/** Whether the retry job should confirm this refund with CloudPay rather than ask for it again. */
export const isAwaitingConfirmation = (status: RefundStatus): boolean => !REFUND_TO_REQUEST_STATUSES.includes(status);

export const MAX_REFUND_ATTEMPTS = 5;

/** How long a refund stays `requested` (its request possibly in flight) before the retry job may ask. */
export const REQUEST_GRACE_MS = 60_000;

/** A refund still `processing` this long after its request is checked with CloudPay (its notification may be lost). */
export const CONFIRM_AFTER_MS = 10 * 60_000;

export { retryDelayMs };

/** What a failed attempt leads to: another one later, or ops after the last allowed one (`domain/retry.ts`). */
export const afterFailedAttempt = (attempts: number, now: number) =>
  afterFailedAttemptOf(attempts, now, MAX_REFUND_ATTEMPTS);

/** The refund number of an order's whole refund (its group failed, it was paid too late): one per order. */
export const refundNumberFor = (orderId: string): string => `R${orderId}`.slice(0, 32);

/**
 * The number of an order's `seq`-th refund asked for by staff (or, later, after-sales): deterministic from
 * the order and its refund count, within CloudPay's 32 characters.
 */
export const partialRefundNumberFor = (orderId: string, seq: number): string => {
  const suffix = `-${seq}`;
  return `R${orderId}`.slice(0, 32 - suffix.length) + suffix;
};

/** The refund's money is back with the shopper, by CloudPay or outside it. */
export const isRefundDone = (status: RefundStatus): boolean => refundMachine.isFinal(status);
