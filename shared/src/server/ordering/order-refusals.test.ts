/** Every refusal of openGroup, joinGroup and buySolo: a typed error, and nothing changed in the database. */
import type { Envelope } from '../../kernel/envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';
import { type CatalogOptions, pickupAt, seedCatalog } from '../testing/group-buy.fixtures';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform.stop();
});

const call = async (fn: string, openid: string | undefined, body: unknown) =>
  (await platform.call<Envelope<{ orderId: string; groupId?: string }>>(fn, openid, body)).body;
const HOUR = 3_600_000;

const catalog = (options: CatalogOptions = {}) => seedCatalog((c, d) => platform.insert(c, d), options);

/** The collections an order touches, to prove a refusal left them as they were. */
const state = async () => ({
  orders: await platform.find('orders'),
  groups: await platform.find('groups'),
  skus: await platform.find('skus'),
  activities: await platform.find('activities'),
  users: await platform.find('users'),
});

async function expectRefused(fn: string, openid: string | undefined, body: unknown, code: string) {
  const before = await state();
  const answer = await call(fn, openid, body);
  expect(answer).toMatchObject({ ok: false, error: { code } });
  expect(answer.ok || answer.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await state()).toEqual(before);
}

async function forming(options: CatalogOptions = {}) {
  const fx = await catalog(options);
  const opened = await call('openGroup', 'o-leader', {
    activityId: fx.activityId,
    quantity: 1,
    delivery: pickupAt(fx),
  });
  if (!opened.ok) throw new Error(opened.error.code);
  await platform.pay(opened.data.orderId);
  await platform.settle();
  return { fx, groupId: opened.data.groupId as string };
}

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

describe('joinGroup refuses', () => {
  it('the leader, a second seat, a stranger to the scope', async () => {
    const { fx, groupId } = await forming();
    await expectRefused('joinGroup', 'o-leader', { groupId, quantity: 1, delivery: pickupAt(fx) }, 'OWN_GROUP');
    expect((await call('joinGroup', 'o-twice', { groupId, quantity: 1, delivery: pickupAt(fx) })).ok).toBe(true);
    await expectRefused('joinGroup', 'o-twice', { groupId, quantity: 1, delivery: pickupAt(fx) }, 'ALREADY_JOINED');
    const scoped = await forming({ scope: { kind: 'districts', districts: ['渝中区'] }, groupSize: 5 });
    const elsewhere = {
      kind: 'address',
      name: '王先生',
      phone: '13800000000',
      district: '江北区',
      detail: '观音桥 1 号',
    };
    await expectRefused(
      'joinGroup',
      'o-far',
      { groupId: scoped.groupId, quantity: 1, delivery: elsewhere },
      'OUT_OF_SCOPE',
    );
  });

  it('a group that is unknown, pending, past its deadline, or ended', async () => {
    const fx = await catalog();
    await expectRefused('joinGroup', 'o1', { groupId: 'G-missing', quantity: 1, delivery: pickupAt(fx) }, 'NOT_FOUND');
    const pending = await call('openGroup', 'o-unpaid-leader', {
      activityId: fx.activityId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    if (!pending.ok) throw new Error(pending.error.code);
    await expectRefused(
      'joinGroup',
      'o1',
      { groupId: pending.data.groupId, quantity: 1, delivery: pickupAt(fx) },
      'GROUP_NOT_JOINABLE',
    );
    const late = await forming({ groupSize: 5 });
    await platform.update('groups', { _id: late.groupId }, { $set: { deadlineAt: Date.now() - 1000 } });
    await expectRefused(
      'joinGroup',
      'o1',
      { groupId: late.groupId, quantity: 1, delivery: pickupAt(late.fx) },
      'GROUP_EXPIRED',
    );
    const failed = await forming({ groupSize: 5 });
    await platform.update('groups', { _id: failed.groupId }, { $set: { status: 'failed' } });
    await expectRefused(
      'joinGroup',
      'o1',
      { groupId: failed.groupId, quantity: 1, delivery: pickupAt(failed.fx) },
      'GROUP_EXPIRED',
    );
  });
});

describe('buySolo', () => {
  it('charges the normal price and ships once paid', async () => {
    const fx = await catalog({ soloPrice: 3990, stock: 5 });
    const bought = await call('buySolo', 'o-solo', { skuId: fx.skuId, quantity: 2, delivery: pickupAt(fx) });
    expect(bought).toMatchObject({ ok: true, data: { total: 7980 } });
    if (!bought.ok) return;
    await platform.pay(bought.data.orderId);
    await platform.settle();
    expect(await platform.get('orders', bought.data.orderId)).toMatchObject({ status: 'to_ship', role: 'solo' });
    expect(await platform.get('skus', fx.skuId)).toMatchObject({ stock: { available: 3, reserved: 0, sold: 2 } });
  });

  it('refuses an unknown SKU and a quantity over the stock', async () => {
    const fx = await catalog({ stock: 1 });
    await expectRefused('buySolo', 'o1', { skuId: 's-missing', quantity: 1, delivery: pickupAt(fx) }, 'NOT_FOUND');
    await expectRefused('buySolo', 'o1', { skuId: fx.skuId, quantity: 2, delivery: pickupAt(fx) }, 'OUT_OF_STOCK');
  });
});
