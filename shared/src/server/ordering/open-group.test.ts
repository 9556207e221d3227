/** Every refusal of openGroup: a typed error, and nothing changed in the database. */
import { describe, expect, it } from 'vitest';
import { type CatalogOptions, HOUR, pickupAt, seedCatalog, EXPRESS_DELIVERY } from '../testing/group-buy.fixtures';
import { answer, expectRefusedOn, type Placed } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const expectRefused = expectRefusedOn(platform);
const call = (fn: string, openid: string | undefined, body: unknown) => answer<Placed>(platform, fn, openid, body);
const catalog = (options: CatalogOptions = {}) => seedCatalog((c, d) => platform.insert(c, d), options);

describe('openGroup refuses', () => {
  it('bad input, with INVALID_ARGUMENT', async () => {
    const fx = await catalog();
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: fx.activityId, quantity: 0, delivery: pickupAt(fx) },
      'INVALID_ARGUMENT',
    );
    await expectRefused('openGroup', 'o1', { activityId: fx.activityId, quantity: 1 }, 'INVALID_ARGUMENT');
    await expectRefused(
      'openGroup',
      'o1',
      {
        activityId: fx.activityId,
        quantity: 1,
        delivery: { kind: 'address', name: 'x', phone: '123', district: '渝中区', detail: 'y' },
      },
      'INVALID_ARGUMENT',
    );
    await expectRefused(
      'openGroup',
      undefined,
      { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) },
      'UNAUTHENTICATED',
    );
  });

  it('an activity that is unknown, not started or ended', async () => {
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: 'a-missing', quantity: 1, delivery: { kind: 'pickup', pickupPointId: 'pp-x' } },
      'NOT_FOUND',
    );
    const later = await catalog({ startAt: Date.now() + HOUR, endAt: Date.now() + 2 * HOUR });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: later.activityId, quantity: 1, delivery: pickupAt(later) },
      'ACTIVITY_NOT_STARTED',
    );
    const over = await catalog({ startAt: Date.now() - 2 * HOUR, endAt: Date.now() - HOUR });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: over.activityId, quantity: 1, delivery: pickupAt(over) },
      'ACTIVITY_ENDED',
    );
  });

  it('a paused activity, with ACTIVITY_PAUSED', async () => {
    const paused = await catalog();
    await platform.update('activities', { _id: paused.activityId }, { $set: { status: 'paused' } });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: paused.activityId, quantity: 1, delivery: pickupAt(paused) },
      'ACTIVITY_PAUSED',
    );
  });

  it('a product taken down (下架), with PRODUCT_OFF_SALE', async () => {
    const fx = await catalog();
    await platform.update('products', { _id: fx.productId }, { $set: { status: 'off_sale' } });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) },
      'PRODUCT_OFF_SALE',
    );
  });

  it('a delivery to a deactivated pickup point, with PICKUP_POINT_INACTIVE', async () => {
    const fx = await catalog();
    await platform.update('pickup_points', { _id: fx.pickupPointId }, { $set: { status: 'inactive' } });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) },
      'PICKUP_POINT_INACTIVE',
    );
  });

  it('quantities over the per-order or per-user limit', async () => {
    const fx = await catalog({ perOrderLimit: 2, perUserLimit: 3 });
    await expectRefused(
      'openGroup',
      'o-limit',
      { activityId: fx.activityId, quantity: 3, delivery: pickupAt(fx) },
      'LIMIT_EXCEEDED',
    );
    expect(
      (await call('openGroup', 'o-limit', { activityId: fx.activityId, quantity: 2, delivery: pickupAt(fx) })).ok,
    ).toBe(true);
    await expectRefused(
      'openGroup',
      'o-limit',
      { activityId: fx.activityId, quantity: 2, delivery: pickupAt(fx) },
      'LIMIT_EXCEEDED',
    );
    expect(
      (await call('openGroup', 'o-limit', { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) })).ok,
    ).toBe(true);
  });

  it('a returning customer on a new-customer activity', async () => {
    const fx = await catalog({ newCustomerOnly: true });
    await platform.insert('users', [
      {
        _id: 'o-returning',
        nickname: '',
        avatarUrl: '',
        roles: ['shopper'],
        quota: {},
        quotaHolds: {},
        firstPaidAt: Date.now() - HOUR,
        createdAt: Date.now() - HOUR,
      },
    ]);
    await expectRefused(
      'openGroup',
      'o-returning',
      { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) },
      'NEW_CUSTOMER_ONLY',
    );
    expect(
      (await call('openGroup', 'o-brand-new', { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) })).ok,
    ).toBe(true);
  });

  it('a delivery outside the scope', async () => {
    const fx = await catalog({ scope: { kind: 'districts', districts: ['江北区'] } });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) },
      'OUT_OF_SCOPE',
    );
    const near = await catalog({
      scope: { kind: 'radius', center: { type: 'Point', coordinates: [106.4566, 29.5561] }, radiusMeters: 3000 },
    });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: near.activityId, quantity: 1, delivery: pickupAt(near) },
      'OUT_OF_SCOPE',
    );
  });

  it('a 社区团 delivered anywhere but its pickup point, with PICKUP_POINT_ONLY; at its point the group is there', async () => {
    const fx = await catalog({ communityPoint: true });
    const other = await catalog();
    const body = (delivery: unknown) => ({ activityId: fx.activityId, quantity: 1, delivery });
    await expectRefused('openGroup', 'o1', body(EXPRESS_DELIVERY), 'PICKUP_POINT_ONLY');
    await expectRefused('openGroup', 'o1', body(pickupAt(other)), 'PICKUP_POINT_ONLY');
    const opened = await call('openGroup', 'o1', body(pickupAt(fx)));
    if (!opened.ok) throw new Error(opened.error.code);
    expect(await platform.get('groups', opened.data.groupId ?? '')).toMatchObject({
      scope: { kind: 'pickup_point', pickupPointId: fx.pickupPointId },
      pickupPoint: { pickupPointId: fx.pickupPointId, name: '解放碑便民驿站' },
      district: '渝中区',
      location: { type: 'Point', coordinates: [106.5775, 29.5577] },
    });
  });

  it('when stock runs out', async () => {
    const fx = await catalog({ stock: 1 });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: fx.activityId, quantity: 2, delivery: pickupAt(fx) },
      'OUT_OF_STOCK',
    );
    const pool = await catalog({ stockMode: 'dedicated', pool: 1, stock: 50 });
    await expectRefused(
      'openGroup',
      'o1',
      { activityId: pool.activityId, quantity: 2, delivery: pickupAt(pool) },
      'OUT_OF_STOCK',
    );
  });
});
