/**
 * What 我的收益 shows and sends: the leader's balance by state (可提现, 待结算, 已提现, 提现中), the 申请提现 form
 * (yuan typed, fen sent; the minimum, the day's cap and the most they may ask now as the server answered them, the
 * server checking every rule again), their withdrawals with where each stands (a progress line, ops' or WeChat's
 * reason, 确认收款 while WeChat waits for them) and their commission entries. Money is the server's: the page only
 * turns the typed yuan into fen.
 */
import {
  type contracts,
  type Envelope,
  formatBusinessTime,
  type listMyWithdrawalsContract,
  type requestWithdrawalContract,
  type RequestOf,
  type ResponseOf,
  type WithdrawalStatus,
  type WithdrawalView,
} from '@shared/client';
import { priceText, yuanToFen } from '../../../../utils/format';

type GetMyEarnings = (typeof contracts)['getMyEarnings'];

export type Balance = ResponseOf<typeof listMyWithdrawalsContract>['balance'];
type EarningsEntry = ResponseOf<GetMyEarnings>['entries'][number];

export interface Figure {
  readonly label: string;
  readonly value: string;
}

export interface BalanceView {
  /** 可提现, 待结算, 已提现, 提现中. */
  readonly figures: Figure[];
  /** Refunds taken back from earnings already withdrawable ('' for none). */
  readonly clawbackNote: string;
  /** Under the amount field: the limits and the most they may ask now. */
  readonly hint: string;
  readonly canWithdraw: boolean;
  /** The most they may ask now, as the amount field's text for 全部. */
  readonly maxText: string;
}

const time = (at: number) => formatBusinessTime(at, 'YYYY-MM-DD HH:mm');

export function balanceView(balance: Balance): BalanceView {
  const canWithdraw = balance.maxWithdrawal > 0;
  const limits = `单笔最低 ${priceText(balance.minimum)}，每日累计最多 ${priceText(balance.dailyCap)}`;
  return {
    figures: [
      { label: '可提现', value: priceText(balance.available) },
      { label: '待结算', value: priceText(balance.prospective) },
      { label: '已提现', value: priceText(balance.paidOut) },
      { label: '提现中', value: priceText(balance.reserved) },
    ],
    clawbackNote: balance.clawedBack > 0 ? `已扣除售后退款 ${priceText(balance.clawedBack)}` : '',
    hint: canWithdraw
      ? `${limits}；本次最多可提 ${priceText(balance.maxWithdrawal)}`
      : `${limits}；当前没有可提现的金额`,
    canWithdraw,
    maxText: canWithdraw ? priceText(balance.maxWithdrawal).slice(1) : '',
  };
}

export type StepState = 'done' | 'current' | 'failed' | 'todo';

export interface Step {
  readonly label: string;
  readonly state: StepState;
}

export interface WithdrawalRow {
  readonly withdrawalId: string;
  readonly amountText: string;
  readonly statusLabel: string;
  readonly timeText: string;
  /** 提交申请 → 平台审核 → 微信转账 → 到账, each done, under way, failed or to come. */
  readonly steps: Step[];
  /** Ops' reason, WeChat's, or what to do now ('' for nothing to say). */
  readonly note: string;
  /** WeChat waits for the leader to confirm the receipt: what 确认收款 hands to WeChat. */
  readonly canConfirm: boolean;
  readonly confirmation: WithdrawalView['confirmation'] | null;
  /** The row's tag: under way, ended well, or ended without the money. */
  readonly tone: 'primary' | 'success' | 'default';
}

const STEP_LABELS = ['提交申请', '平台审核', '微信转账', '到账'] as const;

/** Where each status stands on the progress line: the step under way (or where it ended) and how. */
const PROGRESS: Record<WithdrawalStatus, { readonly at: number; readonly state: StepState }> = {
  requested: { at: 1, state: 'current' },
  approved: { at: 2, state: 'current' },
  failed: { at: 2, state: 'current' },
  flagged: { at: 2, state: 'current' },
  transferring: { at: 2, state: 'current' },
  transferred: { at: 3, state: 'done' },
  declined: { at: 1, state: 'failed' },
  voided: { at: 2, state: 'failed' },
};

function stepsOf(status: WithdrawalStatus): Step[] {
  const { at, state } = PROGRESS[status];
  return STEP_LABELS.map((label, i) => ({ label, state: i < at ? 'done' : i === at ? state : 'todo' }));
}

/** Why WeChat ended a transfer unpaid, in words (its `fail_reason` otherwise). */
const FAIL_REASONS: Record<string, string> = {
  OVERDUE_CLOSE: '超过 24 小时未确认收款',
};

function noteOf(withdrawal: WithdrawalView): string {
  if (withdrawal.confirmation) return '请在 24 小时内确认收款，逾期金额将退回余额';
  if (withdrawal.declineReason) return `拒绝原因：${withdrawal.declineReason}，金额已退回余额`;
  if (withdrawal.failReason) {
    return `${FAIL_REASONS[withdrawal.failReason] ?? withdrawal.failReason}，金额已退回余额，可重新申请`;
  }
  return '';
}

export function withdrawalRow(withdrawal: WithdrawalView): WithdrawalRow {
  const steps = stepsOf(withdrawal.status);
  const ended = steps.some((s) => s.state === 'failed');
  return {
    withdrawalId: withdrawal.withdrawalId,
    amountText: priceText(withdrawal.amount),
    statusLabel: withdrawal.confirmation ? '待确认收款' : withdrawal.statusLabel,
    timeText: time(withdrawal.transferredAt ?? withdrawal.createdAt),
    steps,
    note: noteOf(withdrawal),
    canConfirm: withdrawal.confirmation !== undefined,
    confirmation: withdrawal.confirmation ?? null,
    tone: withdrawal.transferredAt !== undefined ? 'success' : ended ? 'default' : 'primary',
  };
}

export interface EntryRow {
  readonly entryId: string;
  readonly title: string;
  readonly statusLabel: string;
  readonly amountText: string;
  /** A refund taken back after the entry was withdrawable ('' for none). */
  readonly note: string;
  readonly timeText: string;
}

export function entryRow(entry: EarningsEntry): EntryRow {
  return {
    entryId: entry.entryId,
    title: entry.kindLabel,
    statusLabel: entry.statusLabel,
    amountText: priceText(entry.amount),
    note: entry.clawedBack > 0 ? `售后扣回 ${priceText(entry.clawedBack)}` : '',
    timeText: time(entry.createdAt),
  };
}

/** requestWithdrawal's request for the typed amount, or what to fix first (the server checks the rest). */
export function withdrawRequest(
  amountText: string,
  requestKey: string,
): RequestOf<typeof requestWithdrawalContract> | { error: string } {
  const amount = yuanToFen(amountText);
  if (amount === undefined || amount <= 0) return { error: '请输入提现金额（元，最多两位小数）' };
  return { amount, requestKey };
}

/** The modal 申请提现 asks first. */
export const withdrawModal = (amount: number) =>
  ({
    title: '申请提现',
    content: `提现 ${priceText(amount)} 到微信零钱。平台审核通过后，请在本页确认收款。`,
    confirmText: '提交',
  }) as const;

export type EarningsTab = 'withdrawals' | 'entries';

export const TABS: readonly { readonly tab: EarningsTab; readonly label: string }[] = [
  { tab: 'withdrawals', label: '提现记录' },
  { tab: 'entries', label: '佣金明细' },
];

export type EarningsState =
  | { readonly state: 'error'; readonly message: string }
  | {
      readonly state: 'ready';
      readonly message: '';
      readonly balance: BalanceView;
      readonly withdrawals: WithdrawalRow[];
      readonly withdrawalsMore: boolean;
      readonly entries: EntryRow[];
      readonly entriesMore: boolean;
    };

/** The page for its first two answers: the withdrawals (with the balance) and the first entries. */
export function earningsLoaded(
  withdrawals: Envelope<ResponseOf<typeof listMyWithdrawalsContract>>,
  earnings: Envelope<ResponseOf<GetMyEarnings>>,
): EarningsState {
  if (!withdrawals.ok) return { state: 'error', message: withdrawals.error.message };
  if (!earnings.ok) return { state: 'error', message: earnings.error.message };
  return {
    state: 'ready',
    message: '',
    balance: balanceView(withdrawals.data.balance),
    withdrawals: withdrawals.data.withdrawals.map(withdrawalRow),
    withdrawalsMore: withdrawals.data.hasMore,
    entries: earnings.data.entries.map(entryRow),
    entriesMore: earnings.data.hasMore,
  };
}

/** A new withdrawal first in the list (its earlier row, if a retried tap answered it again, replaced). */
export const withNewWithdrawal = (rows: readonly WithdrawalRow[], withdrawal: WithdrawalView): WithdrawalRow[] => [
  withdrawalRow(withdrawal),
  ...rows.filter((row) => row.withdrawalId !== withdrawal.withdrawalId),
];
