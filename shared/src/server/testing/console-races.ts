/**
 * The console's actions raced against shoppers, as scenarios that take their scale: `npm test` runs each at a
 * small scale (a dozen callers at once: enough for the calls to interleave at every database round trip) and
 * `npm run test:slow` at the full one (the `*.slow.test.ts` files beside the use cases). Each scenario
 * asserts what its race must leave behind, whatever the interleaving.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Platform } from '../../../../testing/platform';
import {
  draft,
  expectConserved,
  expectGroupsConsistent,
  ok,
  outcome,
  published,
  rushShoppers,
  seedSku,
  signInStaff,
} from './activities';
import { pickupAt, seedCatalog } from './group-buy.fixtures';
import { answer, openGroupAs, payAndSettle, place } from './shopper';
import { adminCall } from './staff';

/** A short, random head start for the shoppers, so the console's call lands among theirs. */
const headStart = () => new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 40));

interface Pool {
  available: number;
  reserved: number;
  sold: number;
}

/** `warmJoins` join warm groups first (warming the instances); then `joins` + `opens` shoppers rush a pause. */
export interface PauseRace {
  readonly warmJoins: number;
  readonly joins: number;
  readonly opens: number;
}
export const PAUSE_RACE = {
  small: { warmJoins: 6, joins: 6, opens: 6 },
  full: { warmJoins: 27, joins: 25, opens: 25 },
} satisfies Record<string, PauseRace>;

/**
 * pauseActivity racing shoppers opening and joining a dedicated pool's groups: every group stays consistent,
 * every seat placed before the pause and paid after it is refunded, stock is conserved; resumed, it sells again.
 */
export async function pauseRace(platform: Platform, scale: PauseRace): Promise<void> {
  const staff = await signInStaff(platform, 'l4');
  // Warm instances of openGroup and joinGroup first, so the shoppers' calls race the pause for real.
  const warmSku = await seedSku(platform, 'm-a', 200);
  const warm = await published(platform, staff.ops, warmSku, { groupSize: 10, perUserLimit: 5 });
  const warmGroups = await Promise.all(
    Array.from({ length: Math.ceil(scale.warmJoins / 9) }, (_, i) => openGroupAs(platform, warm, `o-l4w-${i}`)),
  );
  await Promise.all(
    Array.from({ length: scale.warmJoins }, (_, i) =>
      answer(platform, 'joinGroup', `o-l4wj-${i}`, {
        groupId: warmGroups[i % warmGroups.length]!.groupId,
        quantity: 1,
        delivery: { kind: 'pickup', pickupPointId: warm.pickupPointId },
      }),
    ),
  );

  const sku = await seedSku(platform, 'm-a', 200);
  const fx = await published(platform, staff.ops, sku, { stockMode: 'dedicated', poolSize: 100, groupSize: 3 });
  const forming = await Promise.all(Array.from({ length: 5 }, (_, i) => openGroupAs(platform, fx, `o-l4l-${i}`)));
  const shoppers = rushShoppers(platform, fx, { tag: 'l4', forming, joins: scale.joins, opens: scale.opens });
  await headStart();
  const paused = await adminCall(platform, 'pauseActivity', { activityId: fx.activityId }, staff.ops);
  const answers = await Promise.all(shoppers);
  expect(outcome(paused)).toEqual([200, 'ok']);

  const placed = answers.flatMap((a) => (a.ok ? [a.data.orderId] : []));
  const refusals = answers.flatMap((a) => (a.ok ? [] : [a.error.code]));
  console.log(`pause race: ${placed.length} placed, refused ${JSON.stringify(refusals)}`);
  for (const code of refusals) expect(['ACTIVITY_PAUSED', 'GROUP_FULL', 'GROUP_NOT_JOINABLE']).toContain(code);
  // Every placed order is paid now, after the pause: its seat is not paid, its money goes back.
  await Promise.all(placed.map((orderId) => payAndSettle(platform, orderId)));
  await platform.settle();
  const statuses = await expectGroupsConsistent(platform, fx.activityId);
  console.log(`pause race orders: ${JSON.stringify(statuses)}`);
  expect(statuses.awaiting_group).toBe(5); // the leaders who paid before the pause
  expect((statuses.refunding ?? 0) + (statuses.refunded ?? 0)).toBe(placed.length);
  await expectConserved(platform, sku.skuId, 200);
  const pool = (await platform.get('activities', fx.activityId))?.pool as Pool;
  expect(pool.available + pool.reserved + pool.sold).toBe(100);
  expect(pool.reserved).toBe(5);

  // Resumed, it sells again, and the groups that were forming still fill.
  ok(await adminCall(platform, 'resumeActivity', { activityId: fx.activityId }, staff.ops));
  const joined = await answer<{ orderId: string }>(platform, 'joinGroup', 'o-l4-after', {
    groupId: forming[0]!.groupId,
    quantity: 1,
    delivery: { kind: 'pickup', pickupPointId: fx.pickupPointId },
  });
  expect(joined.ok).toBe(true);
  await expectGroupsConsistent(platform, fx.activityId);
}

/** `warm` shoppers open groups first (warming the instances); then `shoppers` open groups while `ends` end it. */
export interface EndRace {
  readonly warm: number;
  readonly shoppers: number;
  readonly ends: number;
}
export const END_RACE = {
  small: { warm: 8, shoppers: 8, ends: 4 },
  full: { warm: 30, shoppers: 30, ends: 10 },
} satisfies Record<string, EndRace>;

/** endActivity asked `ends` times at once while shoppers open groups: ended once, each unit given back once. */
export async function endRace(platform: Platform, scale: EndRace): Promise<void> {
  const staff = await signInStaff(platform, 'l6');
  const warmSku = await seedSku(platform, 'm-a', 100);
  const warm = await published(platform, staff.ops, warmSku);
  await Promise.all(
    Array.from({ length: scale.warm }, (_, i) =>
      answer(platform, 'openGroup', `o-l6w-${i}`, {
        activityId: warm.activityId,
        quantity: 1,
        delivery: { kind: 'pickup', pickupPointId: warm.pickupPointId },
      }),
    ),
  );
  const sku = await seedSku(platform, 'm-a', 100);
  const fx = await published(platform, staff.ops, sku, { stockMode: 'dedicated', poolSize: 60 });
  const delivery = { kind: 'pickup', pickupPointId: fx.pickupPointId };
  const shoppers = Array.from({ length: scale.shoppers }, (_, i) =>
    answer<{ orderId: string }>(platform, 'openGroup', `o-l6-${i}`, {
      activityId: fx.activityId,
      quantity: 1,
      delivery,
    }),
  );
  await headStart();
  const ends = await Promise.all(
    Array.from({ length: scale.ends }, () =>
      adminCall(platform, 'endActivity', { activityId: fx.activityId }, staff.ops),
    ),
  );
  const answers = await Promise.all(shoppers);
  expect(ends.map((e) => outcome(e).join(' ')).sort()).toEqual([
    '200 ok',
    ...Array.from({ length: scale.ends - 1 }, () => '409 CONFLICT'),
  ]);
  const placed = answers.filter((a) => a.ok).length;
  console.log(`end race: ${placed} groups opened before the end`);
  for (const a of answers) if (!a.ok) expect(['ACTIVITY_ENDED', 'OUT_OF_STOCK']).toContain(a.error.code);
  const pool = (await platform.get('activities', fx.activityId))?.pool as Pool;
  // Given back: what was available when it ended; the held units stay in the pool.
  expect(pool).toMatchObject({ available: 0, reserved: placed, sold: 0 });
  const { sku: counters } = await expectConserved(platform, sku.skuId, 100);
  expect(counters).toMatchObject({ available: 100 - placed, allocated: placed });
  const audits = await platform.find('audit_logs', { target: `activity/${fx.activityId}`, action: 'endActivity' });
  expect(audits).toMatchObject([{ after: { poolReturned: 60 - placed } }]);
  await expectGroupsConsistent(platform, fx.activityId);
}

/** `creates` dedicated pools of 10 asked at once while `buys` shoppers buy the same SKU (as many units as the pools). */
export interface CarveRace {
  readonly creates: number;
  readonly buys: number;
}
export const CARVE_RACE = {
  small: { creates: 4, buys: 8 },
  full: { creates: 10, buys: 30 },
} satisfies Record<string, CarveRace>;

/** createActivity racing shoppers buying the same SKU: each pool carved whole or not at all, no unit lost. */
export async function carveRace(platform: Platform, scale: CarveRace): Promise<void> {
  const POOL = 10;
  const stock = scale.creates * POOL;
  const staff = await signInStaff(platform, 'c6');
  const sku = await seedSku(platform, 'm-a', stock);
  const buy = (skuId: string, pickupPointId: string, openid: string) =>
    place(platform, 'buySolo', openid, { skuId, quantity: 1, delivery: { kind: 'pickup', pickupPointId } }).then(
      () => 'ok',
      (error: Error) => error.message,
    );
  // Warm instances, so the shoppers' calls below reach the stock as soon as the console's.
  const warm = await seedSku(platform, 'm-a', 100);
  await Promise.all(Array.from({ length: scale.buys }, (_, i) => buy(warm.skuId, warm.pickupPointId, `o-c6w-${i}`)));
  const buys = Array.from({ length: scale.buys }, (_, i) => buy(sku.skuId, sku.pickupPointId, `o-c6-${i}`));
  const creates = Array.from({ length: scale.creates }, () =>
    adminCall(platform, 'createActivity', draft(sku.skuId, { stockMode: 'dedicated', poolSize: POOL }), staff.ops),
  );
  const [created, bought] = await Promise.all([Promise.all(creates), Promise.all(buys)]);
  const carved = created.filter((a) => a.body.ok).length;
  const sold = bought.filter((b) => b === 'ok').length;
  console.log(`create race: ${carved} pools carved, ${sold} solo orders placed`);
  for (const answer of created.filter((a) => !a.body.ok)) expect(outcome(answer)).toEqual([409, 'OUT_OF_STOCK']);
  for (const refused of bought.filter((b) => b !== 'ok')) expect(refused).toBe('buySolo: OUT_OF_STOCK');
  const { sku: counters, pools } = await expectConserved(platform, sku.skuId, stock);
  expect(pools.size).toBe(carved);
  expect(counters.allocated).toBe(POOL * carved);
  expect(counters.reserved).toBe(sold);
  // Whoever lost was refused for stock: what is left is less than a pool, or every pool was carved.
  expect(counters.available < POOL || carved === scale.creates).toBe(true);
  expect(sold === scale.buys || counters.available === 0).toBe(true);
  expect((await platform.find('audit_logs', { action: 'createActivity', account: 'ops-c6' })).length).toBe(carved);
}

/** `adjustments` of the stock (+4, -3, -3, ...) raced by `orders` shoppers' orders of 2 (solo and new groups). */
export interface AdjustRace {
  readonly adjustments: number;
  readonly orders: number;
}
export const ADJUST_RACE = {
  small: { adjustments: 15, orders: 10 },
  full: { adjustments: 60, orders: 40 },
} satisfies Record<string, AdjustRace>;

/** adjustStock raced against itself and shoppers' orders (as ops `token`): every unit counted, never below held or sold. */
export async function adjustRace(platform: Platform, token: string, scale: AdjustRace): Promise<void> {
  const START = 20;
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: START, perOrderLimit: 5 });
  const deltas = Array.from({ length: scale.adjustments }, (_, i) => (i % 3 === 0 ? 4 : -3));
  const calls = [
    ...deltas.map((delta) =>
      adminCall(
        platform,
        'adjustStock',
        { skuId: fx.skuId, delta, reason: delta > 0 ? '入库' : '盘亏', requestKey: randomUUID() },
        token,
      ).then((a) => ({ kind: 'adjust', delta, ok: a.body.ok })),
    ),
    ...Array.from({ length: scale.orders }, (_, i) =>
      (i % 2 === 0
        ? answer<{ orderId: string }>(platform, 'buySolo', `o-race-${i}`, {
            skuId: fx.skuId,
            quantity: 2,
            delivery: pickupAt(fx),
          })
        : answer<{ orderId: string }>(platform, 'openGroup', `o-race-${i}`, {
            activityId: fx.activityId,
            quantity: 2,
            delivery: pickupAt(fx),
          })
      ).then((a) => ({ kind: 'order', delta: 0, ok: a.ok, code: a.ok ? 'ok' : a.error.code })),
    ),
  ];
  const results = await Promise.all(calls.sort(() => Math.random() - 0.5));
  const applied = results.filter((r) => r.kind === 'adjust' && r.ok).reduce((sum, r) => sum + r.delta, 0);
  const orders = results.filter((r) => r.kind === 'order' && r.ok).length;
  const refusedOrders = results.filter((r) => r.kind === 'order' && !r.ok);
  expect(refusedOrders.every((r) => 'code' in r && r.code === 'OUT_OF_STOCK')).toBe(true);

  const stock = (await platform.get('skus', fx.skuId))?.stock as Pool & { holds: Record<string, number> };
  expect(stock.available).toBeGreaterThanOrEqual(0);
  expect(stock.available + stock.reserved + stock.sold).toBe(START + applied);
  expect(stock.reserved).toBe(orders * 2);
  expect(Object.values(stock.holds).reduce((sum, q) => sum + q, 0)).toBe(stock.reserved);
  const adjustments = await platform.find('audit_logs', { target: `sku/${fx.skuId}` });
  expect(adjustments.map((e) => (e.after as { delta: number }).delta).reduce((a, b) => a + b, 0)).toBe(applied);
  console.log(
    `adjustStock race: ${results.filter((r) => r.kind === 'adjust' && r.ok).length}/${scale.adjustments} adjustments, ${orders}/${scale.orders} orders`,
  );
}

/** `before` shoppers, the 下架, `after` more shoppers, all at once; then `later` shoppers once it answered. */
export interface TakeDownRace {
  readonly before: number;
  readonly after: number;
  readonly later: number;
}
export const TAKE_DOWN_RACE = {
  small: { before: 6, after: 6, later: 4 },
  full: { before: 20, after: 20, later: 10 },
} satisfies Record<string, TakeDownRace>;

/**
 * 下架 (setProductStatus off_sale, as ops `token`) raced by shoppers: sales refused only as PRODUCT_OFF_SALE,
 * every unit counted, none after 下架 answered.
 */
export async function takeDownRace(platform: Platform, token: string, scale: TakeDownRace): Promise<void> {
  const START = 200;
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: START, perOrderLimit: 5 });
  const delivery = pickupAt(fx);
  const shop = (i: number) =>
    (i % 2 === 0
      ? answer(platform, 'buySolo', `o-down-${i}`, { skuId: fx.skuId, quantity: 2, delivery })
      : answer(platform, 'openGroup', `o-down-${i}`, { activityId: fx.activityId, quantity: 2, delivery })
    ).then((a) => (a.ok ? 'ok' : a.error.code));
  const takeDown = () =>
    adminCall(platform, 'setProductStatus', { productId: fx.productId, status: 'off_sale' }, token).then((a) =>
      a.body.ok ? 'taken down' : a.body.error.code,
    );
  const during = await Promise.all([
    ...Array.from({ length: scale.before }, (_, i) => shop(i)),
    takeDown(),
    ...Array.from({ length: scale.after }, (_, i) => shop(scale.before + i)),
  ]);
  expect(during).toContain('taken down');
  expect(during.filter((r) => r !== 'ok' && r !== 'taken down').every((r) => r === 'PRODUCT_OFF_SALE')).toBe(true);
  const first = scale.before + scale.after;
  const after = await Promise.all(Array.from({ length: scale.later }, (_, i) => shop(first + i)));
  expect(after).toEqual(Array(scale.later).fill('PRODUCT_OFF_SALE'));

  const sold = during.filter((r) => r === 'ok').length * 2;
  const stock = (await platform.get('skus', fx.skuId))?.stock as Pool;
  expect(stock.available + stock.reserved + stock.sold).toBe(START);
  expect(stock.reserved + stock.sold).toBe(sold);
}
