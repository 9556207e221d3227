/**
 * getMyEarnings through the bundled function in the emulator: a leader's balance by state (withdrawable less
 * clawbacks, 预估收入 still waiting), their entries newest first and paged, and anyone else refused.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leaderActivity, windowClosed } from '../testing/commissions';
import { staffToken } from '../testing/fulfilment';
import { job } from '../testing/ops';
import { answer, joinGroupAs, openGroupAs } from '../testing/shopper';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

interface Earnings {
  balance: Record<string, number>;
  entries: { entryId: string; kind: string; status: string; statusLabel: string; amount: number }[];
  hasMore: boolean;
}

const earnings = (openid: string, body: Record<string, unknown> = {}) =>
  answer<Earnings>(platform, 'getMyEarnings', openid, body);

describe('getMyEarnings', () => {
  it('answers the balance by state and the entries, newest first, paged', async () => {
    const { fx, opener, keeper } = await leaderActivity(platform);
    const { groupId, orderId } = await openGroupAs(platform, fx, opener);
    await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
    await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`);
    await windowClosed(platform, orderId);
    await job(platform, 'completeOrders');
    const ops = await staffToken(platform, 'opsearn1');
    const refunded = await adminCall(
      platform,
      'refundOrder',
      { orderId, amount: 990, reason: '补偿差价', requestKey: randomUUID() },
      ops,
    );
    expect(refunded.body.ok).toBe(true);

    const mine = await earnings(opener);
    if (!mine.ok) throw new Error(mine.error.code);
    // One order withdrawable (¥2.99, ¥0.99 clawed back), two earned (¥2.99 each) and the ¥5.00 bonus.
    expect(mine.data.balance).toEqual({
      withdrawableEarned: 299,
      clawedBack: 99,
      paidOut: 0,
      reserved: 0,
      available: 200,
      prospective: 2 * 299 + 500,
    });
    expect(mine.data.entries).toHaveLength(4);
    expect(mine.data.entries.find((e) => e.kind === 'group_bonus')).toMatchObject({
      status: 'earned',
      statusLabel: '已确认',
      amount: 500,
    });
    expect(mine.data.hasMore).toBe(false);

    const page = await earnings(keeper, { limit: 2 });
    if (!page.ok) throw new Error(page.error.code);
    expect(page.data.entries).toHaveLength(2);
    expect(page.data.hasMore).toBe(true);
    const rest = await earnings(keeper, { limit: 2, offset: 2 });
    if (!rest.ok) throw new Error(rest.error.code);
    expect(rest.data.hasMore).toBe(false);
    expect(new Set([...page.data.entries, ...rest.data.entries].map((e) => e.entryId)).size).toBe(3);
  });

  it('refuses a shopper who is not a registered leader', async () => {
    const refused = await earnings('o-not-a-leader');
    expect(refused.ok ? 'ok' : refused.error.code).toBe('FORBIDDEN');
  });
});
