/**
 * transferCallback through the emulator's HTTP access route, posted by the 商家转账 sandbox: WeChat's
 * MCHTRANSFER.BILL.FINISHED, delivered three times at once and out of order, applies once; one arriving before the
 * payout job learnt of the bill (its create answer lost) still applies; a bill that ends unpaid voids the withdrawal
 * and its amount is back in the balance; a notification that does not verify is refused and changes nothing.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TRANSFER_NOTIFY_PATH } from '../../contracts/transfer-callback.contract';
import { staffToken } from '../testing/fulfilment';
import { answer } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';
import { approvedWithdrawal, payoutNow, withdrawableLeader, withdrawalDoc } from '../testing/withdrawals';

const platform = usePlatform();
let ops: string;

beforeAll(async () => {
  ops = await staffToken(platform, 'wd-callback-ops');
});
beforeEach(() => {
  platform.emulator.transfer.setFaults({});
});

const balanceOf = async (openid: string) => {
  const got = await answer<{ balance: Record<string, number> }>(platform, 'getMyEarnings', openid, {});
  if (!got.ok) throw new Error(got.error.code);
  return got.data.balance;
};

/** An approved withdrawal whose bill waits for its leader. */
async function waiting(amount: number) {
  const leader = await withdrawableLeader(platform, [amount]);
  const id = await approvedWithdrawal(platform, leader, amount, ops);
  await payoutNow(platform, id);
  expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'transferring' });
  return { leader, id };
}

describe('transferCallback', () => {
  it('the route the sandbox notifies is the function’s own', async () => {
    const { readFile } = await import('node:fs/promises');
    const config = JSON.parse(await readFile('cloudfunctions/transferCallback/config.json', 'utf8')) as {
      http: { path: string };
    };
    expect(config.http.path).toBe(TRANSFER_NOTIFY_PATH);
    expect(platform.emulator.transfer.functionEnv(platform.emulator.url).WECHATPAY_TRANSFER_NOTIFY_URL).toBe(
      `${platform.emulator.url}${TRANSFER_NOTIFY_PATH}`,
    );
  });

  it('a notification sent three times at once, in any order, applies once', async () => {
    const { leader, id } = await waiting(1_500);
    platform.emulator.transfer.setFaults({ duplicateCallbacks: 2, callbackDelayMs: [0, 40] });
    platform.emulator.transfer.confirm({ outBillNo: id });
    await platform.settle();
    const paid = await withdrawalDoc(platform, id);
    expect(paid).toMatchObject({ status: 'transferred', billState: 'SUCCESS', transferredAt: expect.any(Number) });
    for (let i = 0; i < 3; i++) platform.emulator.transfer.renotify(id);
    await platform.settle();
    expect(await withdrawalDoc(platform, id)).toEqual(paid);
    const delivered = platform.emulator.transfer.deliveries().filter((d) => d.key === id);
    expect(delivered.length).toBeGreaterThanOrEqual(6);
    expect(await balanceOf(leader)).toMatchObject({ paidOut: 1_500, reserved: 0, available: 0 });
    const entries = await platform.find('commission_entries', { leaderOpenid: leader });
    expect(entries.map((e) => [e.status, (e.history as unknown[]).length])).toEqual([['paid_out', 2]]);
  });

  it('WeChat’s notification before the job learnt of the bill (its create answer lost) still applies', async () => {
    const leader = await withdrawableLeader(platform, [800]);
    const id = await approvedWithdrawal(platform, leader, 800, ops);
    platform.emulator.transfer.setFaults({ failureRate: 1, failureMode: 'after', failureApis: ['create'] });
    await payoutNow(platform, id);
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'failed', attempts: 1 });
    platform.emulator.transfer.setFaults({});
    platform.emulator.transfer.confirm({ outBillNo: id });
    await platform.settle();
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'transferred', attempts: 1 });
    expect(await payoutNow(platform, id)).toMatchObject({ scanned: 0 });
    expect(platform.emulator.transfer.list().filter((b) => b.openid === leader)).toHaveLength(1);
  });

  it('a bill WeChat ends unpaid voids the withdrawal: its amount is back in the balance', async () => {
    const { leader, id } = await waiting(700);
    platform.emulator.transfer.confirm({ outBillNo: id }, { failReason: 'ACCOUNT_FROZEN' });
    await platform.settle();
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'voided', failReason: 'ACCOUNT_FROZEN' });
    expect(await balanceOf(leader)).toMatchObject({ reserved: 0, paidOut: 0, available: 700 });
    const listed = await answer<{ withdrawals: { statusLabel: string; failReason?: string }[] }>(
      platform,
      'listMyWithdrawals',
      leader,
      {},
    );
    expect(listed.ok && listed.data.withdrawals[0]).toMatchObject({
      statusLabel: '转账未完成，金额已退回',
      failReason: 'ACCOUNT_FROZEN',
    });
  });

  it('refuses a notification that does not verify, changing nothing', async () => {
    const { id } = await waiting(600);
    const before = await withdrawalDoc(platform, id);
    const forged = JSON.stringify({
      id: 'EV-forged',
      event_type: 'MCHTRANSFER.BILL.FINISHED',
      resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext: 'AAAAAAAAAAAAAAAAAAAAAAAA', nonce: 'abcdefghijkl' },
    });
    const res = await fetch(`${platform.emulator.url}${TRANSFER_NOTIFY_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'wechatpay-timestamp': String(Math.floor(Date.now() / 1000)),
        'wechatpay-nonce': 'n0nce',
        'wechatpay-serial': platform.emulator.transfer.platformKeyId,
        'wechatpay-signature': 'bm90IGEgc2lnbmF0dXJl',
      },
      body: forged,
    });
    expect(res.status).toBe(401);
    expect(await withdrawalDoc(platform, id)).toEqual(before);
  });
});
