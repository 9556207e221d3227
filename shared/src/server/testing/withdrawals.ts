/**
 * 团长 withdrawals in platform tests: a registered leader with withdrawable commission entries (written straight
 * into the emulator, as completed orders leave them), their withdrawals asked and answered, and WeChat's side.
 */
import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../../testing/platform';
import { leaderDoc, RULE } from './commissions';
import { HOUR } from './group-buy.fixtures';
import { job } from './ops';
import { answer } from './shopper';
import { act } from './fulfilment';

let n = 0;

/** A registered leader whose entries of `amounts` (fen) are withdrawable; answers their openid. */
export async function withdrawableLeader(platform: Platform, amounts: readonly number[]): Promise<string> {
  const openid = `o-wd-${++n}-${Date.now().toString(36)}`;
  await platform.insert('leaders', [leaderDoc(openid, `pp-wd-${openid}`)]);
  await addEntries(platform, openid, amounts);
  return openid;
}

/** More withdrawable entries for a leader. */
export async function addEntries(platform: Platform, openid: string, amounts: readonly number[]): Promise<string[]> {
  const at = Date.now() - HOUR;
  const docs = amounts.map((amount, i) => {
    const orderId = `O-wd-${++n}-${i}`;
    return {
      _id: `CO${orderId}`,
      kind: 'group_opener',
      leaderOpenid: openid,
      activityId: 'A-wd',
      orderId,
      rule: RULE,
      orderTotal: amount * 10,
      quantity: 1,
      ruledAmount: amount,
      amount,
      clawedBack: 0,
      status: 'withdrawable',
      withdrawableAt: at + n,
      history: [{ at, event: 'recorded', status: 'withdrawable', amount, clawedBack: 0 }],
      createdAt: at,
      updatedAt: at,
    };
  });
  if (docs.length > 0) await platform.insert('commission_entries', docs);
  return docs.map((d) => d._id);
}

export interface WithdrawalAnswer {
  readonly withdrawal: {
    withdrawalId: string;
    amount: number;
    status: string;
    statusLabel: string;
    confirmation?: { mchId: string; appId: string; packageInfo: string };
    [k: string]: unknown;
  };
  readonly balance: Record<string, number>;
}

/** The leader asks to withdraw `amount` (a fresh key unless given): the envelope. */
export const askWithdrawal = (platform: Platform, openid: string, amount: number, requestKey: string = randomUUID()) =>
  answer<WithdrawalAnswer>(platform, 'requestWithdrawal', openid, { amount, requestKey });

/** The leader asks for `amount` and ops approve it: answers the withdrawal's id. */
export async function approvedWithdrawal(platform: Platform, openid: string, amount: number, ops: string) {
  const asked = await askWithdrawal(platform, openid, amount);
  if (!asked.ok) throw new Error(`requestWithdrawal: ${asked.error.code}`);
  const id = asked.data.withdrawal.withdrawalId;
  await act(platform, 'approveWithdrawal', { withdrawalId: id, requestKey: randomUUID() }, ops);
  return id;
}

/** The withdrawal is due for the payout job now (its grace or backoff has passed). */
export const dueNow = (platform: Platform, withdrawalId: string) =>
  platform.update('withdrawals', { _id: withdrawalId }, { $set: { nextAttemptAt: Date.now() - 1 } });

/** Runs the payout job on the withdrawal now. */
export async function payoutNow(platform: Platform, withdrawalId: string) {
  await dueNow(platform, withdrawalId);
  return job(platform, 'payoutWithdrawals');
}

export const withdrawalDoc = (platform: Platform, id: string) => platform.get('withdrawals', id);

/** How many bills WeChat holds under this number (0 or 1: the sandbox keys them by it), and how many in all. */
export const billsOf = (platform: Platform, outBillNo: string) =>
  platform.emulator.transfer.list().filter((b) => b.outBillNo === outBillNo).length;
