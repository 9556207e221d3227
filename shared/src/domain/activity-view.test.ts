import { describe, expect, it } from 'vitest';
import { activitySchema } from './activity.schema';
import { activityCardView, activityDetailView, soldOfActivity, stockLeftOf } from './activity-view';

const HOUR = 3_600_000;
const activity = activitySchema.parse({
  _id: 'a1',
  merchantId: 'm1',
  productId: 'p1',
  skuId: 's1',
  title: '老火锅底料 3 人团',
  status: 'active',
  groupPrice: 2990,
  soloPrice: 3990,
  leaderPrice: 2690,
  groupSize: 3,
  validityHours: 24,
  startAt: 0,
  endAt: 100 * HOUR,
  perOrderLimit: 2,
  perUserLimit: 5,
  stockMode: 'dedicated',
  pool: { available: 17, reserved: 2, sold: 9 },
  guarantee: { minPaidShare: 0.6 },
  createdAt: 0,
});
const product = {
  _id: 'p1',
  title: '重庆老火锅底料',
  subtitle: '牛油',
  images: ['cloud://p.jpg'],
  origin: '渝中区',
  status: 'on_sale' as const,
};
const sku = { _id: 's1', spec: '400g', stock: { available: 80, reserved: 0, sold: 40, allocated: 28 } };

describe('the shopper’s view of an activity', () => {
  it('shows the rules, the pool’s stock and the groups to join with masked leaders, never the guarantee', () => {
    const group = { _id: 'g1', size: 3, seatsTaken: 1, deadlineAt: 5 * HOUR, leaderOpenid: 'o1' };
    const view = activityDetailView(
      {
        activity,
        product,
        sku,
        openGroups: [{ group, leader: { nickname: '张三', avatarUrl: 'a.png' } }, { group: { ...group, _id: 'g2' } }],
      },
      HOUR,
    );
    expect(view).toMatchObject({
      activityId: 'a1',
      onSale: true,
      leaderPrice: 2690,
      stockLeft: 17,
      product: { productId: 'p1', title: '重庆老火锅底料' },
      sku: { skuId: 's1', spec: '400g' },
      openGroups: [
        { groupId: 'g1', seatsLeft: 2, leader: { nickname: '张*', avatarUrl: 'a.png' } },
        { groupId: 'g2', seatsLeft: 2, leader: { nickname: '微信用户', avatarUrl: '' } },
      ],
    });
    expect(view).not.toHaveProperty('guarantee');
    expect(view).not.toHaveProperty('scope');
    const paused = activityDetailView(
      { activity: { ...activity, status: 'paused' }, product, sku, openGroups: [] },
      HOUR,
    );
    expect(paused.onSale).toBe(false);
    // A product taken down (下架) is not on sale, whatever its activity says.
    const takenDown = activityDetailView(
      { activity, product: { ...product, status: 'off_sale' }, sku, openGroups: [] },
      HOUR,
    );
    expect(takenDown.onSale).toBe(false);
  });

  it('counts stock and sales on the pool, or on the SKU for a shared activity', () => {
    expect(stockLeftOf(activity, sku)).toBe(17);
    expect(stockLeftOf({ stockMode: 'shared' }, sku)).toBe(80);
    expect(soldOfActivity(activity, 40)).toBe(9);
    expect(soldOfActivity({ stockMode: 'shared' }, 40)).toBe(40);
  });

  it('makes the list card', () => {
    expect(activityCardView(activity, 'cloud://p.jpg', 9)).toEqual({
      activityId: 'a1',
      title: '老火锅底料 3 人团',
      image: 'cloud://p.jpg',
      groupPrice: 2990,
      soloPrice: 3990,
      groupSize: 3,
      endAt: 100 * HOUR,
      sold: 9,
    });
  });
});
