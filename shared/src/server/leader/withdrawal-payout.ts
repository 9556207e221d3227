/**
 * Paying a withdrawal out through WeChat's 商家转账 (`PayoutGateway`), shared by the payout job and the transfer
 * notification. WeChat is always asked about the bill (`out_bill_no` = the withdrawal's id) before a bill is made,
 * so an answer lost after WeChat made it never leads to a second one, and a bill is made under the same number
 * on every attempt. Each answer becomes the domain's step (`transferStep`) written conditionally on the statuses
 * and attempts it was decided on; a write that finds the withdrawal moved reads it again and decides again, so a
 * repeated, late or concurrent answer applies once. A transferred withdrawal then covers the leader's oldest
 * withdrawable entries (`entriesCoveredBy`: `paid_out`), which the balance counts once either way.
 */
import { commissionMachine } from '../../domain/commission.machine';
import { entriesCoveredBy, stepCommission } from '../../domain/commission';
import { type TransferAnswer, transferStep } from '../../domain/withdrawal-step';
import {
  isAwaitingTransferResult,
  TRANSFER_REMARK,
  WITHDRAWAL_PAID_STATUS,
  type WithdrawalStatus,
} from '../../domain/withdrawal.machine';
import type { Withdrawal } from '../../domain/withdrawal.schema';
import { listLeaderSettledEntries, stepCommissionEntry } from '../repositories/commission.repository';
import { getWithdrawal, sumTransferred, writeWithdrawalStep } from '../repositories/withdrawal.repository';
import { isPayoutProviderError, type PayoutBill, type PayoutGateway, type PayoutRequest } from '../providers/payouts';
import { wechatpayTransferFromEnv } from '../providers/wechatpay-transfer';
import type { InvocationContext } from '../runtime/call-context';

/** 佣金报酬: the transfer scene a 团长's commission is paid under, and what it requires reported. */
export const COMMISSION_TRANSFER_SCENE = {
  sceneId: '1005',
  reportInfos: [
    { type: '岗位类型', content: '社区团长' },
    { type: '报酬说明', content: '团长佣金提现' },
  ],
  userRecvPerception: '劳务报酬',
} as const;

/** Where WeChat sends the bill's MCHTRANSFER.BILL.FINISHED: the transferCallback function's HTTP route. */
const notifyUrl = (): string | undefined => process.env.WECHATPAY_TRANSFER_NOTIFY_URL?.trim() || undefined;

/** The bill WeChat is asked for: always the same for one withdrawal, so a retry is the same bill to WeChat. */
export function payoutRequestFor(withdrawal: Withdrawal): PayoutRequest {
  const url = notifyUrl();
  return {
    outBillNo: withdrawal.outBillNo,
    openid: withdrawal.leaderOpenid,
    amountFen: withdrawal.amount,
    remark: TRANSFER_REMARK,
    sceneId: COMMISSION_TRANSFER_SCENE.sceneId,
    reportInfos: COMMISSION_TRANSFER_SCENE.reportInfos,
    userRecvPerception: COMMISSION_TRANSFER_SCENE.userRecvPerception,
    ...(url ? { notifyUrl: url } : {}),
  };
}

export const billAnswer = (bill: PayoutBill): TransferAnswer => ({
  kind: 'bill',
  state: bill.state,
  transferBillNo: bill.transferBillNo,
  packageInfo: bill.packageInfo,
  failReason: bill.failReason,
});

const errorAnswer = (error: unknown): TransferAnswer =>
  isPayoutProviderError(error)
    ? { kind: 'error', reason: `${error.failure}: ${error.message}`.slice(0, 500), permanent: error.needsPerson }
    : { kind: 'error', reason: (error instanceof Error ? error.message : String(error)).slice(0, 500) };

const STEP_ATTEMPTS = 5;

/**
 * Applies WeChat's answer about a withdrawal (a bill, or a failed call) as the domain says, once: answers the status
 * it has afterwards (the same when the answer changed nothing), or undefined when there is no such withdrawal.
 */
export async function applyTransferAnswer(
  withdrawalId: string,
  answer: TransferAnswer,
  ctx: InvocationContext,
  known?: Withdrawal,
): Promise<WithdrawalStatus | undefined> {
  let current = known ?? (await getWithdrawal(withdrawalId));
  for (let attempt = 0; current && attempt < STEP_ATTEMPTS; attempt++) {
    const step = transferStep(current, answer, ctx.clock.now());
    if (!step) break;
    if (await writeWithdrawalStep(current, step)) {
      if (step.patch.status === WITHDRAWAL_PAID_STATUS) await coverPaidEntries(current.leaderOpenid, ctx);
      if (step.event === 'gave_up') {
        ctx.log.error('withdrawal flagged for ops', { withdrawalId, reason: step.patch.lastError });
      }
      return step.patch.status;
    }
    current = await getWithdrawal(withdrawalId);
  }
  if (current?.status === WITHDRAWAL_PAID_STATUS) await coverPaidEntries(current.leaderOpenid, ctx);
  return current?.status;
}

/**
 * The leader's withdrawable entries that their paid withdrawals now cover become `paid_out`, oldest first. Safe to
 * call any number of times: each step is conditional on the entry as read, and a covered entry stays covered.
 */
export async function coverPaidEntries(leaderOpenid: string, ctx: InvocationContext): Promise<number> {
  const now = ctx.clock.now();
  const [transferred, entries] = await Promise.all([
    sumTransferred(leaderOpenid),
    listLeaderSettledEntries(leaderOpenid),
  ]);
  let stepped = 0;
  for (const id of entriesCoveredBy(entries, transferred)) {
    const entry = entries.find((e) => e._id === id);
    if (!entry || !commissionMachine.next(entry.status, 'covered_by_withdrawal')) continue;
    if (await stepCommissionEntry(entry, stepCommission(entry, 'covered_by_withdrawal', now))) stepped += 1;
  }
  return stepped;
}

/**
 * One payout attempt for a withdrawal the job claimed: WeChat is asked about the bill first; a bill it has is applied
 * as it stands; none, and the withdrawal is to be transferred, the bill is made (same number). A failed call is one
 * failed attempt for a withdrawal still to be transferred, and nothing for a bill under way (looked at next run).
 */
export async function payOut(
  withdrawal: Withdrawal,
  ctx: InvocationContext,
  gateway: PayoutGateway = wechatpayTransferFromEnv(),
): Promise<WithdrawalStatus | undefined> {
  let bill: PayoutBill | undefined;
  try {
    bill = await gateway.query(withdrawal.outBillNo);
  } catch (error) {
    ctx.log.warn('transfer bill query failed', { withdrawalId: withdrawal._id, error: errorAnswer(error) });
    if (isAwaitingTransferResult(withdrawal.status)) return withdrawal.status;
    return applyTransferAnswer(withdrawal._id, errorAnswer(error), ctx);
  }
  if (bill) return applyTransferAnswer(withdrawal._id, billAnswer(bill), ctx);
  if (isAwaitingTransferResult(withdrawal.status)) {
    ctx.log.error('a bill under way is unknown to WeChat', { withdrawalId: withdrawal._id });
    return withdrawal.status;
  }
  try {
    bill = await gateway.create(payoutRequestFor(withdrawal));
  } catch (error) {
    ctx.log.warn('transfer bill request failed; asked again later under the same number', {
      withdrawalId: withdrawal._id,
      error: errorAnswer(error),
    });
    return applyTransferAnswer(withdrawal._id, errorAnswer(error), ctx);
  }
  return applyTransferAnswer(withdrawal._id, billAnswer(bill), ctx);
}
