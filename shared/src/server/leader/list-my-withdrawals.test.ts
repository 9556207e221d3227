/**
 * listMyWithdrawals through the emulator: a leader's withdrawals newest first, paged, each with its status in words
 * (ops' reason when declined), and their balance; anyone else refused.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { refusal } from '../testing/envelopes';
import { act, staffToken } from '../testing/fulfilment';
import { answer } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';
import { askWithdrawal, withdrawableLeader } from '../testing/withdrawals';

const platform = usePlatform();

interface Listed {
  withdrawals: { withdrawalId: string; amount: number; statusLabel: string; declineReason?: string }[];
  hasMore: boolean;
  balance: Record<string, number>;
}
const list = (openid: string, body: Record<string, unknown> = {}) =>
  answer<Listed>(platform, 'listMyWithdrawals', openid, body);

describe('listMyWithdrawals', () => {
  it('answers the withdrawals newest first, paged, with their labels and the balance', async () => {
    const ops = await staffToken(platform, 'wd-list-ops');
    const leader = await withdrawableLeader(platform, [10_000]);
    const ids: string[] = [];
    for (const amount of [100, 200, 300]) {
      const asked = await askWithdrawal(platform, leader, amount);
      if (!asked.ok) throw new Error(asked.error.code);
      ids.push(asked.data.withdrawal.withdrawalId);
    }
    await act(
      platform,
      'declineWithdrawal',
      { withdrawalId: ids[0], requestKey: randomUUID(), reason: '请核对收款账户后再申请' },
      ops,
    );
    const page = await list(leader, { limit: 2 });
    if (!page.ok) throw new Error(page.error.code);
    expect(page.data.withdrawals.map((w) => w.amount)).toEqual([300, 200]);
    expect(page.data.withdrawals[0]?.statusLabel).toBe('待审核');
    expect(page.data.hasMore).toBe(true);
    expect(page.data.balance).toMatchObject({
      reserved: 500,
      available: 9_500,
      maxWithdrawal: 9_500,
      minimum: 100,
      dailyCap: 100_000,
    });
    const rest = await list(leader, { limit: 2, offset: 2 });
    if (!rest.ok) throw new Error(rest.error.code);
    expect(rest.data.withdrawals).toEqual([
      expect.objectContaining({ amount: 100, statusLabel: '已拒绝', declineReason: '请核对收款账户后再申请' }),
    ]);
    expect(rest.data.hasMore).toBe(false);
  });

  it('refuses a shopper who is not a registered leader', async () => {
    expect(refusal(await list('o-wd-nobody'))).toBe('FORBIDDEN');
  });
});
