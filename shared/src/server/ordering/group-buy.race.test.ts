/**
 * Races through the emulator with the real SDK: many shoppers at once on one group and on one stock.
 * The invariants: a group never holds more than N seats; stock is conserved and never negative.
 */
import type { Envelope } from '../../kernel/envelope';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';
import { pickupAt, seedCatalog, type Stock } from '../testing/group-buy.fixtures';

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform.stop();
});

type Placed = { orderId: string; groupId?: string };

const call = async (fn: string, openid: string, body: Record<string, unknown>) =>
  (await platform.call<Envelope<Placed>>(fn, openid, body)).body;

async function formingGroup(fx: Awaited<ReturnType<typeof seedCatalog>>, leader: string) {
  const opened = await call('openGroup', leader, { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) });
  if (!opened.ok) throw new Error(opened.error.code);
  await platform.pay(opened.data.orderId);
  await platform.settle();
  return opened.data.groupId as string;
}

describe('races', () => {
  it('300 concurrent joins on a 5-seat group: exactly 4 joiners hold seats', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 1000, groupSize: 5 });
    const groupId = await formingGroup(fx, 'o-race-leader');
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        call('joinGroup', `o-racer-${i}`, { groupId, quantity: 1, delivery: pickupAt(fx) }),
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
  });

  it('openGroup, joinGroup and buySolo racing for 20 units take exactly 20, never more', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 20, groupSize: 2 });
    // Ten forming groups first (10 units held by their leaders), then 60 shoppers race for the other 10.
    const groups: string[] = [];
    for (let i = 0; i < 10; i++) groups.push(await formingGroup(fx, `o-stock-leader-${i}`));
    expect(await platform.get('skus', fx.skuId)).toMatchObject({ stock: { available: 10, reserved: 10 } });

    const delivery = pickupAt(fx);
    const attempts = [
      ...Array.from({ length: 20 }, (_, i) =>
        call('openGroup', `o-opener-${i}`, { activityId: fx.activityId, quantity: 1, delivery }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        call('joinGroup', `o-joiner-${i}`, { groupId: groups[i % 10], quantity: 1, delivery }),
      ),
      ...Array.from({ length: 20 }, (_, i) =>
        call('buySolo', `o-solo-${i}`, { skuId: fx.skuId, quantity: 1, delivery }),
      ),
    ];
    const answers = await Promise.all(attempts);
    const winners = answers.filter((a) => a.ok);
    for (const a of answers) if (!a.ok) expect(['OUT_OF_STOCK', 'GROUP_FULL']).toContain(a.error.code);
    expect(winners).toHaveLength(10);

    const stock = (await platform.get('skus', fx.skuId))?.stock as Stock;
    expect(stock).toMatchObject({ available: 0, reserved: 20, sold: 0 });

    // Pay every winner: solo orders and completed groups sell their units; the rest stay held.
    for (const w of winners) if (w.ok) await platform.pay(w.data.orderId);
    await platform.settle();
    const after = (await platform.get('skus', fx.skuId))?.stock as Stock;
    expect(after.available).toBe(0);
    expect(after.reserved + after.sold).toBe(20);
    const shipped = await platform.find('orders', { skuId: fx.skuId, status: 'to_ship' });
    expect(after.sold).toBe(shipped.reduce((sum, o) => sum + (o.quantity as number), 0));
  });
});
