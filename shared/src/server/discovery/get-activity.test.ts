/**
 * getActivity end to end: bundled, in the emulator's runner, called through the gateway, over groups made
 * by the real write functions and paid through the CloudPay sandbox. Database round trips are counted by the
 * emulator.
 */
import { describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { getActivityContract } from '../../contracts/get-activity.contract';
import { data, refusal } from '../testing/envelopes';
import { type CatalogOptions, HOUR, seedCatalog } from '../testing/group-buy.fixtures';
import { addUser, caller, joinGroupAs, openGroupAs } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;
const seed = (options: CatalogOptions = {}) => seedCatalog((c, d) => platform.insert(c, d), options);

type ActivityView = ResponseOf<typeof getActivityContract>;

describe('getActivity', () => {
  it('shows rules, product, stock left and the groups to join, fewest seats left then soonest deadline', async () => {
    const fx = await seed({ groupSize: 3, stockMode: 'dedicated', pool: 40, stock: 100 });
    await addUser(platform, 'o-ga-1', '李四', 'https://img/li.png');
    const g1 = await openGroupAs(platform, fx, 'o-ga-1'); // 2 seats left
    const g2 = await openGroupAs(platform, fx, 'o-ga-2');
    await joinGroupAs(platform, fx, g2.groupId, 'o-ga-2m', false); // 1 left (a reserved seat counts)
    const g3 = await openGroupAs(platform, fx, 'o-ga-3');
    await joinGroupAs(platform, fx, g3.groupId, 'o-ga-3m'); // 1 left, deadline sooner than g2's
    await openGroupAs(platform, fx, 'o-ga-4', false); // pending: not offered
    const full = await openGroupAs(platform, fx, 'o-ga-5');
    await joinGroupAs(platform, fx, full.groupId, 'o-ga-5a', false);
    await joinGroupAs(platform, fx, full.groupId, 'o-ga-5b', false); // full: not offered
    const late = await openGroupAs(platform, fx, 'o-ga-6');
    const failed = await openGroupAs(platform, fx, 'o-ga-7');
    const now = Date.now();
    await platform.update('groups', { _id: g3.groupId }, { $set: { deadlineAt: now + HOUR } });
    await platform.update('groups', { _id: g2.groupId }, { $set: { deadlineAt: now + 2 * HOUR } });
    await platform.update('groups', { _id: late.groupId }, { $set: { deadlineAt: now - 1000 } }); // past, not yet expired
    await platform.update('groups', { _id: failed.groupId }, { $set: { status: 'failed' } });

    const { result, trips } = await countingRoundTrips(() =>
      call<ActivityView>('getActivity', 'o-ga-visitor', { activityId: fx.activityId }),
    );
    const view = data(result);
    console.log(`getActivity: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(5);
    const pool = (await platform.get('activities', fx.activityId))?.pool as { available: number };
    expect(view).toMatchObject({
      activityId: fx.activityId,
      status: 'active',
      onSale: true,
      groupPrice: 2990,
      soloPrice: 3990,
      groupSize: 3,
      stockMode: 'dedicated',
      stockLeft: pool.available,
      newCustomerOnly: false,
      product: { title: '重庆老火锅底料', images: ['cloud://test/p.jpg'], origin: '渝中区', subtitle: '' },
      sku: { skuId: fx.skuId, spec: '400g' },
    });
    expect(pool.available).toBeLessThan(40);
    expect(view.openGroups.map((g) => [g.groupId, g.seatsLeft])).toEqual([
      [g3.groupId, 1],
      [g2.groupId, 1],
      [g1.groupId, 2],
    ]);
    expect(view.openGroups[2]?.leader).toEqual({ nickname: '李*', avatarUrl: 'https://img/li.png' });
    expect(view.openGroups[0]?.leader).toEqual({ nickname: '微信用户', avatarUrl: '' });
  });

  it('offers at most 10 groups; a shared activity counts the SKU stock; drafts and unknown ids are not found', async () => {
    const fx = await seed({ groupSize: 3, stock: 60 });
    const { groupId } = await openGroupAs(platform, fx, 'o-ga-many');
    const template = (await platform.get('groups', groupId)) as Record<string, unknown>;
    const now = Date.now();
    await platform.insert(
      'groups',
      Array.from({ length: 12 }, (_, i) => ({
        ...template,
        _id: `G-many-${String(i).padStart(2, '0')}`,
        leaderOpenid: `o-ga-many-${i}`,
        memberOpenids: [`o-ga-many-${i}`],
        paidOpenids: [`o-ga-many-${i}`],
        deadlineAt: now + (i + 1) * HOUR,
      })),
    );
    const view = data(await call<ActivityView>('getActivity', 'o-ga-visitor', { activityId: fx.activityId }));
    expect(view.openGroups).toHaveLength(10);
    expect(view.openGroups.map((g) => g.groupId).slice(0, 3)).toEqual(['G-many-00', 'G-many-01', 'G-many-02']);
    const sku = (await platform.get('skus', fx.skuId))?.stock as { available: number };
    expect(view.stockLeft).toBe(sku.available);
    expect(view.stockLeft).toBe(59);

    await platform.update('activities', { _id: fx.activityId }, { $set: { status: 'draft' } });
    expect(refusal(await call('getActivity', 'o-ga-visitor', { activityId: fx.activityId }))).toBe('NOT_FOUND');
    expect(refusal(await call('getActivity', 'o-ga-visitor', { activityId: 'a-nope' }))).toBe('NOT_FOUND');
    expect(refusal(await call('getActivity', 'o-ga-visitor', { activity: fx.activityId }))).toBe('INVALID_ARGUMENT');
  });

  it('names a 社区团’s pickup point, read beside the product in the same rounds', async () => {
    const fx = await seed({ communityPoint: true });
    const { result, trips } = await countingRoundTrips(() =>
      call<ActivityView>('getActivity', 'o-ga-visitor', { activityId: fx.activityId }),
    );
    expect(trips).toBeLessThanOrEqual(5);
    expect(data(result)).toMatchObject({
      scope: { kind: 'pickup_point', pickupPointId: fx.pickupPointId },
      pickupPoint: { pickupPointId: fx.pickupPointId, name: '解放碑便民驿站' },
    });
    const anywhere = await seed();
    const plain = data(await call<ActivityView>('getActivity', 'o-ga-visitor', { activityId: anywhere.activityId }));
    expect(plain.pickupPoint).toBeUndefined();
  });
});
