/**
 * listActivities end to end: bundled, in the emulator's runner, called through the gateway, over live,
 * paused, future and ended activities, with a real sale paid through the CloudPay sandbox. Database round
 * trips are counted by the emulator.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../contracts/contract';
import type { listActivitiesContract } from '../../contracts/list-activities.contract';
import { data, refusal } from '../testing/envelopes';
import { type CatalogOptions, HOUR, pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { caller, payAndSettle } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const call = caller(platform);
const { countingRoundTrips } = platform;
const seed = (options: CatalogOptions = {}) => seedCatalog((c, d) => platform.insert(c, d), options);

type ActivityItem = ResponseOf<typeof listActivitiesContract>['items'][number];
type Page<T> = { items: T[]; hasMore: boolean };

describe('listActivities', () => {
  const key: Record<string, string> = {};

  beforeAll(async () => {
    const now = Date.now();
    const live = async (name: string, options: CatalogOptions, sold: number) => {
      const fx = await seed(options);
      key[name] = fx.activityId;
      key[fx.activityId] = name;
      await platform.update('products', { _id: fx.productId }, { $set: { images: [`cloud://test/${name}.jpg`] } });
      if (options.stockMode === 'dedicated') {
        await platform.update('activities', { _id: fx.activityId }, { $set: { 'pool.sold': sold } });
      } else {
        await platform.update('skus', { _id: fx.skuId }, { $set: { 'stock.sold': sold } });
      }
      return fx;
    };
    await live('A1', { endAt: now + 5 * HOUR }, 40);
    await live('A2', { endAt: now + 2 * HOUR, stockMode: 'dedicated', pool: 200, stock: 300 }, 100);
    const a3 = await live('A3', { endAt: now + 3 * HOUR }, 0);
    await live('A4', { endAt: now + 1 * HOUR }, 40);
    const paused = await live('paused', { endAt: now + 4 * HOUR }, 999);
    await platform.update('activities', { _id: paused.activityId }, { $set: { status: 'paused' } });
    await live('future', { startAt: now + HOUR, endAt: now + 9 * HOUR }, 500);
    await live('ended', { startAt: now - 2 * HOUR, endAt: now - HOUR }, 500);
    // A real sale on A3's SKU counts too.
    const { orderId } = data(
      await call<{ orderId: string }>('buySolo', 'o-la-buyer', {
        skuId: a3.skuId,
        quantity: 2,
        delivery: pickupAt(a3),
      }),
    );
    await payAndSettle(platform, orderId);
  });

  const names = (page: Page<ActivityItem>) => page.items.map((i) => key[i.activityId]);

  it('ranks live activities by units sold (hot), ties to the one ending sooner', async () => {
    const { result, trips } = await countingRoundTrips(() =>
      call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'hot' }),
    );
    const hot = data(result);
    console.log(`listActivities hot: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(3);
    expect(names(hot)).toEqual(['A2', 'A4', 'A1', 'A3']);
    expect(hot.items.map((i) => i.sold)).toEqual([100, 40, 40, 2]);
    expect(hot.items[0]).toMatchObject({
      image: 'cloud://test/A2.jpg',
      groupPrice: 2990,
      soloPrice: 3990,
      groupSize: 3,
      title: '老火锅底料 拼团',
    });
    expect(hot.hasMore).toBe(false);

    const page1 = data(await call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'hot', limit: 2 }));
    const page2 = data(await call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'hot', limit: 2, offset: 2 }));
    expect([names(page1), page1.hasMore]).toEqual([['A2', 'A4'], true]);
    expect([names(page2), page2.hasMore]).toEqual([['A1', 'A3'], false]);
  });

  it('lists live activities ending soonest first, a page at a time', async () => {
    const { result, trips } = await countingRoundTrips(() =>
      call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'ending_soon', limit: 3 }),
    );
    console.log(`listActivities ending_soon: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(3);
    expect([names(data(result)), data(result).hasMore]).toEqual([['A4', 'A2', 'A3'], true]);
    expect(data(result).items.map((i) => i.image)).toEqual([
      'cloud://test/A4.jpg',
      'cloud://test/A2.jpg',
      'cloud://test/A3.jpg',
    ]);
    const rest = data(await call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'ending_soon', offset: 3 }));
    expect([names(rest), rest.hasMore]).toEqual([['A1'], false]);
    expect(rest.items[0]?.sold).toBe(40);
  });

  it('refuses a bad sort or page size', async () => {
    expect(refusal(await call('listActivities', 'o-la', {}))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listActivities', 'o-la', { sort: 'newest' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listActivities', 'o-la', { sort: 'hot', limit: 51 }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listActivities', 'o-la', { sort: 'hot', limit: 0 }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listActivities', 'o-la', { sort: 'hot', limit: 2.5 }))).toBe('INVALID_ARGUMENT');
  });
});
