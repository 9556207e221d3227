/**
 * getPickupDesk through the bundled function in the emulator: for the point the caller keeps and no other, today's
 * arrivals summed by SKU, who is due to collect what (oldest arrival first, nicknames masked, no pickup code, no
 * openid) and what was collected today; anyone keeping no point is refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startOfBusinessDay } from '../../kernel/time';
import { refusal } from '../testing/envelopes';
import { ordersToShip, staffToken } from '../testing/fulfilment';
import { arriveAtPoint, keeperWithPoint, verifyAtPoint, waitingAt } from '../testing/pickup-desk';
import { addUser, answer } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const M = 'm-desk-read';
let merchant = '';
beforeAll(async () => {
  merchant = await staffToken(platform, 'desk-read-m', M);
});

interface DeskRow {
  orderId: string;
  shopper: string;
  phoneTail?: string;
  title: string;
  spec: string;
  quantity: number;
}
interface Desk {
  pickupPoint: { pickupPointId: string; name: string };
  dayStart: number;
  arrivals: { skuId: string; title: string; orders: number; units: number; unitsWaiting: number }[];
  due: (DeskRow & { arrivedAt: number })[];
  dueMore: boolean;
  collected: (DeskRow & { collectedAt: number })[];
  collectedMore: boolean;
}

const desk = (openid: string) => answer<Desk>(platform, 'getPickupDesk', openid, {});
const HUAJIAO = { skuId: 's-desk-huajiao', title: '江津花椒', spec: '250g' };
const ORANGE = { skuId: 's-desk-orange', title: '奉节脐橙', spec: '5kg' };

describe('getPickupDesk', () => {
  it('shows the keeper’s point: today’s arrivals by SKU, who is due, what was collected today', async () => {
    const { keeper, pickupPointId } = await keeperWithPoint(platform);
    const elsewhere = await keeperWithPoint(platform);
    const shoppers = ['o-desk-a', 'o-desk-b', 'o-desk-c', 'o-desk-d', 'o-desk-e', 'o-desk-f'];
    await Promise.all(
      shoppers.map((openid, i) => addUser(platform, openid, ['王小明', '李四', '', '赵大宝', '钱', '孙'][i] ?? '')),
    );
    const order = (openid: string, quantity: number, sku: typeof HUAJIAO) =>
      ordersToShip(platform, 1, { merchantId: M, openid, pickupPointId, quantity, ...sku });
    const ids = (
      await Promise.all([
        order('o-desk-a', 1, HUAJIAO),
        order('o-desk-b', 2, HUAJIAO),
        order('o-desk-c', 1, ORANGE),
        order('o-desk-d', 3, ORANGE),
        order('o-desk-e', 1, ORANGE),
      ])
    ).flat();
    const codes = await arriveAtPoint(platform, merchant, pickupPointId, ids);
    const [a, b, c, yesterday, refunded] = ids.map((id, i) => ({ ids: [id], codes: [codes[i] ?? ''] }));
    if (!a || !b || !c || !yesterday || !refunded) throw new Error('five orders');
    await waitingAt(platform, merchant, 1, {
      merchantId: M,
      openid: 'o-desk-f',
      pickupPointId: elsewhere.pickupPointId,
    });
    const dayStart = startOfBusinessDay(Date.now());
    // One arrived yesterday and still waits; one was refunded after it arrived.
    await platform.update(
      'orders',
      { _id: yesterday.ids[0] },
      { $set: { 'shipment.arrivedAt': dayStart - 3_600_000 } },
    );
    await platform.update('orders', { _id: refunded.ids[0] }, { $set: { status: 'refunded' } });
    // 李四 collects now.
    expect((await verifyAtPoint(platform, keeper, b.codes[0] ?? '')).ok).toBe(true);

    const seen = await desk(keeper);
    if (!seen.ok) throw new Error(seen.error.code);
    expect(seen.data.pickupPoint).toMatchObject({ pickupPointId, name: '南坪便民驿站' });
    expect(seen.data.dayStart).toBe(dayStart);
    expect(seen.data.arrivals).toEqual([
      { ...HUAJIAO, orders: 2, units: 3, unitsWaiting: 1 },
      { ...ORANGE, orders: 1, units: 1, unitsWaiting: 1 },
    ]);
    // Oldest arrival first: yesterday's, then today's (arrived together, in either order).
    const [first, ...today] = seen.data.due;
    expect(first).toMatchObject({
      orderId: yesterday.ids[0],
      shopper: '赵*宝',
      quantity: 3,
      arrivedAt: dayStart - 3_600_000,
    });
    expect(today.map((d) => [d.orderId, d.shopper, d.title])).toEqual(
      expect.arrayContaining([
        [a.ids[0], '王*明', '江津花椒'],
        [c.ids[0], '微信用户', '奉节脐橙'],
      ]),
    );
    expect(today).toHaveLength(2);
    expect(today.every((d) => d.arrivedAt >= dayStart && d.phoneTail === undefined)).toBe(true);
    expect(seen.data.collected).toEqual([
      expect.objectContaining({ orderId: b.ids[0], shopper: '李*', title: '江津花椒', spec: '250g', quantity: 2 }),
    ]);
    expect(seen.data).toMatchObject({ dueMore: false, collectedMore: false });
    const text = JSON.stringify(seen.data);
    for (const code of [...a.codes, ...c.codes, ...yesterday.codes]) expect(text).not.toContain(code);
    for (const openid of shoppers) expect(text).not.toContain(openid);

    // The other point's keeper sees only theirs.
    const theirs = await desk(elsewhere.keeper);
    expect(theirs.ok && theirs.data.due.map((d) => d.shopper)).toEqual(['孙*']);
  });

  it('refuses a shopper who keeps no point', async () => {
    expect(refusal(await desk('o-desk-nobody'))).toBe('FORBIDDEN');
  });
});
