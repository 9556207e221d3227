/**
 * Ops' withdrawal actions in the console, through the emulator: search by status and leader; approve (due for the
 * payout job) and decline with a reason (the amount back in the balance), each audited and keyed (the same key again
 * changes nothing, a second answer is refused); retry only a flagged one; merchants refused.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, refusedWith, staffToken } from '../testing/fulfilment';
import { answer } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';
import { askWithdrawal, withdrawableLeader, withdrawalDoc } from '../testing/withdrawals';

const platform = usePlatform();
let ops: string;
let merchant: string;

beforeAll(async () => {
  [ops, merchant] = await Promise.all([
    staffToken(platform, 'wd-review-ops'),
    staffToken(platform, 'wd-review-merchant', 'm-wd'),
  ]);
});

async function requested(openid: string, amount: number): Promise<string> {
  const asked = await askWithdrawal(platform, openid, amount);
  if (!asked.ok) throw new Error(asked.error.code);
  return asked.data.withdrawal.withdrawalId;
}

const available = async (openid: string) => {
  const got = await answer<{ balance: { available: number } }>(platform, 'getMyEarnings', openid, {});
  if (!got.ok) throw new Error(got.error.code);
  return got.data.balance.available;
};

const auditsOf = (id: string) => platform.find('audit_logs', { target: `withdrawal/${id}` });

type Answered = { withdrawal: { status: string; actions: string[]; leaderName?: string; declineReason?: string } };

describe('withdrawals in the console', () => {
  it('approves once per key, audited; a second answer is refused', async () => {
    const leader = await withdrawableLeader(platform, [5_000]);
    const id = await requested(leader, 2_000);
    const key = randomUUID();
    const approved = await act<Answered>(platform, 'approveWithdrawal', { withdrawalId: id, requestKey: key }, ops);
    expect(approved.withdrawal).toMatchObject({ status: 'approved', actions: [], leaderName: '李秀英' });
    const doc = await withdrawalDoc(platform, id);
    expect(doc).toMatchObject({ reviewedBy: 'staff:wd-review-ops', decisionKey: key });
    expect(await act<Answered>(platform, 'approveWithdrawal', { withdrawalId: id, requestKey: key }, ops)).toEqual(
      approved,
    );
    expect(await withdrawalDoc(platform, id)).toEqual(doc);
    expect(
      await refusedWith(
        platform,
        'declineWithdrawal',
        { withdrawalId: id, requestKey: randomUUID(), reason: '重复' },
        ops,
      ),
    ).toMatchObject({ code: 'WITHDRAWAL_NOT_ACTIONABLE' });
    const audits = await auditsOf(id);
    expect(audits.map((a) => (a.after as { repeat?: boolean }).repeat ?? false)).toEqual([false, true]);
    expect(await available(leader)).toBe(3_000);
  });

  it('declines with a reason: the amount is back in the balance and today’s cap', async () => {
    const leader = await withdrawableLeader(platform, [150_000]);
    const id = await requested(leader, 100_000);
    expect(await available(leader)).toBe(50_000);
    const declined = await act<Answered>(
      platform,
      'declineWithdrawal',
      { withdrawalId: id, requestKey: randomUUID(), reason: '账户信息待核实' },
      ops,
    );
    expect(declined.withdrawal).toMatchObject({ status: 'declined', declineReason: '账户信息待核实' });
    expect(await available(leader)).toBe(150_000);
    // A declined withdrawal no longer counts against the day's ¥1000.
    expect((await askWithdrawal(platform, leader, 100_000)).ok).toBe(true);
  });

  it('retries only a flagged withdrawal; refuses merchants; searches by status and leader', async () => {
    const leader = await withdrawableLeader(platform, [3_000]);
    const id = await requested(leader, 1_000);
    expect(
      await refusedWith(platform, 'retryWithdrawal', { withdrawalId: id, requestKey: randomUUID() }, ops),
    ).toMatchObject({ code: 'WITHDRAWAL_NOT_ACTIONABLE' });
    expect(
      await refusedWith(platform, 'approveWithdrawal', { withdrawalId: id, requestKey: randomUUID() }, merchant),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await withdrawalDoc(platform, id)).toMatchObject({ status: 'requested' });

    const found = await act<{ items: { withdrawalId: string; actions: string[] }[] }>(
      platform,
      'searchWithdrawals',
      { status: 'requested', leaderOpenid: leader },
      ops,
    );
    expect(found.items).toEqual([expect.objectContaining({ withdrawalId: id, actions: ['approve', 'decline'] })]);
    const none = await act<{ items: unknown[] }>(
      platform,
      'searchWithdrawals',
      { status: 'flagged', leaderOpenid: leader },
      ops,
    );
    expect(none.items).toEqual([]);
  });
});
