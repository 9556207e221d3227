/**
 * getLeaderDetail through the bundled adminApi in the emulator: a registered 团长 whose groups were opened, joined
 * and paid through the functions, whose commission the money paths recorded and who asked for a withdrawal; their
 * point, groups, paid sales, commission by status and balance as the database sums them, in a fixed number of round
 * trips however many orders there are; NOT_FOUND for someone who is not a leader; ops only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { leaderActivity } from '../testing/commissions';
import { act, refusedWith, staffToken } from '../testing/fulfilment';
import { joinGroupAs, openGroupAs } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';
import { addEntries, askWithdrawal } from '../testing/withdrawals';

const platform = usePlatform();
let ops: string;
let merchant: string;

beforeAll(async () => {
  [ops, merchant] = await Promise.all([
    staffToken(platform, 'leader-detail-ops'),
    staffToken(platform, 'leader-detail-merchant', 'm-ld'),
  ]);
});

interface Detail {
  leader: { openid: string; name: string; pickupPointId: string; pickupPointName: string };
  pickupPoint: { pickupPointId: string; name: string; status: string } | null;
  results: {
    groups: { opened: number; succeeded: number; forming: number };
    sales: { paidOrders: number; paidAmount: number; refundedAmount: number };
    commission: { status: string; statusLabel: string; amount: number; clawedBack: number }[];
    balance: Record<string, number>;
  };
}

describe('getLeaderDetail', () => {
  it("sums a leader's groups, their paid sales, commission by status and balance", async () => {
    const { fx, opener, keeper } = await leaderActivity(platform);
    // One group filled (3 paid orders), one forming (its leader's order paid), one never paid (not opened).
    const full = await openGroupAs(platform, fx, opener);
    await joinGroupAs(platform, fx, full.groupId, 'o-ld-m1');
    await joinGroupAs(platform, fx, full.groupId, 'o-ld-m2');
    await openGroupAs(platform, fx, opener);
    await openGroupAs(platform, fx, opener, false);
    // Another leader's group counts for them, not for the opener.
    await openGroupAs(platform, fx, keeper);
    await addEntries(platform, opener, [500]);
    const asked = await askWithdrawal(platform, opener, 200);
    expect(asked.ok).toBe(true);

    const { result: detail, trips } = await platform.countingRoundTrips(() =>
      act<Detail>(platform, 'getLeaderDetail', { openid: opener }, ops),
    );
    console.log(`getLeaderDetail: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(8);
    expect(detail.leader).toMatchObject({ openid: opener, name: '李秀英', pickupPointId: `pp-own-${fx.activityId}` });
    // The opener's own point was never written: shown as gone.
    expect(detail.pickupPoint).toBeNull();
    expect(detail.results.groups).toEqual({ opened: 2, succeeded: 1, forming: 1 });
    expect(detail.results.sales).toEqual({ paidOrders: 4, paidAmount: 4 * 2990, refundedAmount: 0 });

    const entries = await platform.find('commission_entries', { leaderOpenid: opener });
    const sumOf = (status: string) =>
      entries.filter((e) => e.status === status).reduce((total, e) => total + (e.amount as number), 0);
    expect(detail.results.commission.map((c) => c.status)).toEqual([
      'pending',
      'earned',
      'withdrawable',
      'paid_out',
      'reversed',
    ]);
    for (const row of detail.results.commission) expect(row.amount, row.status).toBe(sumOf(row.status));
    expect(sumOf('earned')).toBeGreaterThan(0);
    expect(sumOf('pending')).toBeGreaterThan(0);
    expect(detail.results.balance).toEqual({
      withdrawableEarned: 500,
      clawedBack: 0,
      paidOut: 0,
      reserved: 200,
      available: 300,
      prospective: sumOf('pending') + sumOf('earned'),
    });

    // The keeper runs the fixture's point, which the detail shows as it is now.
    const kept = await act<Detail>(platform, 'getLeaderDetail', { openid: keeper }, ops);
    expect(kept.pickupPoint).toMatchObject({
      pickupPointId: fx.pickupPointId,
      name: '解放碑便民驿站',
      status: 'active',
    });
    expect(kept.results.groups).toEqual({ opened: 1, succeeded: 0, forming: 1 });
    expect(kept.results.sales).toMatchObject({ paidOrders: 1, paidAmount: 2990 });
  });

  it('answers NOT_FOUND for someone who is not a leader, and refuses merchants', async () => {
    expect(await refusedWith(platform, 'getLeaderDetail', { openid: 'o-nobody' }, ops)).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(await refusedWith(platform, 'getLeaderDetail', { openid: 'o-nobody' }, merchant)).toEqual({
      status: 403,
      code: 'FORBIDDEN',
    });
  });
});
