/**
 * Withdrawals as their leader reads them, and the leader's balance with what they may ask now (`leaderBalance`,
 * `maxWithdrawal`: the domain's rules over the sums the database gives per status).
 */
import type { ConsoleWithdrawal } from '../../contracts/admin/withdrawals.schema';
import type { LeaderBalanceView, WithdrawalView } from '../../contracts/withdrawal-view.schema';
import {
  TRANSFER_WAITING_FOR_USER,
  WITHDRAWAL_REVIEW_STATUSES,
  WITHDRAWAL_STATUS_LABELS,
  withdrawalMachine,
} from '../../domain/withdrawal.machine';
import {
  askedToday,
  leaderBalance,
  maxWithdrawal,
  type Withdrawal,
  WITHDRAWAL_LIMITS,
} from '../../domain/withdrawal.schema';
import { fen } from '../../kernel/money';
import { sumLeaderEntries } from '../repositories/commission.repository';
import { type LeaderFunds, listWithdrawalsOfDay, sumLeaderWithdrawals } from '../repositories/withdrawal.repository';

/** What the mini-program passes to `wx.requestMerchantTransfer`, while WeChat waits for the leader. */
function confirmationOf(withdrawal: Withdrawal): WithdrawalView['confirmation'] {
  const mchId = process.env.WECHATPAY_MCHID?.trim();
  const appId = process.env.WECHATPAY_APPID?.trim();
  if (withdrawal.billState !== TRANSFER_WAITING_FOR_USER || !withdrawal.packageInfo || !mchId || !appId)
    return undefined;
  return { mchId, appId, packageInfo: withdrawal.packageInfo };
}

export function withdrawalView(withdrawal: Withdrawal): WithdrawalView {
  const confirmation = confirmationOf(withdrawal);
  return {
    withdrawalId: withdrawal._id,
    amount: withdrawal.amount,
    status: withdrawal.status,
    statusLabel: WITHDRAWAL_STATUS_LABELS[withdrawal.status],
    ...(withdrawal.billState ? { billState: withdrawal.billState } : {}),
    ...(withdrawal.declineReason ? { declineReason: withdrawal.declineReason } : {}),
    ...(withdrawal.failReason ? { failReason: withdrawal.failReason } : {}),
    ...(confirmation ? { confirmation } : {}),
    createdAt: withdrawal.createdAt,
    ...(withdrawal.reviewedAt !== undefined ? { reviewedAt: withdrawal.reviewedAt } : {}),
    ...(withdrawal.transferredAt !== undefined ? { transferredAt: withdrawal.transferredAt } : {}),
    updatedAt: withdrawal.updatedAt,
  };
}

/** The sums a leader's balance and today's cap are computed from (three queries, issued together). */
export async function readLeaderFunds(leaderOpenid: string, now: number): Promise<LeaderFunds> {
  const [entries, withdrawals, today] = await Promise.all([
    sumLeaderEntries(leaderOpenid),
    sumLeaderWithdrawals(leaderOpenid),
    listWithdrawalsOfDay(leaderOpenid, now),
  ]);
  return { entries, withdrawals, today };
}

/** The balance by state, as the contracts show it, from the sums per status. */
export function leaderBalanceView(funds: Pick<LeaderFunds, 'entries' | 'withdrawals'>): LeaderBalanceView {
  const balance = leaderBalance(funds.entries, funds.withdrawals);
  return {
    withdrawableEarned: fen(balance.withdrawableEarned),
    clawedBack: fen(balance.clawedBack),
    paidOut: fen(balance.paidOut),
    reserved: fen(balance.reserved),
    available: balance.available,
    prospective: fen(balance.prospective),
  };
}

/** The balance and the most one withdrawal may ask now. */
export function balanceView(funds: LeaderFunds, now: number) {
  const balance = leaderBalanceView(funds);
  return {
    ...balance,
    maxWithdrawal: fen(maxWithdrawal(balance.available, askedToday(funds.today, now))),
    minimum: fen(WITHDRAWAL_LIMITS.minimum),
    dailyCap: fen(WITHDRAWAL_LIMITS.dailyCap),
  };
}

/** A withdrawal as ops read it, with what they may do now. */
export function consoleWithdrawal(withdrawal: Withdrawal, leaderName?: string): ConsoleWithdrawal {
  const actions: ConsoleWithdrawal['actions'] = [];
  if (WITHDRAWAL_REVIEW_STATUSES.includes(withdrawal.status)) actions.push('approve', 'decline');
  if (withdrawalMachine.next(withdrawal.status, 'retried_by_staff')) actions.push('retry');
  const optional = <K extends keyof Withdrawal>(key: K) =>
    withdrawal[key] !== undefined ? ({ [key]: withdrawal[key] } as Pick<Withdrawal, K>) : {};
  return {
    withdrawalId: withdrawal._id,
    leaderOpenid: withdrawal.leaderOpenid,
    ...(leaderName ? { leaderName } : {}),
    amount: withdrawal.amount,
    status: withdrawal.status,
    statusLabel: WITHDRAWAL_STATUS_LABELS[withdrawal.status],
    outBillNo: withdrawal.outBillNo,
    ...optional('transferBillNo'),
    ...optional('billState'),
    ...optional('declineReason'),
    ...optional('reviewedBy'),
    ...optional('reviewedAt'),
    attempts: withdrawal.attempts,
    ...optional('lastError'),
    nextAttemptAt: withdrawal.nextAttemptAt,
    ...optional('failReason'),
    ...optional('flaggedAt'),
    ...optional('transferredAt'),
    createdAt: withdrawal.createdAt,
    updatedAt: withdrawal.updatedAt,
    actions,
  };
}
