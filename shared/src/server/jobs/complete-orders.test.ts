/**
 * completeOrders through the emulator: express parcels nobody confirmed are received 10 days after shipping
 * (pickup orders never so), delivered orders complete once their window closed with no after-sales request
 * open; a dry run changes nothing, a limit leaves the rest for the next run, a second run changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { DAY, orderDoc } from '../testing/fulfilment';
import { job } from '../testing/ops';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

const express = (shippedAt: number) => ({
  shipment: { kind: 'express', carrier: 'yunda', trackingNo: 'YD1234567890', shippedAt, by: 'staff:ops01' },
});
const pickup = (shippedAt: number) => ({
  shipment: { kind: 'pickup', pickupPointId: 'pp-j', batchId: 'B-j', shippedAt, by: 'staff:ops01' },
});

describe('completeOrders', () => {
  it('receives unconfirmed parcels after 10 days and completes orders whose window closed, once', async () => {
    const now = Date.now();
    const m = { merchantId: 'm-complete' };
    const docs = {
      overdue: orderDoc({ ...m, status: 'shipped', extra: express(now - 10 * DAY - 60_000) }),
      recent: orderDoc({ ...m, status: 'shipped', extra: express(now - 9 * DAY) }),
      onItsWayToPoint: orderDoc({ ...m, pickupPointId: 'pp-j', status: 'shipped', extra: pickup(now - 20 * DAY) }),
      closed: orderDoc({ ...m, status: 'received', extra: { receivedAt: now - 8 * DAY, afterSaleEndsAt: now - DAY } }),
      collected: orderDoc({
        ...m,
        pickupPointId: 'pp-j',
        status: 'picked_up',
        extra: { receivedAt: now - 8 * DAY, afterSaleEndsAt: now - 1_000 },
      }),
      open: orderDoc({ ...m, status: 'received', extra: { receivedAt: now - DAY, afterSaleEndsAt: now + 6 * DAY } }),
      asking: orderDoc({
        ...m,
        status: 'received',
        extra: { receivedAt: now - 8 * DAY, afterSaleEndsAt: now - DAY, openAfterSaleId: 'AS-j-1' },
      }),
    };
    await platform.insert('orders', Object.values(docs));
    const status = async (doc: { _id: string }) => (await platform.get('orders', doc._id))?.status;

    expect(await job(platform, 'completeOrders', { dryRun: true })).toMatchObject({
      scanned: 3,
      changed: 0,
      remaining: 3,
    });
    expect(await status(docs.overdue)).toBe('shipped');

    expect(await job(platform, 'completeOrders', { limit: 2 })).toMatchObject({
      received: 1,
      completed: 1,
      remaining: 1,
    });
    expect(await job(platform, 'completeOrders')).toMatchObject({ received: 0, completed: 1, remaining: 0 });
    expect(await job(platform, 'completeOrders')).toMatchObject({ scanned: 0, changed: 0, remaining: 0 });

    const received = await platform.get('orders', docs.overdue._id);
    expect(received).toMatchObject({ status: 'received' });
    expect((received?.afterSaleEndsAt as number) - (received?.receivedAt as number)).toBe(7 * DAY);
    expect((received?.history as { event: string; by: string }[]).at(-1)).toMatchObject({
      event: 'received',
      by: 'system',
    });
    for (const doc of [docs.closed, docs.collected]) {
      expect(await platform.get('orders', doc._id)).toMatchObject({
        status: 'completed',
        completedAt: expect.any(Number),
      });
    }
    for (const doc of [docs.recent, docs.onItsWayToPoint, docs.open, docs.asking]) {
      expect(await platform.get('orders', doc._id), String(doc._id)).toEqual(doc);
    }
  });

  it('runs for its timer', async () => {
    const byTimer = await platform.emulator.scheduler.runNow('completeOrders');
    expect(byTimer.result).toMatchObject({ ok: true, data: { remaining: 0 } });
  });
});
