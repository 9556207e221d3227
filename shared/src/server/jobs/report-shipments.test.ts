/**
 * reportShipments through the emulator: paid orders shipped (the shipment and its report recorded in one
 * transaction, as the ship use cases do), then the job uploads each to the openapi sandbox's 发货信息管理, once:
 * run twice at once or twice in a row, after a failure (retried after its delay), after a lost answer or a run
 * that died holding its claim; refused or failing too often, it is flagged for ops.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Order, orderSchema } from '../../domain/order.schema';
import type { Shipment } from '../../domain/shipment.schema';
import { MAX_SHIPPING_REPORT_ATTEMPTS } from '../../domain/shipping-report.machine';
import { COLLECTIONS } from '../cloudbase/collections';
import { inTransaction, plain } from '../cloudbase/db';
import {
  claimShippingReport,
  listDueShippingReports,
  recordShippingReport,
  settleShippingReport,
} from '../repositories/shipping-report.repository';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { job } from '../testing/ops';
import { place } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
beforeAll(() => {
  // The test ships orders in-process, through the same SDK and database as the functions.
  Object.assign(process.env, platform.emulator.env);
});
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

const ADDRESS = { kind: 'address', name: '张三', phone: '13812345678', district: '渝中区', detail: '民权路 28 号' };
let shopperSeq = 0;

/** Solo orders paid in WeChat on one fresh catalogue: delivered to an address, or collected at its pickup point. */
async function paidOrders(count: number, delivery: 'address' | 'pickup' = 'pickup'): Promise<string[]> {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 2 * count });
  const placed = await Promise.all(
    Array.from({ length: count }, () =>
      place(platform, 'buySolo', `o-ship-${++shopperSeq}`, {
        skuId: fx.skuId,
        quantity: 2,
        delivery: delivery === 'address' ? ADDRESS : pickupAt(fx),
      }),
    ),
  );
  await Promise.all(placed.map((p) => platform.pay(p.orderId)));
  await platform.settle();
  return placed.map((p) => p.orderId);
}

const paidOrder = async (delivery: 'address' | 'pickup' = 'pickup') => (await paidOrders(1, delivery))[0] ?? '';

const express = (now = Date.now()): Shipment => ({
  kind: 'express',
  carrier: 'zhongtong',
  trackingNo: '78794111518982',
  shippedAt: now,
  by: 'staff:merchant01',
});
const toPoint = (pickupPointId: string, now = Date.now()): Shipment => ({
  kind: 'pickup',
  pickupPointId,
  batchId: 'batch-1',
  shippedAt: now,
  by: 'staff:merchant01',
});

/** Ships the order as the ship use cases do: the shipment and its report in one transaction. */
async function ship(orderId: string, shipment: (order: Order) => Shipment, now = Date.now()) {
  return inTransaction(async (tx) => {
    const orders = tx.collection(COLLECTIONS.orders);
    const order = orderSchema.parse(plain((await orders.doc(orderId).get()).data));
    const decided = shipment(order);
    await orders.doc(orderId).update({ data: { shipment: decided, updatedAt: now } });
    return recordShippingReport(tx, order, decided, now);
  });
}

const shipEach = async (orderIds: readonly string[]) => {
  await Promise.all(
    orderIds.map((orderId) =>
      ship(orderId, (order) => (order.delivery.kind === 'pickup' ? toPoint(order.delivery.pickupPointId) : express())),
    ),
  );
  return orderIds;
};

const shippedOrder = async (delivery: 'address' | 'pickup' = 'pickup') =>
  (await shipEach([await paidOrder(delivery)]))[0] ?? '';

const sandbox = () => platform.emulator.openapi.shipping;
const transactionOf = async (orderId: string) => (await platform.get('orders', orderId))?.transactionId as string;
const report = (orderId: string) => platform.get('shipping_reports', orderId);
/** The report is due now, as if its retry delay (or a dead run's lease) had passed. */
const dueNow = (orderId: string) =>
  platform.update('shipping_reports', { _id: orderId }, { $set: { nextAttemptAt: Date.now() - 1 } });

describe('reportShipments', () => {
  it('uploads each shipped order once, in the shape WeChat’s API takes, and reports it', async () => {
    const byExpress = await shippedOrder('address');
    const byPickup = await shippedOrder('pickup');
    const [expressTx, pickupTx] = [await transactionOf(byExpress), await transactionOf(byPickup)];
    expect(await job(platform, 'reportShipments')).toMatchObject({
      scanned: 2,
      changed: 2,
      remaining: 0,
      reported: 2,
      retrying: 0,
      flagged: 0,
    });

    expect(
      sandbox()
        .calls()
        .filter((c) => c.transactionId === expressTx),
    ).toHaveLength(1);
    expect(sandbox().uploads(expressTx)).toEqual([
      expect.objectContaining({
        fromFunction: 'reportShipments',
        params: {
          order_key: { order_number_type: 2, transaction_id: expressTx },
          logistics_type: 1,
          delivery_mode: 1,
          shipping_list: [
            {
              tracking_no: '78794111518982',
              express_company: 'ZTO',
              item_desc: expect.stringMatching(/\*2$/),
              contact: { receiver_contact: '138****5678' },
            },
          ],
          upload_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/),
          payer: { openid: (await platform.get('orders', byExpress))?.openid },
        },
      }),
    ]);
    expect(
      sandbox()
        .uploads(pickupTx)
        .map((u) => u.params),
    ).toEqual([
      expect.objectContaining({ logistics_type: 4, shipping_list: [{ item_desc: expect.stringMatching(/\*2$/) }] }),
    ]);
    expect(await report(byExpress)).toMatchObject({ status: 'reported', attempts: 1, reportedAt: expect.any(Number) });
    expect(await report(byPickup)).toMatchObject({ status: 'reported', attempts: 1 });
  });

  it('records one report per order: shipping it again records nothing and keeps the first payload', async () => {
    const orderId = await paidOrder('address');
    const first = Date.now();
    expect(await ship(orderId, () => express(first), first)).toBe(true);
    expect(await ship(orderId, () => express(first + 5_000), first + 5_000)).toBe(false);
    expect(await platform.find('shipping_reports', { orderId })).toEqual([
      expect.objectContaining({ status: 'pending', createdAt: first, nextAttemptAt: first }),
    ]);
    await job(platform, 'reportShipments');
    expect(sandbox().uploads(await transactionOf(orderId))).toHaveLength(1);
  });

  it('refuses to ship an order without a WeChat Pay payment, and records nothing', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 10 });
    const { orderId } = await place(platform, 'buySolo', 'o-unpaid', {
      skuId: fx.skuId,
      quantity: 1,
      delivery: pickupAt(fx),
    });
    await expect(ship(orderId, () => toPoint(fx.pickupPointId))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await report(orderId)).toBeNull();
    expect((await platform.get('orders', orderId))?.shipment).toBeUndefined();
  });

  it('two runs at once upload each order once', async () => {
    // Both instances warm first, so the two runs read the same due reports and race for each claim.
    await Promise.all([job(platform, 'reportShipments'), job(platform, 'reportShipments')]);
    const orderIds = await shipEach(await paidOrders(12));
    const runs = await Promise.all([job(platform, 'reportShipments'), job(platform, 'reportShipments')]);
    expect(runs.reduce((sum, run) => sum + Number(run.reported), 0)).toBe(12);
    for (const orderId of orderIds) {
      const transactionId = await transactionOf(orderId);
      expect(
        sandbox()
          .calls()
          .filter((c) => c.transactionId === transactionId),
        orderId,
      ).toHaveLength(1);
      expect(await report(orderId)).toMatchObject({ status: 'reported', attempts: 1 });
    }
  });

  it('of many claims on one report as read, one wins, and only its holder may settle it', async () => {
    const orderId = await shippedOrder();
    const [due] = (await listDueShippingReports(Date.now(), 100)).filter((r) => r.orderId === orderId);
    if (!due) throw new Error('the report is due');
    const claims = await Promise.all(Array.from({ length: 10 }, () => claimShippingReport(due, Date.now())));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await report(orderId)).toMatchObject({ status: 'uploading', attempts: 1 });
    expect(await settleShippingReport(orderId, 2, 'accepted', { reportedAt: 1 })).toBe(false);
    expect(await settleShippingReport(orderId, 1, 'accepted', { reportedAt: 1 })).toBe(true);
    expect(await report(orderId)).toMatchObject({ status: 'reported', reportedAt: 1 });
    expect(await settleShippingReport(orderId, 1, 'request_failed', { nextAttemptAt: 0 })).toBe(false);
  });

  it('run again, uploads nothing: every report is settled', async () => {
    const orderId = await shippedOrder();
    await job(platform, 'reportShipments');
    const calls = sandbox().calls().length;
    expect(await job(platform, 'reportShipments')).toMatchObject({ scanned: 0, changed: 0, remaining: 0 });
    expect(sandbox().calls()).toHaveLength(calls);
    expect(await report(orderId)).toMatchObject({ status: 'reported', attempts: 1 });
  });

  it('a failed upload is asked again after its delay, and WeChat holds it once', async () => {
    const orderId = await shippedOrder();
    const transactionId = await transactionOf(orderId);
    platform.emulator.pay.setFaults({ shippingInfoFailureRate: 1 });
    const before = Date.now();
    expect(await job(platform, 'reportShipments')).toMatchObject({ retrying: 1, reported: 0 });
    const failed = await report(orderId);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastErrcode: -1,
      lastError: expect.stringMatching(/^-1/),
    });
    expect(failed?.nextAttemptAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(sandbox().uploads(transactionId)).toEqual([]);

    platform.emulator.pay.setFaults({});
    expect(await job(platform, 'reportShipments')).toMatchObject({ scanned: 0 });
    await dueNow(orderId);
    expect(await job(platform, 'reportShipments')).toMatchObject({ reported: 1 });
    expect(await report(orderId)).toMatchObject({ status: 'reported', attempts: 2, lastErrcode: -1 });
    expect(sandbox().uploads(transactionId)).toHaveLength(1);
  });

  it('an upload WeChat kept but whose answer was lost is reported when WeChat says it holds it already', async () => {
    const orderId = await shippedOrder();
    const transactionId = await transactionOf(orderId);
    platform.emulator.pay.setFaults({ shippingInfoFailureRate: 1, shippingInfoFailureMode: 'after' });
    expect(await job(platform, 'reportShipments')).toMatchObject({ retrying: 1 });
    platform.emulator.pay.setFaults({});
    await dueNow(orderId);
    expect(await job(platform, 'reportShipments')).toMatchObject({ reported: 1 });
    expect(await report(orderId)).toMatchObject({ status: 'reported', attempts: 2, lastErrcode: 10060023 });
    expect(
      sandbox()
        .calls()
        .filter((c) => c.transactionId === transactionId)
        .map((c) => c.errcode),
    ).toEqual([-1, 10060023]);
    expect(sandbox().uploads(transactionId)).toHaveLength(1);
  });

  it('a run that died holding its claim: the report waits for the lease, then the next run uploads it', async () => {
    const orderId = await shippedOrder();
    await platform.update(
      'shipping_reports',
      { _id: orderId },
      { $set: { status: 'uploading', attempts: 1, nextAttemptAt: Date.now() + 60_000 } },
    );
    expect(await job(platform, 'reportShipments')).toMatchObject({ scanned: 0, remaining: 0 });
    await dueNow(orderId);
    expect(await job(platform, 'reportShipments')).toMatchObject({ reported: 1 });
    expect(await report(orderId)).toMatchObject({ status: 'reported', attempts: 2 });
    expect(sandbox().uploads(await transactionOf(orderId))).toHaveLength(1);
  });

  it(`is flagged for ops after ${MAX_SHIPPING_REPORT_ATTEMPTS} failed attempts, with the reason`, async () => {
    const orderId = await shippedOrder();
    platform.emulator.pay.setFaults({ shippingInfoFailureRate: 1 });
    for (let attempt = 1; attempt < MAX_SHIPPING_REPORT_ATTEMPTS; attempt++) {
      await dueNow(orderId);
      expect(await job(platform, 'reportShipments')).toMatchObject({ retrying: 1 });
    }
    await dueNow(orderId);
    expect(await job(platform, 'reportShipments')).toMatchObject({ flagged: 1, remaining: 0 });
    expect(await report(orderId)).toMatchObject({
      status: 'flagged',
      attempts: MAX_SHIPPING_REPORT_ATTEMPTS,
      flaggedAt: expect.any(Number),
      lastError: expect.stringContaining('系统繁忙'),
    });
    await dueNow(orderId);
    expect(await job(platform, 'reportShipments')).toMatchObject({ scanned: 0 });
  });

  it('a payload WeChat refuses is flagged at once, not retried', async () => {
    const orderId = await shippedOrder();
    await platform.update('shipping_reports', { _id: orderId }, { $set: { 'info.payer.openid': 'o-not-the-payer' } });
    expect(await job(platform, 'reportShipments')).toMatchObject({ flagged: 1, retrying: 0 });
    expect(await report(orderId)).toMatchObject({ status: 'flagged', attempts: 1, lastErrcode: 10060031 });
  });

  it('a dry run counts what is due and uploads nothing', async () => {
    const orderId = await shippedOrder();
    const calls = sandbox().calls().length;
    expect(await job(platform, 'reportShipments', { dryRun: true })).toMatchObject({
      scanned: 1,
      changed: 0,
      remaining: 1,
    });
    expect(sandbox().calls()).toHaveLength(calls);
    await job(platform, 'reportShipments');
    expect(await report(orderId)).toMatchObject({ status: 'reported' });
  });
});
