/**
 * updateActivity through the bundled adminApi in the emulator: a draft takes any valid rules; a published
 * activity only changes that cannot hurt a forming group (prices, size and stock mode are frozen, groups keep
 * their opening price); the dedicated pool grows from the SKU and shrinks only down to what is held and sold,
 * also while shoppers open and join groups on it; a repeated request changes nothing twice; merchant scope.
 */
import { describe, expect, it } from 'vitest';
import {
  type ConsoleActivityAnswer,
  create,
  draft,
  expectConserved,
  expectGroupsConsistent,
  expectRefused,
  HOUR,
  ok,
  outcome,
  published,
  seedSku,
  signInStaff,
  rushShoppers,
} from '../testing/activities';
import { openGroupAs } from '../testing/shopper';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
/** A race with shoppers runs ~30 s on a loaded 2-core machine: more than the default 30 s budget. */
const RACE_TIMEOUT = 120_000;

/** The update request for an activity: the create form's rules with these changes. */
async function formOf(activityId: string, changes: Record<string, unknown> = {}) {
  const stored = (await platform.get('activities', activityId)) as Record<string, unknown> & {
    pool?: { available: number; reserved: number; sold: number };
  };
  const { skuId: _s, ...base } = draft('x', {
    title: stored.title,
    groupPrice: stored.groupPrice,
    soloPrice: stored.soloPrice,
    groupSize: stored.groupSize,
    validityHours: stored.validityHours,
    startAt: stored.startAt,
    endAt: stored.endAt,
    perOrderLimit: stored.perOrderLimit,
    perUserLimit: stored.perUserLimit,
    stockMode: stored.stockMode,
    newCustomerOnly: stored.newCustomerOnly,
    ...(stored.pool ? { poolSize: stored.pool.available + stored.pool.reserved + stored.pool.sold } : {}),
  });
  return { activityId, ...base, ...changes };
}

const update = (body: unknown, token: string) =>
  adminCall<ConsoleActivityAnswer>(platform, 'updateActivity', body, token);

describe('updateActivity', () => {
  it('changes any rule of a draft, switches its stock mode and pool, and audits what changed', async () => {
    const staff = await signInStaff(platform, 'u1');
    const sku = await seedSku(platform, 'm-a', 100);
    const id = await create(platform, staff.merchantA, sku.skuId);
    const changed = ok(
      await update(
        await formOf(id, {
          groupPrice: 2590,
          groupSize: 4,
          stockMode: 'dedicated',
          poolSize: 40,
          scope: { kind: 'districts', districts: ['渝中区', '江北区'] },
        }),
        staff.merchantA,
      ),
    );
    expect(changed.activity).toMatchObject({ groupPrice: 2590, groupSize: 4, stockMode: 'dedicated' });
    expect(changed.activity.pool).toEqual({ available: 40, reserved: 0, sold: 0 });
    await expectConserved(platform, sku.skuId, 100);
    const [entry] = await platform.find('audit_logs', { action: 'updateActivity', target: `activity/${id}` });
    expect(entry).toMatchObject({
      before: { groupPrice: 2990, groupSize: 3, stockMode: 'shared' },
      after: { groupPrice: 2590, groupSize: 4, stockMode: 'dedicated', poolSize: 40, poolDelta: 40 },
    });
    // Back to shared: the whole pool goes back to the SKU.
    ok(await update(await formOf(id, { stockMode: 'shared', poolSize: undefined }), staff.ops));
    const { sku: counters } = await expectConserved(platform, sku.skuId, 100);
    expect(counters).toMatchObject({ available: 100, allocated: 0 });
    expect((await platform.get('activities', id))?.pool).toBeUndefined();
  });

  it('on a published activity, widens only: frozen prices and size are refused in Chinese and change nothing', async () => {
    const staff = await signInStaff(platform, 'u2');
    const sku = await seedSku(platform, 'm-a', 100);
    const fx = await published(platform, staff.ops, sku, { stockMode: 'dedicated', poolSize: 20 });
    for (const changes of [
      { groupPrice: 2890 },
      { soloPrice: 3890 },
      { groupSize: 4 },
      { stockMode: 'shared', poolSize: undefined },
      { perUserLimit: 4 },
      { endAt: ((await platform.get('activities', fx.activityId))!.endAt as number) - HOUR },
    ]) {
      await expectRefused(platform, 'updateActivity', await formOf(fx.activityId, changes), staff.ops, [
        409,
        'CONFLICT',
      ]);
    }
    const stored = (await platform.get('activities', fx.activityId))!;
    const widened = ok(
      await update(
        await formOf(fx.activityId, {
          title: '江津青花椒 3 人团（加量）',
          endAt: (stored.endAt as number) + 24 * HOUR,
          perUserLimit: 8,
          validityHours: 36,
        }),
        staff.merchantA,
      ),
    );
    expect(widened.activity).toMatchObject({ perUserLimit: 8, validityHours: 36, status: 'active' });
  });

  it('grows a pool from the SKU (OUT_OF_STOCK beyond it) and shrinks it only down to what is held and sold', async () => {
    const staff = await signInStaff(platform, 'u3');
    const sku = await seedSku(platform, 'm-a', 50);
    const fx = await published(platform, staff.ops, sku, { stockMode: 'dedicated', poolSize: 10 });
    await openGroupAs(platform, fx, 'o-u3-a');
    await openGroupAs(platform, fx, 'o-u3-b');
    await expectRefused(platform, 'updateActivity', await formOf(fx.activityId, { poolSize: 51 }), staff.ops, [
      409,
      'OUT_OF_STOCK',
    ]);
    await expectRefused(platform, 'updateActivity', await formOf(fx.activityId, { poolSize: 1 }), staff.ops, [
      409,
      'CONFLICT',
    ]);
    ok(await update(await formOf(fx.activityId, { poolSize: 30 }), staff.ops));
    expect((await platform.get('activities', fx.activityId))?.pool).toMatchObject({ available: 28, reserved: 2 });
    const shrunk = ok(await update(await formOf(fx.activityId, { poolSize: 2 }), staff.ops));
    expect(shrunk.activity.pool).toEqual({ available: 0, reserved: 2, sold: 0 });
    await expectConserved(platform, sku.skuId, 50);
  });

  it('a repeated request changes the pool once', async () => {
    const staff = await signInStaff(platform, 'u4');
    const sku = await seedSku(platform, 'm-a', 100);
    const id = await create(platform, staff.ops, sku.skuId, { stockMode: 'dedicated', poolSize: 10 });
    const body = await formOf(id, { poolSize: 25 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => update(body, staff.ops)));
    for (const a of answers) expect(outcome(a)).toEqual([200, 'ok']);
    const { sku: counters } = await expectConserved(platform, sku.skuId, 100);
    expect(counters).toMatchObject({ available: 75, allocated: 25 });
  });

  it(
    'a pool shrink racing shoppers opening and joining groups never leaves it below held and sold, nor oversells',
    async () => {
      const staff = await signInStaff(platform, 'u5');
      const sku = await seedSku(platform, 'm-a', 100);
      const fx = await published(platform, staff.ops, sku, { stockMode: 'dedicated', poolSize: 20, groupSize: 3 });
      const forming = await Promise.all(Array.from({ length: 4 }, (_, i) => openGroupAs(platform, fx, `o-u5l-${i}`)));
      const shoppers = rushShoppers(platform, fx, { tag: 'u5', forming, joins: 8, opens: 12 });
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 40));
      // Two staff shrink the pool to 12 at once while 20 shoppers want seats: the shrink lands once (or is
      // refused when the holds already passed 12), and no seat is ever sold past the pool.
      const shrinks = await Promise.all(
        [staff.ops, staff.merchantA].map(async (token) =>
          outcome(await update(await formOf(fx.activityId, { poolSize: 12 }), token)),
        ),
      );
      const answers = await Promise.all(shoppers);
      for (const s of shrinks) expect(['200 ok', '409 CONFLICT']).toContain(s.join(' '));
      for (const a of answers) {
        if (!a.ok) expect(['OUT_OF_STOCK', 'GROUP_FULL', 'GROUP_NOT_JOINABLE']).toContain(a.error.code);
      }
      const seats = answers.filter((a) => a.ok).length;
      console.log(`shrink race: ${JSON.stringify(shrinks)}, ${seats} seats placed`);
      if (shrinks.some(([status]) => status === 200)) expect(4 + seats).toBeLessThanOrEqual(12);
      // Afterwards the pool shrinks exactly to what it holds and sold, and no further.
      const held = (await platform.get('activities', fx.activityId))!.pool as { reserved: number; sold: number };
      const floor = held.reserved + held.sold;
      await expectRefused(platform, 'updateActivity', await formOf(fx.activityId, { poolSize: floor - 1 }), staff.ops, [
        409,
        'CONFLICT',
      ]);
      expect(outcome(await update(await formOf(fx.activityId, { poolSize: floor }), staff.ops))).toEqual([200, 'ok']);
      await expectGroupsConsistent(platform, fx.activityId);
      await expectConserved(platform, sku.skuId, 100);
      const pool = (await platform.get('activities', fx.activityId))!.pool as { available: number; reserved: number };
      expect(pool).toMatchObject({ available: 0, reserved: 4 + seats });
    },
    RACE_TIMEOUT,
  );

  it('lets a merchant change only its own activities (404), customer service none (403)', async () => {
    const staff = await signInStaff(platform, 'u6');
    const sku = await seedSku(platform, 'm-a', 100);
    const id = await create(platform, staff.merchantA, sku.skuId);
    const body = await formOf(id, { groupPrice: 2790 });
    await expectRefused(platform, 'updateActivity', body, staff.merchantB, [404, 'NOT_FOUND']);
    await expectRefused(platform, 'updateActivity', body, staff.service, [403, 'FORBIDDEN']);
    await expectRefused(platform, 'updateActivity', { ...body, groupPrice: 4990 }, staff.ops, [
      400,
      'INVALID_ARGUMENT',
    ]);
    expect(outcome(await update(body, staff.ops))).toEqual([200, 'ok']);
  });
});
