/**
 * Express shipping through adminApi and the emulator: 待发货 and the picking summary, shipOrders (the order,
 * its history, the shipping report and the shopper's 已发货 message together; a repeat is fine, a second
 * waybill refused; another merchant's order is not found), ten requests racing over the same orders (each
 * ships once, one report each), and importShipments (every bad row reported, nothing shipped; imported twice,
 * nothing twice).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SUBSCRIBE_TEMPLATES } from '../../domain/notification';
import { job } from '../testing/ops';
import { act, addressDelivery, ordersToShip, orderDoc, staffToken } from '../testing/fulfilment';
import { seedCatalog } from '../testing/group-buy.fixtures';
import { answer, payAndSettle, place } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let ops = '';
beforeAll(async () => {
  ops = await staffToken(platform, 'ship-ops');
});

type Results = {
  results: { orderId: string; outcome: string; reason?: string; reasonLabel?: string }[];
  done: number;
  repeated: number;
  refused: number;
  unfinished: number;
};
const ship = (token: string, shipments: { orderId: string; carrier: string; trackingNo: string }[]) =>
  act<Results>(platform, 'shipOrders', { shipments }, token);
const outcomes = (r: Results) => r.results.map((x) => [x.orderId, x.outcome, x.reason]);
const historyOf = async (orderId: string, event: string) =>
  ((await platform.get('orders', orderId))?.history as { event: string; by: string }[]).filter(
    (h) => h.event === event,
  );

describe('待发货 and the picking summary', () => {
  it('lists a merchant’s orders waiting to ship by activity, point and delivery, oldest first', async () => {
    const merchant = await staffToken(platform, 'ship-list', 'm-list');
    const a1 = { merchantId: 'm-list', activityId: 'a-list-1' };
    const atPoint = await ordersToShip(platform, 2, { ...a1, pickupPointId: 'pp-l1', skuId: 's-l1', quantity: 2 });
    const otherSku = await ordersToShip(platform, 1, { ...a1, pickupPointId: 'pp-l1', skuId: 's-l2', spec: '500g' });
    await ordersToShip(platform, 3, { ...a1, pickupPointId: 'pp-l2', skuId: 's-l1' });
    const express = await ordersToShip(platform, 2, { ...a1, skuId: 's-l1', quantity: 3 });
    const withdrawn = await ordersToShip(platform, 1, {
      ...a1,
      pickupPointId: 'pp-l1',
      skuId: 's-l1',
      extra: { openAfterSaleId: 'ASx-1' },
    });
    await ordersToShip(platform, 1, { merchantId: 'm-list', activityId: 'a-list-2', pickupPointId: 'pp-l1' });
    await ordersToShip(platform, 1, { ...a1, pickupPointId: 'pp-l1', status: 'shipped' });
    const theirs = await ordersToShip(platform, 2, {
      merchantId: 'm-list-b',
      activityId: 'a-list-1',
      pickupPointId: 'pp-l1',
    });

    type Listed = { items: { orderId: string; afterSaleOpen: boolean; statusLabel: string }[]; hasMore: boolean };
    const list = (body: Record<string, unknown>, token = merchant) =>
      act<Listed>(platform, 'listOrdersToShip', body, token);
    const atL1 = await list({ activityId: 'a-list-1', pickupPointId: 'pp-l1' });
    expect(atL1.items.map((i) => i.orderId)).toEqual([...atPoint, ...otherSku, ...withdrawn]);
    expect(atL1.items.map((i) => [i.afterSaleOpen, i.statusLabel])).toEqual([
      [false, '待发货'],
      [false, '待发货'],
      [false, '待发货'],
      [true, '待发货'],
    ]);
    expect((await list({ activityId: 'a-list-1', delivery: 'address' })).items.map((i) => i.orderId)).toEqual(express);
    expect(await list({ activityId: 'a-list-1', limit: 2 })).toMatchObject({ hasMore: true });
    expect((await list({ merchantId: 'm-list-b' })).items).toHaveLength(10);
    const opsView = await list({ merchantId: 'm-list-b' }, ops);
    expect(opsView.items.map((i) => i.orderId)).toEqual(theirs);

    const summary = await act<Record<string, unknown>>(
      platform,
      'getPickingSummary',
      { activityId: 'a-list-1' },
      merchant,
    );
    expect(summary).toEqual({
      points: [
        {
          pickupPointId: 'pp-l1',
          name: '自提点pp-l1',
          address: '渝中区民权路 28 号',
          district: '渝中区',
          orders: 3,
          units: 5,
          skus: [
            { skuId: 's-l1', title: '江津花椒', spec: '250g', orders: 2, units: 4 },
            { skuId: 's-l2', title: '江津花椒', spec: '500g', orders: 1, units: 1 },
          ],
        },
        {
          pickupPointId: 'pp-l2',
          name: '自提点pp-l2',
          address: '渝中区民权路 28 号',
          district: '渝中区',
          orders: 3,
          units: 3,
          skus: [{ skuId: 's-l1', title: '江津花椒', spec: '250g', orders: 3, units: 3 }],
        },
      ],
      express: { orders: 2, units: 6, skus: [{ skuId: 's-l1', title: '江津花椒', spec: '250g', orders: 2, units: 6 }] },
      orders: 8,
      units: 14,
    });
    const opsSummary = await act<{ orders: number }>(platform, 'getPickingSummary', { merchantId: 'm-list-b' }, ops);
    expect(opsSummary.orders).toBe(2);
  });
});

describe('shipOrders', () => {
  it('ships a paid order: status, waybill, history, shipping report and the shopper’s message, once', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 10 });
    const merchantId = (await platform.get('skus', fx.skuId))?.merchantId as string;
    const merchant = await staffToken(platform, 'ship-real', merchantId);
    const shopper = 'o-ship-real';
    const { orderId } = await place(platform, 'buySolo', shopper, {
      skuId: fx.skuId,
      quantity: 1,
      delivery: addressDelivery,
    });
    await payAndSettle(platform, orderId);
    platform.emulator.openapi.grant(shopper, [SUBSCRIBE_TEMPLATES.orderShipped]);

    const waybill = { orderId, carrier: 'shunfeng', trackingNo: 'sf1234567890' };
    expect(outcomes(await ship(merchant, [waybill]))).toEqual([[orderId, 'done', undefined]]);
    const shipped = await platform.get('orders', orderId);
    expect(shipped).toMatchObject({
      status: 'shipped',
      shipment: { kind: 'express', carrier: 'shunfeng', trackingNo: 'SF1234567890', by: 'staff:ship-real' },
      outboxPending: true,
    });
    expect(await historyOf(orderId, 'shipped')).toEqual([expect.objectContaining({ by: 'staff:ship-real' })]);
    expect(await platform.get('shipping_reports', orderId)).toMatchObject({
      orderId,
      transactionId: shipped?.transactionId,
      shipmentKind: 'express',
      info: { logisticsType: 1, shippingList: [{ trackingNo: 'SF1234567890', expressCompany: 'SF' }] },
    });

    await job(platform, 'sendNotifications');
    const inbox = platform.emulator.openapi.outbox().filter((m) => m.touser === shopper);
    expect(inbox).toEqual([
      expect.objectContaining({
        templateId: SUBSCRIBE_TEMPLATES.orderShipped,
        page: `packages/order/pages/detail/index?orderId=${orderId}`,
        data: expect.objectContaining({
          thing1: { value: '重庆老火锅底料' },
          thing2: { value: '顺丰速运' },
          character_string3: { value: 'SF1234567890' },
        }),
      }),
    ]);
    expect(await platform.get('orders', orderId)).toMatchObject({ outbox: [], outboxPending: false });
    await job(platform, 'sendNotifications');
    expect(platform.emulator.openapi.outbox().filter((m) => m.touser === shopper)).toHaveLength(1);

    const seen = await answer<Record<string, unknown>>(platform, 'getOrder', shopper, { orderId });
    expect(seen).toMatchObject({
      ok: true,
      data: {
        status: 'shipped',
        statusLabel: '已发货',
        shipment: { kind: 'express', carrier: 'shunfeng', carrierName: '顺丰速运', trackingNo: 'SF1234567890' },
      },
    });
    expect(seen.ok && seen.data.pickupCode).toBeUndefined();
    const detail = await act<{ order: Record<string, unknown> }>(platform, 'getOrderDetail', { orderId }, merchant);
    expect(detail.order).toMatchObject({ shipment: { carrierName: '顺丰速运', trackingNo: 'SF1234567890' } });

    // The same waybill again is a repeat; another one is a second shipment, refused. Nothing changes.
    expect(outcomes(await ship(merchant, [waybill]))).toEqual([[orderId, 'repeat', undefined]]);
    expect(outcomes(await ship(merchant, [{ ...waybill, trackingNo: 'SF999999999' }]))).toEqual([
      [orderId, 'refused', 'shipped_otherwise'],
    ]);
    expect(await historyOf(orderId, 'shipped')).toHaveLength(1);
    expect((await platform.get('orders', orderId))?.shipment).toEqual(shipped?.shipment);
    const audits = await platform.find('audit_logs', { action: 'shipOrders', account: 'ship-real' });
    expect(audits.map((a) => (a.after as { shipped: unknown[] }).shipped)).toContainEqual([
      { orderId, carrier: 'shunfeng', trackingNo: 'sf1234567890' },
    ]);
  });

  it('answers each order on its own: refuses what may not ship, and another merchant’s orders as not found', async () => {
    const merchant = await staffToken(platform, 'ship-mixed', 'm-mixed');
    const base = { merchantId: 'm-mixed' };
    const docs = {
      ok: orderDoc(base),
      pickup: orderDoc({ ...base, pickupPointId: 'pp-x' }),
      awaiting: orderDoc({ ...base, status: 'awaiting_group' }),
      refunding: orderDoc({ ...base, status: 'refunding' }),
      afterSale: orderDoc({ ...base, extra: { openAfterSaleId: 'AS-1' } }),
      theirs: orderDoc({ merchantId: 'm-mixed-b' }),
    };
    await platform.insert('orders', Object.values(docs));
    const list = [...Object.values(docs).map((d) => d._id), 'O-no-such-order'];
    const answered = await ship(
      merchant,
      list.map((orderId, i) => ({ orderId, carrier: 'zhongtong', trackingNo: `ZT10000000${i}` })),
    );
    expect(outcomes(answered)).toEqual([
      [docs.ok._id, 'done', undefined],
      [docs.pickup._id, 'refused', 'pickup_order'],
      [docs.awaiting._id, 'refused', 'not_to_ship'],
      [docs.refunding._id, 'refused', 'refunding'],
      [docs.afterSale._id, 'refused', 'after_sale_open'],
      [docs.theirs._id, 'refused', 'not_found'],
      ['O-no-such-order', 'refused', 'not_found'],
    ]);
    expect(answered).toMatchObject({ done: 1, repeated: 0, refused: 6, unfinished: 0 });
    expect(answered.results[1]?.reasonLabel).toBe('自提订单，请发往自提点');
    for (const doc of Object.values(docs).slice(1)) {
      expect(await platform.get('orders', doc._id), doc._id).toEqual(doc);
      expect(await platform.get('shipping_reports', doc._id)).toBeNull();
    }
    // Ops ship any merchant's.
    expect(
      outcomes(await ship(ops, [{ orderId: docs.theirs._id, carrier: 'jd', trackingNo: 'JD0001234567' }])),
    ).toEqual([[docs.theirs._id, 'done', undefined]]);
  });

  it('ships each order once when ten requests race over the same orders: one history step, one report each', async () => {
    const merchant = await staffToken(platform, 'ship-race', 'm-race');
    const ids = await ordersToShip(platform, 5, { merchantId: 'm-race' });
    const waybillFor = (call: number) =>
      ids.map((orderId, i) => ({
        orderId,
        carrier: 'yunda',
        // The first order gets one of two waybills, by caller: only one of them may win.
        trackingNo: i === 0 ? `YD00000${call % 2}` : `YD10000${i}`,
      }));
    const answers = await Promise.all(Array.from({ length: 10 }, (_, call) => ship(merchant, waybillFor(call))));
    for (const [i, orderId] of ids.entries()) {
      const per = answers.map((a) => a.results[i]?.outcome);
      expect(
        per.filter((o) => o === 'done'),
        orderId,
      ).toHaveLength(1);
      expect(await historyOf(orderId, 'shipped'), orderId).toHaveLength(1);
      expect(await platform.find('shipping_reports', { orderId }), orderId).toHaveLength(1);
    }
    const first = await platform.get('orders', ids[0] ?? '');
    const winner = (first?.shipment as { trackingNo: string }).trackingNo;
    for (const [call, a] of answers.entries()) {
      const mine = `YD00000${call % 2}` === winner;
      expect(a.results[0]?.outcome === 'refused', `call ${call}`).toBe(!mine);
    }
    expect(answers.reduce((sum, a) => sum + a.done, 0)).toBe(5);
    expect(answers.every((a) => a.unfinished === 0)).toBe(true);
  });
});

describe('importShipments', () => {
  type Imported = Results & {
    accepted: boolean;
    rows: number;
    problems: { line: number; orderId?: string; problem: string; label: string }[];
  };
  const load = (csv: string, token: string) => act<Imported>(platform, 'importShipments', { csv }, token);

  it('reports every bad row and ships none; the good file ships each order once, however often imported', async () => {
    const merchant = await staffToken(platform, 'ship-csv', 'm-csv');
    const [a, b, c] = await ordersToShip(platform, 3, { merchantId: 'm-csv' });
    const [pickup] = await ordersToShip(platform, 1, { merchantId: 'm-csv', pickupPointId: 'pp-csv' });
    const [theirs] = await ordersToShip(platform, 1, { merchantId: 'm-csv-b' });
    const bad = [
      '订单号,快递公司,运单号',
      `${a},顺丰,SF2000000001`,
      `${b},菜鸟,CN2000000002`,
      `${c},中通快递,12`,
      `${pickup},yunda,YD2000000004`,
      `${theirs},jd,JD2000000005`,
      `O-missing,jd,JD2000000006`,
      `${a},jd,JD2000000007`,
      `${b},jd`,
    ].join('\r\n');
    const refused = await load(bad, merchant);
    expect(refused).toMatchObject({ accepted: false, done: 0, results: [] });
    expect(refused.problems.map((p) => [p.line, p.problem])).toEqual([
      [3, 'bad_carrier'],
      [4, 'bad_tracking_no'],
      [5, 'pickup_order'],
      [6, 'not_found'],
      [7, 'not_found'],
      [8, 'duplicate_order'],
      [9, 'bad_columns'],
    ]);
    expect(refused.problems[0]?.label).toBe('不认识的快递公司');
    for (const id of [a, b, c]) expect((await platform.get('orders', id ?? ''))?.status).toBe('to_ship');

    const good = [`${a},顺丰,SF2000000001`, `${b},"韵达",YD2000000002`, `${c}\tZTO\tZT2000000003`, ''].join('\n');
    const imported = await load(good, merchant);
    expect(imported).toMatchObject({ accepted: true, rows: 3, done: 3, repeated: 0, problems: [] });
    expect((await platform.get('orders', c ?? ''))?.shipment).toMatchObject({ carrier: 'zhongtong' });
    const again = await load(`\uFEFForderId,carrier,trackingNo\n${good}`, merchant);
    expect(again).toMatchObject({ accepted: true, done: 0, repeated: 3 });
    for (const id of [a, b, c]) {
      expect(await historyOf(id ?? '', 'shipped')).toHaveLength(1);
      expect(await platform.find('shipping_reports', { orderId: id })).toHaveLength(1);
    }
    // A waybill changed in the file is a second shipment of a shipped order: refused, nothing ships.
    const changed = await load(good.replace('SF2000000001', 'SF3000000001'), merchant);
    expect(changed.problems.map((p) => [p.line, p.problem])).toEqual([[1, 'shipped_otherwise']]);
    expect(await load('orderId,"unclosed\n', merchant)).toMatchObject({
      accepted: false,
      problems: [{ problem: 'unreadable' }],
    });
  });
});
