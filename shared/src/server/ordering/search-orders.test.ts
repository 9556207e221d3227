/**
 * The console's orders through its function and the emulator: searchOrders by each filter and scoped to a
 * merchant's own, getOrderDetail with its timeline, payment and refunds, and exportOrders as a CSV Excel
 * reads (BOM, yuan); a merchant never reaches another merchant's orders.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpReply } from '../runtime/define-http-function';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { payAndSettle, place } from '../testing/shopper';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Orders2026xx';
const tokens: Record<string, string> = {};
const placed: { mine: string[]; theirs: string; address: string } = { mine: [], theirs: '', address: '' };

type Listed = { items: { orderId: string; merchantId: string; status: string; shopper: string }[]; hasMore: boolean };

beforeAll(async () => {
  const mine = await seedCatalog((c, d) => platform.insert(c, d), { stock: 50 });
  const theirs = await seedCatalog((c, d) => platform.insert(c, d), { stock: 50 });
  const merchantOf = async (skuId: string) => (await platform.get('skus', skuId))?.merchantId as string;
  await addStaff(platform, 'orders-ops', PASSWORD);
  await addStaff(platform, 'orders-merchant', PASSWORD, { role: 'merchant', merchantId: await merchantOf(mine.skuId) });
  tokens.ops = await signIn(platform, 'orders-ops', PASSWORD);
  tokens.merchant = await signIn(platform, 'orders-merchant', PASSWORD);
  for (let i = 0; i < 3; i++) {
    const { orderId } = await place(platform, 'buySolo', `o-search-${i}`, {
      skuId: mine.skuId,
      quantity: 1,
      delivery: pickupAt(mine),
    });
    placed.mine.push(orderId);
  }
  await payAndSettle(platform, placed.mine[0] ?? '');
  placed.address = (
    await place(platform, 'buySolo', 'o-search-address', {
      skuId: mine.skuId,
      quantity: 2,
      delivery: {
        kind: 'address',
        name: '陈, "老板"',
        phone: '13812345678',
        district: '渝中区',
        detail: '解放碑 1 号',
      },
    })
  ).orderId;
  placed.mine.push(placed.address);
  placed.theirs = (
    await place(platform, 'buySolo', 'o-search-other', { skuId: theirs.skuId, quantity: 1, delivery: pickupAt(theirs) })
  ).orderId;
});

const search = (body: Record<string, unknown>, token = tokens.ops) =>
  adminCall<Listed>(platform, 'searchOrders', body, token);
const ids = (answer: Awaited<ReturnType<typeof search>>) =>
  answer.body.ok ? answer.body.data.items.map((i) => i.orderId) : [];

describe('searchOrders', () => {
  it('finds orders by number, phone, status and date, newest first, a page at a time', async () => {
    expect(ids(await search({ orderId: placed.address }))).toEqual([placed.address]);
    expect(ids(await search({ phoneLast4: '5678' }))).toEqual([placed.address]);
    expect(ids(await search({ status: 'to_ship' }))).toContain(placed.mine[0]);
    expect(ids(await search({ status: 'to_ship' }))).not.toContain(placed.mine[1]);
    const all = ids(await search({ limit: 100 }));
    expect(all.indexOf(placed.theirs)).toBeLessThan(all.indexOf(placed.mine[0] ?? ''));
    const page = await search({ limit: 2 });
    expect(page.body).toMatchObject({ ok: true, data: { hasMore: true } });
    expect(ids(await search({ from: Date.now() + 60_000 }))).toEqual([]);
    const shopper = await search({ orderId: placed.address });
    expect(shopper.body.ok && shopper.body.data.items[0]?.shopper).toMatch(/^o-sea…ess$/);
    expect((await search({ phoneLast4: '12' })).status).toBe(400);
  });

  it('gives a merchant its own orders only, whatever it asks for', async () => {
    const theirs = ids(await search({ limit: 100 }, tokens.merchant));
    expect(theirs.sort()).toEqual([...placed.mine].sort());
    expect(ids(await search({ orderId: placed.theirs }, tokens.merchant))).toEqual([]);
    const detail = await adminCall(platform, 'getOrderDetail', { orderId: placed.theirs }, tokens.merchant);
    expect([detail.status, detail.body.ok || detail.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('getOrderDetail', () => {
  it('shows the timeline of every change, the payment and what can still be refunded', async () => {
    const orderId = placed.mine[0] ?? '';
    const detail = await adminCall<{
      timeline: { event: string; by: string }[];
      payment?: { transactionId: string };
      refundable: boolean;
      refundableLeft: number;
    }>(platform, 'getOrderDetail', { orderId }, tokens.merchant);
    if (!detail.body.ok) throw new Error(detail.body.error.code);
    expect(detail.body.data.timeline.map((t) => [t.event, t.by])).toEqual([
      ['placed', 'shopper'],
      ['paid_solo', 'cloudpay'],
    ]);
    expect(detail.body.data.payment?.transactionId).toMatch(/\w+/);
    expect(detail.body.data).toMatchObject({ refundable: true, refundableLeft: 3_990 });
  });
});

describe('exportOrders', () => {
  it('answers a CSV Excel reads: BOM, quoted fields, yuan with 2 decimals; a merchant’s own orders', async () => {
    const event = {
      path: '/admin-api/exportOrders',
      httpMethod: 'POST',
      headers: { authorization: `Bearer ${tokens.merchant}`, 'content-type': 'application/json' },
      body: JSON.stringify({}),
    };
    const { result } = await platform.emulator.runner.invoke('adminApi', event, { source: 'wx_http' });
    const reply = result as HttpReply;
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reply.headers['content-disposition']).toMatch(
      /attachment; .*filename\*=UTF-8''%E8%AE%A2%E5%8D%95-\d{8}-\d{6}\.csv/,
    );
    expect(reply.body.startsWith('\uFEFF订单号,拼团号,商品')).toBe(true);
    const lines = reply.body.trim().split('\r\n');
    expect(lines).toHaveLength(1 + placed.mine.length);
    expect(reply.body).not.toContain(placed.theirs);
    expect(reply.body).toContain('"陈, ""老板"""');
    expect(lines.find((l) => l.startsWith(placed.address))).toMatch(/,2,39\.90,79\.80,0\.00,待付款,快递,渝中区,/);
  });
});
