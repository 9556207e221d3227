/**
 * listLeaderActivities (开团工具) through the bundled function in the emulator: the live activities a leader can open
 * now, with their prices and commission rule, and the leader's point; an activity openGroup would refuse is left
 * out, and anyone but a registered leader is refused.
 */
import { describe, expect, it } from 'vitest';
import { leaderActivity } from '../testing/commissions';
import { data, refusal } from '../testing/envelopes';
import { HOUR, seedCatalog } from '../testing/group-buy.fixtures';
import { answer } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

interface Listed {
  pickupPointId: string;
  items: { activityId: string; [field: string]: unknown }[];
}

describe('listLeaderActivities', () => {
  it('lists what the leader can open now, with prices and the commission rule', async () => {
    const { fx, opener } = await leaderActivity(platform, { leaderPrice: 2590, stock: 5 });
    const plain = await seedCatalog((c, d) => platform.insert(c, d), { stockMode: 'dedicated', pool: 3 });
    const seed = (options: Parameters<typeof seedCatalog>[1]) => seedCatalog((c, d) => platform.insert(c, d), options);
    const notYet = await seed({ startAt: Date.now() + HOUR });
    const soldOut = await seed({ stock: 0 });
    const offSale = await seed({});
    await platform.update('products', { _id: offSale.productId }, { $set: { status: 'off_sale' } });
    const paused = await seed({});
    await platform.update('activities', { _id: paused.activityId }, { $set: { status: 'paused' } });

    const listed = data(await answer<Listed>(platform, 'listLeaderActivities', opener, {}));
    expect(listed.pickupPointId).toBe(`pp-own-${fx.activityId}`);
    const ids = listed.items.map((i) => i.activityId);
    for (const hidden of [notYet, soldOut, offSale, paused]) expect(ids).not.toContain(hidden.activityId);
    expect(listed.items.find((i) => i.activityId === fx.activityId)).toMatchObject({
      title: '老火锅底料 拼团',
      spec: '400g',
      image: expect.any(String),
      leaderPrice: 2590,
      groupPrice: 2990,
      soloPrice: 3990,
      groupSize: 3,
      unitsLeft: 5,
      earnsCommission: true,
      commissionText: '实付 10%，成团奖励 ¥5.00',
    });
    expect(listed.items.find((i) => i.activityId === plain.activityId)).toMatchObject({
      leaderPrice: 2990,
      unitsLeft: 3,
      earnsCommission: false,
      commissionText: '无佣金',
    });
  });

  it('refuses a shopper who is not a registered leader', async () => {
    expect(refusal(await answer(platform, 'listLeaderActivities', 'o-lla-nobody', {}))).toBe('FORBIDDEN');
  });
});
