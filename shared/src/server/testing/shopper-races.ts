/**
 * Shoppers racing each other for stock and seats, as scenarios that take their scale: `npm test` runs each at a
 * small scale (a dozen callers at once: enough for the calls to interleave at every database round trip) and
 * `npm run test:slow` at the full one (the `*.slow.test.ts` files beside the use cases).
 */
import { expect } from 'vitest';
import type { Platform } from '../../../../testing/platform';
import { pickupAt, seedCatalog, type Stock, EXPRESS_DELIVERY } from './group-buy.fixtures';
import { answer, formingGroup, type Placed } from './shopper';

/** `groups` forming groups of two hold half the stock; `each` shoppers per function race for the other half. */
export interface StockRace {
  readonly groups: number;
  readonly each: number;
}
export const STOCK_RACE = {
  small: { groups: 4, each: 4 },
  full: { groups: 10, each: 20 },
} satisfies Record<string, StockRace>;

/** openGroup, joinGroup and buySolo racing for the last units: they take exactly those, never more. */
export async function stockRace(platform: Platform, scale: StockRace): Promise<void> {
  const units = 2 * scale.groups;
  const call = (fn: string, openid: string, body: unknown) => answer<Placed>(platform, fn, openid, body);
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: units, groupSize: 2 });
  // Forming groups first (one unit held by each leader), then the shoppers race for the units left.
  const groups: string[] = [];
  for (let i = 0; i < scale.groups; i++) groups.push(await formingGroup(platform, fx, `o-stock-leader-${i}`));
  expect(await platform.get('skus', fx.skuId)).toMatchObject({
    stock: { available: scale.groups, reserved: scale.groups },
  });

  const delivery = pickupAt(fx);
  const attempts = [
    ...Array.from({ length: scale.each }, (_, i) =>
      call('openGroup', `o-opener-${i}`, { activityId: fx.activityId, quantity: 1, delivery }),
    ),
    ...Array.from({ length: scale.each }, (_, i) =>
      call('joinGroup', `o-joiner-${i}`, { groupId: groups[i % scale.groups], quantity: 1, delivery }),
    ),
    ...Array.from({ length: scale.each }, (_, i) =>
      call('buySolo', `o-solo-${i}`, { skuId: fx.skuId, quantity: 1, delivery }),
    ),
  ];
  const answers = await Promise.all(attempts);
  const winners = answers.filter((a) => a.ok);
  for (const a of answers) if (!a.ok) expect(['OUT_OF_STOCK', 'GROUP_FULL']).toContain(a.error.code);
  expect(winners).toHaveLength(scale.groups);

  const stock = (await platform.get('skus', fx.skuId))?.stock as Stock;
  expect(stock).toMatchObject({ available: 0, reserved: units, sold: 0 });

  // Pay every winner: solo orders and completed groups sell their units; the rest stay held.
  for (const w of winners) if (w.ok) await platform.pay(w.data.orderId);
  await platform.settle();
  const after = (await platform.get('skus', fx.skuId))?.stock as Stock;
  expect(after.available).toBe(0);
  expect(after.reserved + after.sold).toBe(units);
  const shipped = await platform.find('orders', { skuId: fx.skuId, status: 'to_ship' });
  expect(after.sold).toBe(shipped.reduce((sum, o) => sum + (o.quantity as number), 0));
}

/** `joiners` shoppers join one group of five at once. */
export interface SeatRace {
  readonly joiners: number;
}
export const SEAT_RACE = { small: { joiners: 12 }, full: { joiners: 300 } } satisfies Record<string, SeatRace>;

/** Concurrent joins on a 5-seat group: exactly 4 joiners hold seats, and the group succeeds once they pay. */
export async function seatRace(platform: Platform, scale: SeatRace): Promise<void> {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 1000, groupSize: 5 });
  const groupId = await formingGroup(platform, fx, 'o-race-leader');
  const answers = await Promise.all(
    Array.from({ length: scale.joiners }, (_, i) =>
      answer<Placed>(platform, 'joinGroup', `o-racer-${i}`, { groupId, quantity: 1, delivery: pickupAt(fx) }),
    ),
  );
  const winners = answers.filter((a) => a.ok);
  expect(winners).toHaveLength(4);
  const codes = new Set(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code)));
  expect(codes).toEqual(new Set(['GROUP_FULL']));

  const group = await platform.get('groups', groupId);
  expect(group).toMatchObject({ seatsTaken: 5, status: 'forming' });
  expect(new Set(group?.memberOpenids as string[]).size).toBe(5);
  const orders = await platform.find('orders', { groupId });
  expect(orders).toHaveLength(5);
  expect(await platform.get('skus', fx.skuId)).toMatchObject({ stock: { available: 995, reserved: 5, sold: 0 } });

  for (const w of winners) if (w.ok) await platform.pay(w.data.orderId);
  await platform.settle();
  expect(await platform.get('groups', groupId)).toMatchObject({ status: 'succeeded', seatsPaid: 5 });
  expect(await platform.get('skus', fx.skuId)).toMatchObject({ stock: { available: 995, reserved: 0, sold: 5 } });
}

/**
 * A 社区团's 5-seat group and `joiners` shoppers joining at once, a quarter by express and a quarter at another
 * point (refused PICKUP_POINT_ONLY, or GROUP_FULL once it filled, holding nothing), the rest at its point: exactly 4 of those take a seat, the
 * others are refused GROUP_FULL, and every seat, order and unit reserved is one of the 5 at the point.
 */
export async function communitySeatRace(platform: Platform, scale: SeatRace): Promise<void> {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 1000, groupSize: 5, communityPoint: true });
  const other = await seedCatalog((c, d) => platform.insert(c, d));
  const groupId = await formingGroup(platform, fx, 'o-race-leader');
  const deliveryOf = (i: number) => (i % 4 === 0 ? EXPRESS_DELIVERY : i % 4 === 1 ? pickupAt(other) : pickupAt(fx));
  const answers = await Promise.all(
    Array.from({ length: scale.joiners }, (_, i) =>
      answer<Placed>(platform, 'joinGroup', `o-racer-${i}`, { groupId, quantity: 1, delivery: deliveryOf(i) }),
    ),
  );
  const codeOf = (i: number) => {
    const a = answers[i];
    return !a || a.ok ? 'ok' : a.error.code;
  };
  const atPoint = answers.map((_, i) => i).filter((i) => i % 4 > 1);
  expect(atPoint.length).toBeGreaterThan(4);
  // Elsewhere is refused for where it goes, or for the group being full when it was read: never a seat.
  const elsewhere = answers.map((_, i) => i).filter((i) => i % 4 <= 1);
  expect(elsewhere.map(codeOf).filter((code) => code !== 'PICKUP_POINT_ONLY' && code !== 'GROUP_FULL')).toEqual([]);
  expect(elsewhere.map(codeOf)).toContain('PICKUP_POINT_ONLY');
  expect(atPoint.filter((i) => codeOf(i) === 'ok')).toHaveLength(4);
  expect(new Set(atPoint.map(codeOf))).toEqual(new Set(['ok', 'GROUP_FULL']));

  const group = await platform.get('groups', groupId);
  expect(group).toMatchObject({ seatsTaken: 5, status: 'forming' });
  const orders = await platform.find('orders', { groupId });
  expect(orders).toHaveLength(5);
  expect(orders.map((o) => (o.delivery as { pickupPointId?: string }).pickupPointId)).toEqual(
    Array(5).fill(fx.pickupPointId),
  );
  expect(await platform.get('skus', fx.skuId)).toMatchObject({ stock: { available: 995, reserved: 5, sold: 0 } });
  expect(await platform.find('orders', { skuId: fx.skuId })).toHaveLength(5);
}
