/**
 * A refund from being recorded to the money being back, and the rule for retrying it. A refund is
 * recorded (`requested`) before CloudPay is asked, under a deterministic number, so it is never issued
 * twice. CloudPay accepting the request makes it `processing`; its notification (or a query, when the
 * notification is lost) makes it `succeeded`. A refused or lost request is `failed` and asked again with
 * a growing delay; after MAX_REFUND_ATTEMPTS failures it is `flagged` for ops.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const refundStatusSchema = z.enum(['requested', 'processing', 'failed', 'succeeded', 'flagged']);
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
  flagged: { confirmed: 'succeeded' },
  succeeded: {},
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

/** The delay before the retry job asks again after a failed attempt (attempts 1, 2, ...): 1, 2, 4 ... 60 minutes. */
export const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

/** What a failed attempt leads to: another one later, or ops after the last allowed one. */
export function afterFailedAttempt(
  attempts: number,
  now: number,
): { readonly event: 'request_failed'; readonly nextAttemptAt: number } | { readonly event: 'gave_up' } {
  return attempts >= MAX_REFUND_ATTEMPTS
    ? { event: 'gave_up' }
    : { event: 'request_failed', nextAttemptAt: now + retryDelayMs(attempts) };
}

/** The refund number for an order: deterministic, so a refund is never issued twice. */
export const refundNumberFor = (orderId: string): string => `R${orderId}`.slice(0, 32);
