/**
 * getLiveMonitor through the emulator: every figure on a known day of groups and orders (today in
 * Asia/Shanghai), a merchant's figures limited to its own, and a fixed number of database round trips
 * per refresh however many groups and orders there are.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { getLiveMonitorContract, AdminResponseOf } from '../../contracts/admin';
import { startOfBusinessDay } from '../../kernel/time';
import { type CatalogFixture, groupDoc, HOUR, PLACES, seedCatalog } from '../testing/group-buy.fixtures';
import { dataOf, refusal, staffSession } from '../testing/interventions';
import { usePlatform } from '../testing/use-platform';

type Monitor = AdminResponseOf<typeof getLiveMonitorContract>;

const platform = usePlatform();
const MINUTE = 60_000;
const now = Date.now();
const dayStart = startOfBusinessDay(now);
/** `minutes` ago, but never before today began (a run just after midnight stays in today). */
const ago = (minutes: number) => Math.max(dayStart, now - minutes * MINUTE);
const yesterday = dayStart - 2 * HOUR;
const hourOf = (at: number) => Math.floor((at - dayStart) / HOUR);

let a: CatalogFixture;
let b: CatalogFixture;
const merchantOf = (fx: CatalogFixture) => `m-test-${fx.activityId.slice('a-test-'.length)}`;

function order(fx: CatalogFixture, id: string, fields: Record<string, unknown>, district = '渝中区') {
  return {
    _id: id,
    openid: `o-${id}`,
    role: 'member',
    status: 'to_ship',
    activityId: fx.activityId,
    skuId: fx.skuId,
    productId: fx.productId,
    merchantId: merchantOf(fx),
    title: '老火锅底料 拼团',
    spec: '400g',
    quantity: 1,
    unitPrice: 2990,
    total: 2990,
    stockMode: 'shared',
    stock: { kind: 'sku', id: fx.skuId },
    delivery: { kind: 'pickup', pickupPointId: fx.pickupPointId, name: '驿站', address: '地址', district },
    payDeadlineAt: now + 15 * MINUTE,
    createdAt: ago(20),
    updatedAt: now,
    ...fields,
  };
}

beforeAll(async () => {
  const insert = (c: string, d: readonly Record<string, unknown>[]) => platform.insert(c, d);
  a = await seedCatalog(insert, { stock: 80 });
  b = await seedCatalog(insert, { stockMode: 'dedicated', pool: 30 });
  const group = (fx: CatalogFixture, id: string, overrides: Record<string, unknown>) =>
    groupDoc(fx, id, `o-leader-${id}`, { merchantId: merchantOf(fx), formedAt: yesterday, ...overrides });
  await platform.insert('groups', [
    group(a, 'g1', { deadlineAt: now + 30 * MINUTE, formedAt: ago(20) }),
    group(a, 'g2', { deadlineAt: now + 5 * HOUR, seatsTaken: 3 }),
    group(a, 'g3', { deadlineAt: now + 20 * MINUTE, seatsTaken: 3 }),
    group(a, 'g4', { status: 'succeeded', formedAt: ago(30), closedAt: ago(10), seatsPaid: 3, seatsTaken: 3 }),
    group(a, 'g5', { status: 'failed', closedAt: ago(5), ...PLACES.nanping }),
    group(a, 'g6', { status: 'succeeded', closedAt: yesterday }),
    group(a, 'g7', { deadlineAt: now - MINUTE }),
    group(b, 'h1', { deadlineAt: now + 10 * MINUTE, formedAt: ago(15), ...PLACES.guanyinqiao }),
    group(b, 'h2', { status: 'succeeded', completedBy: 'platform', closedAt: ago(3), ...PLACES.guanyinqiao }),
  ]);
  await platform.insert('orders', [
    order(a, 'o1', { paidAt: ago(10), createdAt: ago(12) }),
    order(a, 'o2', { status: 'refunded', paidAt: ago(14), refundedAt: ago(2), createdAt: ago(15) }, '南岸区'),
    order(a, 'o3', { status: 'pending_payment' }),
    order(a, 'o4', { paidAt: yesterday, createdAt: yesterday }),
    order(
      b,
      'p1',
      { paidAt: ago(8), quantity: 2, unitPrice: 1990, total: 3980, stock: { kind: 'pool', id: b.activityId } },
      '江北区',
    ),
    {
      ...order(a, 's1', { paidAt: ago(6), total: 3990, unitPrice: 3990, role: 'solo' }),
      activityId: undefined,
    },
  ]);
});

describe('getLiveMonitor', () => {
  it('shows ops every figure of the day', async () => {
    const ops = await staffSession(platform, 'ops');
    const monitor = dataOf(await ops<Monitor>('getLiveMonitor', {}));
    expect(monitor.dayStartAt).toBe(dayStart);
    expect(monitor.forming).toBe(4);
    expect(monitor.endingSoon).toBe(2);
    expect(monitor.endingSoonGroups.map((g) => g.groupId)).toEqual(['h1', 'g1']);
    expect(monitor.today).toEqual({
      opened: 3,
      succeeded: 2,
      failed: 1,
      successRate: 0.6667,
      salesAmount: 2990 + 3980 + 3990,
      paidOrders: 3,
      paidAmount: 2990 + 2990 + 3980 + 3990,
      refundedAmount: 2990,
      refundedOrders: 1,
    });
    const byStatus = Object.fromEntries(monitor.ordersByStatus.map((s) => [s.status, s.count]));
    expect(byStatus).toMatchObject({ to_ship: 3, refunded: 1, pending_payment: 1, closed: 0 });
    const rows = Object.fromEntries(monitor.activities.map((row) => [row.activityId, row]));
    expect(rows[a.activityId]).toMatchObject({
      stockLeft: 80,
      forming: 3,
      endingSoon: 1,
      succeeded: 1,
      failed: 1,
      successRate: 0.5,
      salesAmount: 2990,
      unitsSold: 1,
      status: 'active',
    });
    expect(rows[b.activityId]).toMatchObject({
      stockMode: 'dedicated',
      stockLeft: 30,
      forming: 1,
      succeeded: 1,
      failed: 0,
      successRate: 1,
      salesAmount: 3980,
      unitsSold: 2,
    });
    expect(monitor.byHour).toHaveLength(24);
    expect(monitor.byHour.reduce((sum, h) => sum + h.salesAmount, 0)).toBe(monitor.today.salesAmount);
    expect(monitor.byHour[hourOf(ago(10))]).toMatchObject({ succeeded: expect.any(Number) });
    expect(monitor.byHour.reduce((sum, h) => sum + h.succeeded, 0)).toBe(2);
    const districts = Object.fromEntries(monitor.byDistrict.map((d) => [d.district, d]));
    expect(districts['江北区']).toMatchObject({ opened: 1, succeeded: 1, salesAmount: 3980 });
    expect(districts['南岸区']).toMatchObject({ failed: 1, salesAmount: 0, successRate: 0 });
    expect(districts['渝中区']).toMatchObject({ opened: 2, succeeded: 1, salesAmount: 2990 + 3990 });
  });

  it('shows a merchant its own activities and groups only; customer service not at all', async () => {
    const merchant = await staffSession(platform, 'merchant', merchantOf(a));
    const monitor = dataOf(await merchant<Monitor>('getLiveMonitor', {}));
    expect(monitor.activities.map((row) => row.activityId)).toEqual([a.activityId]);
    expect(monitor.forming).toBe(3);
    expect(monitor.endingSoonGroups.map((g) => g.groupId)).toEqual(['g1']);
    expect(monitor.today).toMatchObject({ opened: 2, succeeded: 1, failed: 1, paidAmount: 2990 + 2990 + 3990 });
    const service = await staffSession(platform, 'service');
    expect(refusal(await service('getLiveMonitor', {}))).toEqual([403, 'FORBIDDEN']);
  });

  it('costs the same round trips with ten times the groups and orders', async () => {
    const ops = await staffSession(platform, 'ops');
    const refresh = () => ops<Monitor>('getLiveMonitor', {});
    await refresh();
    const small = await platform.countingRoundTrips(refresh);
    const many = Array.from({ length: 200 }, (_, i) =>
      groupDoc(a, `bulk-${i}`, `o-bulk-${i}`, {
        merchantId: merchantOf(a),
        formedAt: ago(i % 60),
        deadlineAt: now + (i % 90) * MINUTE + MINUTE,
      }),
    );
    await platform.insert('groups', many);
    await platform.insert(
      'orders',
      Array.from({ length: 300 }, (_, i) => order(a, `bulk-o-${i}`, { paidAt: ago(i % 50), createdAt: ago(i % 50) })),
    );
    const large = await platform.countingRoundTrips(refresh);
    expect(dataOf(large.result).forming).toBe(204);
    // The session's own reads (2) and the monitor's six.
    expect(large.trips).toBe(small.trips);
    expect(small.trips).toBeLessThanOrEqual(2 + 6 + 1);
  });
});
