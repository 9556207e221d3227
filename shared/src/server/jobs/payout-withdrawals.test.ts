/**
 * payoutWithdrawals through the emulator and its 商家转账 sandbox: an approved withdrawal becomes a bill under its
 * own number and waits for the leader (its `packageInfo` shown); confirmed, WeChat's notification marks it
 * transferred and its entries paid out, counted once in the balance. A transfer that fails and then succeeds, a
 * create whose answer was lost (the bill found by query, never a second one), two runs at once (one bill), five
 * failures (flagged) and ops' retry of a flagged one (same number).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { staffToken } from '../testing/fulfilment';
import { job } from '../testing/ops';
import { answer } from '../testing/shopper';
import { act } from '../testing/fulfilment';
import { usePlatform } from '../testing/use-platform';
import {
  approvedWithdrawal,
  billsOf,
  dueNow,
  payoutNow,
  withdrawableLeader,
  withdrawalDoc,
} from '../testing/withdrawals';

const platform = usePlatform();
let ops: string;

beforeAll(async () => {
  ops = await staffToken(platform, 'wd-payout-ops');
});
beforeEach(() => {
  platform.emulator.transfer.setFaults({});
  // A test that lets WeChat confirm by itself must not leave it on for the next one.
  platform.emulator.transfer.configure({ autoConfirm: false });
});

const earnings = async (openid: string) => {
  const got = await answer<{ balance: Record<string, number>; entries: { status: string }[] }>(
    platform,
    'getMyEarnings',
    openid,
    {},
  );
  if (!got.ok) throw new Error(got.error.code);
  return got.data;
};

describe('payoutWithdrawals', () => {
  it('pays an approved withdrawal once the leader confirms: transferred, entries paid out, counted once', async () => {
    const leader = await withdrawableLeader(platform, [600, 400, 500]);
    const id = await approvedWithdrawal(platform, leader, 1_000, ops);
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'approved' });
    expect(await job(platform, 'payoutWithdrawals')).toMatchObject({ scanned: 0 }); // within the grace after approval
    expect(await payoutNow(platform, id)).toMatchObject({ scanned: 1, changed: 1 });
    const waiting = await withdrawalDoc(platform, id);
    expect(waiting).toMatchObject({ status: 'transferring', billState: 'WAIT_USER_CONFIRM', outBillNo: id });
    const listed = await answer<{ withdrawals: { confirmation?: { packageInfo: string; mchId: string } }[] }>(
      platform,
      'listMyWithdrawals',
      leader,
      {},
    );
    if (!listed.ok) throw new Error(listed.error.code);
    expect(listed.data.withdrawals[0]?.confirmation).toEqual({
      mchId: platform.emulator.transfer.mchid,
      appId: platform.emulator.transfer.appid,
      packageInfo: waiting?.packageInfo,
    });
    expect((await earnings(leader)).balance).toMatchObject({ reserved: 1_000, paidOut: 0, available: 500 });

    // The leader confirms in WeChat (wx.requestMerchantTransfer); WeChat notifies transferCallback.
    platform.emulator.transfer.confirm({ packageInfo: waiting?.packageInfo as string });
    await platform.settle();
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'transferred', billState: 'SUCCESS' });
    const after = await earnings(leader);
    expect(after.balance).toMatchObject({ withdrawableEarned: 1_500, reserved: 0, paidOut: 1_000, available: 500 });
    // The oldest entries the ¥10.00 covers are paid out; the ¥5.00 one is not covered whole and stays.
    expect(after.entries.map((e) => e.status).sort()).toEqual(['paid_out', 'paid_out', 'withdrawable']);
    expect(billsOf(platform, id)).toBe(1);
    expect(platform.emulator.transfer.bill(id)).toMatchObject({ amountFen: 1_000, openid: leader, sceneId: '1005' });
  });

  it('a transfer request that fails, then succeeds: one failed attempt, then the bill', async () => {
    const leader = await withdrawableLeader(platform, [2_000]);
    const id = await approvedWithdrawal(platform, leader, 2_000, ops);
    platform.emulator.transfer.setFaults({ failureRate: 1, failureApis: ['create'] });
    await payoutNow(platform, id);
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(billsOf(platform, id)).toBe(0);
    platform.emulator.transfer.setFaults({});
    await job(platform, 'payoutWithdrawals'); // not due yet: the backoff
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'failed' });
    await payoutNow(platform, id);
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'transferring', attempts: 1 });
    expect(billsOf(platform, id)).toBe(1);
  });

  it('a create whose answer was lost: the next run finds the bill by query and makes no second one', async () => {
    const leader = await withdrawableLeader(platform, [2_000]);
    const id = await approvedWithdrawal(platform, leader, 1_200, ops);
    platform.emulator.transfer.setFaults({ failureRate: 1, failureMode: 'after', failureApis: ['create'] });
    await payoutNow(platform, id);
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(billsOf(platform, id)).toBe(1);
    // Still failing creates: the query finds the bill first, so create is never asked again.
    await payoutNow(platform, id);
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'transferring', billState: 'WAIT_USER_CONFIRM' });
    expect(platform.emulator.transfer.list().filter((b) => b.openid === leader)).toHaveLength(1);
  });

  it('two runs at once pay once', async () => {
    const leader = await withdrawableLeader(platform, [3_000]);
    const id = await approvedWithdrawal(platform, leader, 3_000, ops);
    platform.emulator.transfer.configure({ autoConfirm: true });
    await dueNow(platform, id);
    const reports = await Promise.all([job(platform, 'payoutWithdrawals'), job(platform, 'payoutWithdrawals')]);
    expect(reports.reduce((sum, r) => sum + r.changed, 0)).toBe(1);
    await platform.settle();
    await payoutNow(platform, id);
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'transferred', attempts: 0 });
    expect(platform.emulator.transfer.list().filter((b) => b.openid === leader)).toHaveLength(1);
    expect((await earnings(leader)).balance).toMatchObject({ paidOut: 3_000, available: 0, reserved: 0 });
  });

  it('flags a withdrawal after five failures; ops ask again under the same number and its bill is made', async () => {
    const leader = await withdrawableLeader(platform, [900]);
    const id = await approvedWithdrawal(platform, leader, 900, ops);
    platform.emulator.transfer.setFaults({ failureRate: 1, failureAnswer: 'FREQUENCY_LIMITED' });
    for (let attempt = 1; attempt <= 5; attempt++) await payoutNow(platform, id);
    expect(await withdrawalDoc(platform, id)).toMatchObject({
      status: 'flagged',
      attempts: 5,
      lastError: expect.stringContaining('rate_limited'),
    });
    expect(await payoutNow(platform, id)).toMatchObject({ scanned: 0 }); // ops' now, not the job's
    expect((await earnings(leader)).balance).toMatchObject({ reserved: 900, available: 0 });

    platform.emulator.transfer.setFaults({});
    const retried = await act<{ withdrawal: { status: string } }>(
      platform,
      'retryWithdrawal',
      { withdrawalId: id, requestKey: 'retry-wd-0001' },
      ops,
    );
    expect(retried.withdrawal.status).toBe('approved');
    expect(await job(platform, 'payoutWithdrawals')).toMatchObject({ changed: 1 });
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'transferring', outBillNo: id });
    expect(billsOf(platform, id)).toBe(1);
  });
});
