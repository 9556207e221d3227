/**
 * A 团长's withdrawal (提现) from their request to the money in their WeChat balance, through WeChat Pay's 商家转账
 * (`POST /v3/fund-app/mch-transfer/transfer-bills`). The leader asks (`requested`, the amount is reserved from the
 * balance at once); ops approve or decline it with a reason; an approved withdrawal is asked of WeChat under its
 * bill number (`out_bill_no`, derived from the withdrawal's id and the same on every attempt, so WeChat never pays
 * it twice). WeChat holding the bill makes it `transferring` (this includes waiting for the leader to confirm the
 * receipt in the mini-program, at most 24 hours); WeChat's SUCCESS makes it `transferred`. A request that could not
 * be made, or that WeChat refused in a way it may recover from, is `failed` and asked again after the refunds'
 * delays (`domain/retry.ts`, same number); after MAX_TRANSFER_ATTEMPTS failures, or at once for a refusal a person
 * must fix, it is `flagged` for ops, who ask again once it is fixed. A bill WeChat ended without paying (FAIL: the
 * leader did not confirm within 24 hours, their account cannot receive; CANCELLED) is final there, and a new bill
 * would need a new number, so the withdrawal is `voided`: its amount is back in the balance and the leader asks
 * again, as a new withdrawal.
 *
 * `declined`, `transferred` and `voided` stand for rejected, paid and failed-for-good: `rejected` and `paid` are
 * literals the server already writes for other things, and statuses appear as literals only here.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';
import { afterFailedAttemptOf, retryDelayMs } from './retry';

export const withdrawalStatusSchema = z.enum([
  'requested',
  'approved',
  'declined',
  'transferring',
  'transferred',
  'failed',
  'flagged',
  'voided',
]);
export type WithdrawalStatus = z.infer<typeof withdrawalStatusSchema>;

export const withdrawalEventSchema = z.enum([
  'approved_by_ops',
  /** Ops declined it, with a reason the leader reads. */
  'declined_by_ops',
  /** WeChat holds the bill and it is under way (ACCEPTED, PROCESSING, WAIT_USER_CONFIRM, TRANSFERING, CANCELING). */
  'transfer_accepted',
  /** WeChat could not be asked, or refused in a way it may recover from: ask again later, same number. */
  'request_failed',
  /** The last allowed attempt failed, or WeChat refused in a way a person must fix: ops take over. */
  'gave_up',
  /** WeChat paid it (SUCCESS), whatever this record thought. */
  'transfer_succeeded',
  /** WeChat ended the bill without paying (FAIL, CANCELLED): the amount goes back to the balance. */
  'bill_failed',
  /** Ops ask WeChat again for a flagged withdrawal, once what it refused is fixed. */
  'retried_by_staff',
]);
export type WithdrawalEvent = z.infer<typeof withdrawalEventSchema>;

const whileAsking = {
  transfer_accepted: 'transferring',
  request_failed: 'failed',
  gave_up: 'flagged',
  transfer_succeeded: 'transferred',
  bill_failed: 'voided',
} as const;

export const withdrawalMachine = defineMachine<WithdrawalStatus, WithdrawalEvent>('withdrawal', {
  requested: { approved_by_ops: 'approved', declined_by_ops: 'declined' },
  approved: whileAsking,
  declined: {},
  transferring: { transfer_accepted: 'transferring', transfer_succeeded: 'transferred', bill_failed: 'voided' },
  transferred: {},
  failed: whileAsking,
  flagged: {
    retried_by_staff: 'approved',
    transfer_accepted: 'transferring',
    transfer_succeeded: 'transferred',
    bill_failed: 'voided',
  },
  voided: {},
});

export const WITHDRAWAL_STATUS_LABELS: Record<WithdrawalStatus, string> = {
  requested: '待审核',
  approved: '审核通过，待转账',
  declined: '已拒绝',
  transferring: '转账中',
  transferred: '已到账',
  failed: '转账重试中',
  flagged: '转账异常，平台处理中',
  voided: '转账未完成，金额已退回',
};

/** A new withdrawal starts here. */
export const WITHDRAWAL_REQUESTED_STATUS: WithdrawalStatus = 'requested';

/** Withdrawals ops review. */
export const WITHDRAWAL_REVIEW_STATUSES: readonly WithdrawalStatus[] = withdrawalMachine.sourcesOf('approved_by_ops');

/** The withdrawal whose money reached the leader. */
export const WITHDRAWAL_PAID_STATUS: WithdrawalStatus = withdrawalMachine.transition('transfer_succeeded').to;

/** Withdrawals that ended without paying: their amount is back in the balance. */
export const WITHDRAWAL_RELEASED_STATUSES: readonly WithdrawalStatus[] = [
  withdrawalMachine.transition('declined_by_ops').to,
  withdrawalMachine.transition('bill_failed').to,
];

/** Withdrawals still under way: their amount is reserved (not available, not yet paid). */
export const WITHDRAWAL_RESERVING_STATUSES: readonly WithdrawalStatus[] = withdrawalMachine.states.filter(
  (status) => !withdrawalMachine.isFinal(status),
);

/** Withdrawals the transfer job asks WeChat for (again). */
export const WITHDRAWAL_TO_TRANSFER_STATUSES: readonly WithdrawalStatus[] =
  withdrawalMachine.sourcesOf('request_failed');

/** Withdrawals the transfer job looks at when due: to ask for (again), or to check with WeChat. */
export const WITHDRAWAL_DUE_STATUSES: readonly WithdrawalStatus[] = [
  ...WITHDRAWAL_TO_TRANSFER_STATUSES,
  ...withdrawalMachine
    .sourcesOf('transfer_accepted')
    .filter((s) => !WITHDRAWAL_TO_TRANSFER_STATUSES.includes(s) && s !== withdrawalMachine.transition('gave_up').to),
];

/** Whether the transfer job should check this withdrawal's bill with WeChat rather than ask for it. */
export const isAwaitingTransferResult = (status: WithdrawalStatus): boolean =>
  WITHDRAWAL_DUE_STATUSES.includes(status) && !WITHDRAWAL_TO_TRANSFER_STATUSES.includes(status);

/** Failed attempts before a withdrawal is flagged: 1 + 2 + 4 + 8 minutes of WeChat trouble, as for refunds. */
export const MAX_TRANSFER_ATTEMPTS = 5;

/** How long an approved withdrawal waits (its request possibly in flight) before the job may ask again. */
export const TRANSFER_REQUEST_GRACE_MS = 60_000;

/** A bill WeChat holds is checked this often until it ends (its notification may be lost; confirming takes ≤ 24 h). */
export const TRANSFER_CHECK_MS = 10 * 60_000;

/** How long WeChat waits for the leader to confirm a transfer before failing it. */
export const TRANSFER_CONFIRM_WINDOW_MS = 24 * 3_600_000;

export { retryDelayMs };

/** What a failed attempt leads to: another one later, or ops after the last allowed one (`domain/retry.ts`). */
export const afterFailedTransfer = (attempts: number, now: number) =>
  afterFailedAttemptOf(attempts, now, MAX_TRANSFER_ATTEMPTS);

/** WeChat's bill states (`state` of a transfer bill, its query and its notification). */
export const transferBillStates = z.enum([
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'SUCCESS',
  'FAIL',
  'CANCELING',
  'CANCELLED',
]);
export type TransferBillState = z.infer<typeof transferBillStates>;

/** WeChat's bill states in words, as ops read them beside a withdrawal's own status. */
export const TRANSFER_BILL_STATE_LABELS: Record<TransferBillState, string> = {
  ACCEPTED: '微信已受理',
  PROCESSING: '微信处理中',
  WAIT_USER_CONFIRM: '待团长确认收款',
  TRANSFERING: '转账中',
  SUCCESS: '已到账',
  FAIL: '转账失败',
  CANCELING: '撤销中',
  CANCELLED: '已撤销',
};

/** The bill's state while WeChat waits for the user to confirm the receipt (`wx.requestMerchantTransfer`). */
export const TRANSFER_WAITING_FOR_USER: TransferBillState = 'WAIT_USER_CONFIRM';

/** The event a bill's state is for this withdrawal: paid, ended unpaid, or still under way. */
export function transferEventFor(state: TransferBillState): 'transfer_succeeded' | 'bill_failed' | 'transfer_accepted' {
  if (state === 'SUCCESS') return 'transfer_succeeded';
  if (state === 'FAIL' || state === 'CANCELLED') return 'bill_failed';
  return 'transfer_accepted';
}

/** WeChat's rule for `out_bill_no`: 1 to 32 letters and digits. */
export const OUT_BILL_NO = /^[0-9A-Za-z]{1,32}$/;

/**
 * The bill number of a withdrawal's transfer: its id (`formatId('W', ...)`: 23 letters and digits), the same on
 * every attempt, so a retry after a lost answer is the same bill to WeChat. An id WeChat would not take is a bug,
 * refused here rather than altered (altering could make two withdrawals one bill).
 */
export function transferBillNumberFor(withdrawalId: string): string {
  if (!OUT_BILL_NO.test(withdrawalId)) throw new RangeError(`not a transfer bill number: ${withdrawalId}`);
  return withdrawalId;
}

/** What the leader reads on the transfer in WeChat (`transfer_remark`, at most 32 characters). */
export const TRANSFER_REMARK = '山城拼团团长佣金提现';
