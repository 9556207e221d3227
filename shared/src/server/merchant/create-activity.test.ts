/**
 * createActivity through the bundled adminApi in the emulator: a draft with every rule, the dedicated pool
 * carved from the SKU in one transaction (racing shoppers buying the same SKU), the domain's refusals in
 * Chinese, and who may create on which SKU.
 */
import { describe, expect, it } from 'vitest';
import {
  type ConsoleActivityAnswer,
  create,
  draft,
  expectConserved,
  expectRefused,
  HOUR,
  ok,
  seedSku,
  signInStaff,
} from '../testing/activities';
import { CARVE_RACE, carveRace } from '../testing/console-races';
import { addPoint } from '../testing/leaders';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
/** A race with shoppers runs ~30 s on a loaded 2-core machine: more than the default 30 s budget. */
const RACE_TIMEOUT = 120_000;
/** The race runs small here; create-activity.slow.test.ts runs it at full scale. */
const { small: carve } = CARVE_RACE;

describe('createActivity', () => {
  it('stores a draft with every rule the domain knows, and audits it', async () => {
    const staff = await signInStaff(platform, 'c1');
    const sku = await seedSku(platform, 'm-a', 100);
    const form = draft(sku.skuId, {
      leaderPrice: 2690,
      newCustomerOnly: true,
      scope: { kind: 'radius', center: { type: 'Point', coordinates: [106.5775, 29.5577] }, radiusMeters: 3000 },
      guarantee: { minPaidShare: 0.6 },
      groupSize: 5,
      validityHours: 48,
    });
    const created = ok(await adminCall<ConsoleActivityAnswer>(platform, 'createActivity', form, staff.ops));
    const { skuId: _, ...rules } = form;
    expect(created.activity).toMatchObject({
      ...rules,
      merchantId: 'm-a',
      productId: sku.productId,
      skuId: sku.skuId,
      status: 'draft',
      phase: 'draft',
      events: ['published'],
      product: {
        title: expect.stringContaining('江津花椒'),
        image: expect.stringMatching(/^cloud:/),
        status: 'on_sale',
      },
      sku: { spec: '250g', price: 3990, stock: { available: 100, allocated: 0 } },
    });
    expect(created.activity.activityId).toMatch(/^A\d{14}[0-9a-z]{8}$/);
    expect(created.activity).not.toHaveProperty('pool');
    // Read back as stored.
    const read = ok(
      await adminCall<ConsoleActivityAnswer>(
        platform,
        'getActivityRules',
        { activityId: created.activity.activityId },
        staff.merchantA,
      ),
    );
    expect(read.activity).toEqual(created.activity);
    const [entry] = await platform.find('audit_logs', { action: 'createActivity' });
    expect(entry).toMatchObject({
      target: `activity/${created.activity.activityId}`,
      account: 'ops-c1',
      after: { status: 'draft', groupPrice: 2990, guarantee: { minPaidShare: 0.6 }, skuId: sku.skuId, poolCarved: 0 },
    });
    await expectConserved(platform, sku.skuId, 100);
  });

  it('carves a dedicated pool from the SKU: SKU available −N, allocated +N, pool available N', async () => {
    const staff = await signInStaff(platform, 'c2');
    const sku = await seedSku(platform, 'm-a', 100);
    const id = await create(platform, staff.merchantA, sku.skuId, { stockMode: 'dedicated', poolSize: 30 });
    const { sku: counters, pools } = await expectConserved(platform, sku.skuId, 100);
    expect(counters).toMatchObject({ available: 70, allocated: 30 });
    expect(pools.get(id)).toMatchObject({ available: 30, reserved: 0, sold: 0 });
    const [entry] = await platform.find('audit_logs', { target: `activity/${id}` });
    expect(entry).toMatchObject({ after: { stockMode: 'dedicated', poolSize: 30, poolCarved: 30 } });
  });

  it('refuses a pool the SKU cannot fill (409 OUT_OF_STOCK), and changes nothing', async () => {
    const staff = await signInStaff(platform, 'c3');
    const sku = await seedSku(platform, 'm-a', 20);
    const body = draft(sku.skuId, { stockMode: 'dedicated', poolSize: 21 });
    await expectRefused(platform, 'createActivity', body, staff.ops, [409, 'OUT_OF_STOCK']);
    await create(platform, staff.ops, sku.skuId, { stockMode: 'dedicated', poolSize: 20 });
    await expectConserved(platform, sku.skuId, 20);
  });

  it('answers the domain’s refusals in Chinese (400), before anything is written', async () => {
    const staff = await signInStaff(platform, 'c4');
    const sku = await seedSku(platform, 'm-a');
    const message = async (overrides: Record<string, unknown>) => {
      const answer = await adminCall(platform, 'createActivity', draft(sku.skuId, overrides), staff.ops);
      expect(answer.status).toBe(400);
      return answer.body.ok ? '' : answer.body.error.message;
    };
    expect(await message({ groupPrice: 3990 })).toBe('拼团价须低于单买价');
    expect(await message({ stockMode: 'dedicated' })).toBe('请填写专属库存');
    expect(await message({ groupSize: 1 })).toBe('成团人数须在 2 到 50 人之间');
    expect(await message({ endAt: Date.now() - 2 * HOUR })).toBe('结束时间须晚于开始时间');
    expect(await message({ perOrderLimit: 9 })).toBe('每单限购不能超过每人限购');
    expect(await message({ guarantee: { minPaidShare: 0.9 } })).toBe(
      '成团保障比例过高：3 人团按此比例须全员付款，保障不起作用',
    );
    expect(await message({ scope: { kind: 'districts', districts: [] } })).toBe('请至少选择一个区县');
    expect(await platform.find('activities', { skuId: sku.skuId })).toEqual([]);
  });

  it('lets a merchant build only on its own SKUs (404 otherwise) and customer service not at all (403)', async () => {
    const staff = await signInStaff(platform, 'c5');
    const own = await seedSku(platform, 'm-a');
    const others = await seedSku(platform, 'm-b');
    await expectRefused(platform, 'createActivity', draft(others.skuId), staff.merchantA, [404, 'NOT_FOUND']);
    await expectRefused(platform, 'createActivity', draft(own.skuId), staff.service, [403, 'FORBIDDEN']);
    await expectRefused(platform, 'createActivity', draft('s-missing'), staff.ops, [404, 'NOT_FOUND']);
    expect(await create(platform, staff.merchantB, others.skuId)).toBeTruthy();
    expect(await create(platform, staff.ops, own.skuId)).toBeTruthy();
  });

  it(
    `racing ${carve.buys} shoppers buying the same SKU, carves each of ${carve.creates} pools whole or not at all, and loses no unit`,
    () => carveRace(platform, carve),
    RACE_TIMEOUT,
  );

  it('creates a second draft when asked twice (create is not idempotent), each pool carved once', async () => {
    const staff = await signInStaff(platform, 'c7');
    const sku = await seedSku(platform, 'm-a', 50);
    const body = draft(sku.skuId, { stockMode: 'dedicated', poolSize: 20 });
    const [first, second] = [
      await adminCall<ConsoleActivityAnswer>(platform, 'createActivity', body, staff.ops),
      await adminCall<ConsoleActivityAnswer>(platform, 'createActivity', body, staff.ops),
    ];
    expect(ok(first).activity.activityId).not.toBe(ok(second).activity.activityId);
    const { sku: counters } = await expectConserved(platform, sku.skuId, 50);
    expect(counters).toMatchObject({ available: 10, allocated: 40 });
    await expectRefused(platform, 'createActivity', body, staff.ops, [409, 'OUT_OF_STOCK']);
  });
});

describe('createActivity of a 社区团', () => {
  it('a 社区团 names an active pickup point: an unknown or deactivated one is refused and nothing is written', async () => {
    const staff = await signInStaff(platform, 'c-comm');
    const sku = await seedSku(platform, 'm-a', 100);
    const point = await addPoint(platform);
    const closed = await addPoint(platform);
    await platform.update('pickup_points', { _id: closed }, { $set: { status: 'inactive' } });
    const at = (pickupPointId: string) => draft(sku.skuId, { scope: { kind: 'pickup_point', pickupPointId } });
    await expectRefused(platform, 'createActivity', at('pp-nowhere'), staff.merchantA, [404, 'NOT_FOUND']);
    await expectRefused(platform, 'createActivity', at(closed), staff.merchantA, [409, 'PICKUP_POINT_INACTIVE']);
    await expectRefused(platform, 'createActivity', at(''), staff.merchantA, [400, 'INVALID_ARGUMENT']);
    const created = ok(await adminCall<ConsoleActivityAnswer>(platform, 'createActivity', at(point), staff.merchantA));
    expect(created.activity).toMatchObject({ scope: { kind: 'pickup_point', pickupPointId: point } });
    // Changed to another point: checked again; kept while other rules change, even once its point closed.
    const activityId = created.activity.activityId;
    const { skuId: _, ...rules } = at(point);
    await expectRefused(
      platform,
      'updateActivity',
      { activityId, ...rules, scope: { kind: 'pickup_point', pickupPointId: closed } },
      staff.merchantA,
      [409, 'PICKUP_POINT_INACTIVE'],
    );
    await platform.update('pickup_points', { _id: point }, { $set: { status: 'inactive' } });
    const renamed = ok(
      await adminCall<ConsoleActivityAnswer>(
        platform,
        'updateActivity',
        { activityId, ...rules, title: '社区团 花椒' },
        staff.merchantA,
      ),
    );
    expect(renamed.activity).toMatchObject({
      title: '社区团 花椒',
      scope: { kind: 'pickup_point', pickupPointId: point },
    });
  });
});
