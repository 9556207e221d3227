/**
 * A 团长's withdrawal (`withdrawals`), the limits on asking for one, and the balance it is asked from.
 *
 * The balance is a ledger of sums, never a stored counter:
 *
 *   available = Σ amount of entries made withdrawable (still `withdrawable` or already `paid_out`)
 *             − Σ clawbacks − Σ transferred withdrawals − Σ withdrawals under way (requested, approved,
 *               transferring, failed, flagged)
 *
 * which is "withdrawable − (requested + approved + transferring) − clawbacks" with the withdrawable entries counted
 * net of what paid withdrawals already covered. It is negative while clawbacks exceed what the leader has: no
 * withdrawal is possible until new earnings cover them. Each withdrawal is at least WITHDRAWAL_LIMITS.minimum and a
 * leader's withdrawals asked in one Shanghai day (but those declined or voided) add up to at most
 * WITHDRAWAL_LIMITS.dailyCap, which stays under the ¥2000 from which WeChat wants the payee's real name.
 */
import { fen, fenSchema } from '../kernel/money';
import { startOfBusinessDay } from '../kernel/time';
import * as z from '../kernel/zod';
import { COMMISSION_ADJUSTABLE_STATUSES, COMMISSION_SETTLED_STATUSES } from './commission.machine';
import type { CommissionEntry } from './commission.schema';
import { idSchema, instantSchema, openidSchema } from './common.schema';
import {
  TRANSFER_REQUEST_GRACE_MS,
  transferBillNumberFor,
  transferBillStates,
  WITHDRAWAL_PAID_STATUS,
  WITHDRAWAL_RELEASED_STATUSES,
  WITHDRAWAL_REQUESTED_STATUS,
  WITHDRAWAL_RESERVING_STATUSES,
  withdrawalMachine,
  type WithdrawalStatus,
  withdrawalStatusSchema,
} from './withdrawal.machine';

export const WITHDRAWAL_LIMITS = {
  /** ¥1.00: the least a withdrawal may ask. */
  minimum: 100,
  /** ¥1000.00: the most a leader's withdrawals of one Shanghai day may add up to. */
  dailyCap: 100_000,
} as const;

export const withdrawalSchema = z.object({
  _id: idSchema,
  leaderOpenid: openidSchema,
  amount: fenSchema,
  status: withdrawalStatusSchema,
  /** `transferBillNumberFor(_id)`: WeChat's `out_bill_no`, the same on every attempt. */
  outBillNo: z.string().regex(/^[0-9A-Za-z]{1,32}$/),
  /** The mini-program's key for the request: a second tap is the same withdrawal. */
  requestKey: z.string().min(1).max(64),
  /** Why ops declined it. */
  declineReason: z.string().max(200).optional(),
  reviewedBy: z.string().optional(),
  reviewedAt: instantSchema.optional(),
  /** The console's request key of ops' answer (approve or decline): the same answer sent again changes nothing. */
  decisionKey: z.string().optional(),
  /** The console's request key of ops' last retry of a flagged withdrawal. */
  retryKey: z.string().optional(),
  /** Who last asked again for it after it was flagged, and when. */
  retriedBy: z.string().optional(),
  retriedAt: instantSchema.optional(),
  /** Attempts to ask WeChat that failed, and when the transfer job may look at it again. */
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: instantSchema,
  lastError: z.string().optional(),
  /** WeChat's bill: its number, its last known state, and what the mini-program needs to confirm the receipt. */
  transferBillNo: z.string().optional(),
  billState: transferBillStates.optional(),
  packageInfo: z.string().optional(),
  /** Why WeChat ended the bill unpaid (its `fail_reason`). */
  failReason: z.string().optional(),
  flaggedAt: instantSchema.optional(),
  transferredAt: instantSchema.optional(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type Withdrawal = z.infer<typeof withdrawalSchema>;

/** A withdrawal as first recorded, reserving its amount. */
export function newWithdrawal(request: {
  readonly id: string;
  readonly leaderOpenid: string;
  readonly amount: number;
  readonly requestKey: string;
  readonly now: number;
}): Withdrawal {
  return {
    _id: request.id,
    leaderOpenid: request.leaderOpenid,
    amount: fen(request.amount),
    status: WITHDRAWAL_REQUESTED_STATUS,
    outBillNo: transferBillNumberFor(request.id),
    requestKey: request.requestKey,
    attempts: 0,
    nextAttemptAt: request.now,
    createdAt: request.now,
    updatedAt: request.now,
  };
}

/** A leader's money, in fen (see the module's comment for the rule). */
export interface LeaderBalance {
  /** Entries made withdrawable, ever (withdrawable or paid out), before clawbacks. */
  readonly withdrawableEarned: number;
  /** Refunds recorded after their entry was withdrawable. */
  readonly clawedBack: number;
  /** Withdrawals transferred. */
  readonly paidOut: number;
  /** Withdrawals under way. */
  readonly reserved: number;
  /** What the leader may ask for now; negative while clawbacks exceed it. */
  readonly available: number;
  /** 预估收入: entries earned or waiting for their group, not yet withdrawable. */
  readonly prospective: number;
}

/** The balance from a leader's entries and withdrawals (the repositories sum the same fields by the same statuses). */
export function leaderBalance(
  entries: readonly Pick<CommissionEntry, 'status' | 'amount' | 'clawedBack'>[],
  withdrawals: readonly Pick<Withdrawal, 'status' | 'amount'>[],
): LeaderBalance {
  const sum = <T>(items: readonly T[], pick: (item: T) => number) => items.reduce((total, i) => total + pick(i), 0);
  const settled = entries.filter((e) => COMMISSION_SETTLED_STATUSES.includes(e.status));
  const withdrawableEarned = sum(settled, (e) => e.amount);
  const clawedBack = sum(settled, (e) => e.clawedBack);
  const paidOut = sum(
    withdrawals.filter((w) => w.status === WITHDRAWAL_PAID_STATUS),
    (w) => w.amount,
  );
  const reserved = sum(
    withdrawals.filter((w) => WITHDRAWAL_RESERVING_STATUSES.includes(w.status)),
    (w) => w.amount,
  );
  const prospective = sum(
    entries.filter((e) => COMMISSION_ADJUSTABLE_STATUSES.includes(e.status)),
    (e) => e.amount,
  );
  return {
    withdrawableEarned,
    clawedBack,
    paidOut,
    reserved,
    available: withdrawableEarned - clawedBack - paidOut - reserved,
    prospective,
  };
}

/** Withdrawals that count against the day's cap: every one asked that day but those that ended unpaid. */
export const WITHDRAWAL_DAY_COUNTED_STATUSES: readonly WithdrawalStatus[] = withdrawalMachine.states.filter(
  (status) => !WITHDRAWAL_RELEASED_STATUSES.includes(status),
);

/** Where the day a withdrawal counts in begins: Shanghai midnight. */
export const withdrawalDayStart = (now: number): number => startOfBusinessDay(now);

/** What the leader asked for in withdrawals counted today (`createdAt` from `withdrawalDayStart(now)`). */
export function askedToday(
  withdrawals: readonly Pick<Withdrawal, 'status' | 'amount' | 'createdAt'>[],
  now: number,
): number {
  const from = withdrawalDayStart(now);
  return withdrawals
    .filter((w) => w.createdAt >= from && w.createdAt <= now && WITHDRAWAL_DAY_COUNTED_STATUSES.includes(w.status))
    .reduce((total, w) => total + w.amount, 0);
}

export type WithdrawalRefusal =
  'INVALID_ARGUMENT' | 'WITHDRAWAL_BELOW_MINIMUM' | 'WITHDRAWAL_EXCEEDS_BALANCE' | 'WITHDRAWAL_DAILY_CAP';

/**
 * Why a leader may not withdraw `amount` now: not a whole number of fen, below the minimum, more than is available,
 * or past the day's cap with what they already asked today.
 */
export function withdrawalRefusal(request: {
  readonly amount: number;
  readonly available: number;
  readonly askedToday: number;
}): WithdrawalRefusal | undefined {
  const { amount } = request;
  if (!Number.isSafeInteger(amount) || amount <= 0) return 'INVALID_ARGUMENT';
  if (amount < WITHDRAWAL_LIMITS.minimum) return 'WITHDRAWAL_BELOW_MINIMUM';
  if (amount > request.available) return 'WITHDRAWAL_EXCEEDS_BALANCE';
  if (request.askedToday + amount > WITHDRAWAL_LIMITS.dailyCap) return 'WITHDRAWAL_DAILY_CAP';
  return undefined;
}

/** The most the leader may ask now: what is available, within what is left of today's cap (0 if below minimum). */
export function maxWithdrawal(available: number, asked: number): number {
  const most = Math.min(available, WITHDRAWAL_LIMITS.dailyCap - asked);
  return most >= WITHDRAWAL_LIMITS.minimum ? most : 0;
}

/** What ops' review writes: approval (the transfer may be asked for at once) or a decline with its reason. */
export function decideWithdrawalReview(
  withdrawal: Pick<Withdrawal, 'status'>,
  review:
    | { readonly approve: true; readonly by: string; readonly now: number }
    | { readonly approve: false; readonly reason: string; readonly by: string; readonly now: number },
):
  | {
      readonly status: WithdrawalStatus;
      readonly reviewedBy: string;
      readonly reviewedAt: number;
      readonly updatedAt: number;
      readonly nextAttemptAt?: number;
      readonly declineReason?: string;
    }
  | 'WITHDRAWAL_NOT_ACTIONABLE'
  | 'INVALID_ARGUMENT' {
  const status = withdrawalMachine.next(withdrawal.status, review.approve ? 'approved_by_ops' : 'declined_by_ops');
  if (!status) return 'WITHDRAWAL_NOT_ACTIONABLE';
  const common = { status, reviewedBy: review.by, reviewedAt: review.now, updatedAt: review.now };
  if (review.approve) return { ...common, nextAttemptAt: review.now + TRANSFER_REQUEST_GRACE_MS };
  const reason = review.reason.trim();
  if (reason.length === 0 || reason.length > 200) return 'INVALID_ARGUMENT';
  return { ...common, declineReason: reason };
}
