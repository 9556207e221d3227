/**
 * Shipping at the size of a real day, through adminApi and the emulator: 200 express orders in one request,
 * then a batch of 500 pickup orders to one point, marked arrived. A request that runs out of its 6 s answers
 * the rest `unfinished` and is sent again, as the console does, until nothing is left; every order ships once,
 * with one report, and every code at the point is its own. Prints the requests needed, their time and the
 * database round trips per order.
 */
import { describe, expect, it } from 'vitest';
import { act, ordersToShip, staffToken } from '../testing/fulfilment';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

type Tally = { done: number; repeated: number; refused: number; unfinished: number };

/** Sends `request` until nothing is unfinished; answers how many times, the time and the round trips. */
async function untilFinished(action: string, body: unknown, token: string) {
  const started = Date.now();
  let calls = 0;
  let done = 0;
  const { trips } = await platform.countingRoundTrips(async () => {
    for (;;) {
      calls += 1;
      const answer = await act<Tally & { newlyArrived?: number }>(platform, action, body, token);
      done += answer.newlyArrived ?? answer.done;
      if (answer.unfinished === 0) return;
    }
  });
  return { calls, done, ms: Date.now() - started, trips };
}

describe('shipping a day’s orders', () => {
  it('ships 200 express orders and a batch of 500 to one point, each once', { timeout: 300_000 }, async () => {
    const merchant = await staffToken(platform, 'scale-m', 'm-scale');
    const express = await ordersToShip(platform, 200, { merchantId: 'm-scale' });
    const shipments = express.map((orderId, i) => ({
      orderId,
      carrier: 'zhongtong',
      trackingNo: `ZT${String(i).padStart(10, '0')}`,
    }));
    const shipped = await untilFinished('shipOrders', { shipments }, merchant);
    expect(shipped.done).toBe(200);

    await ordersToShip(platform, 500, { merchantId: 'm-scale', pickupPointId: 'pp-scale' });
    const request = { pickupPointId: 'pp-scale', requestKey: 'scale-batch-0001' };
    const sent = await untilFinished('dispatchToPickupPoint', request, merchant);
    expect(sent.done).toBe(500);
    const arrived = await untilFinished('markBatchArrived', { batchId: 'PBscale-batch-0001' }, merchant);
    expect(arrived.done).toBe(500);

    const orders = await platform.find('orders', { merchantId: 'm-scale' });
    expect(orders.filter((o) => (o.history as { event: string }[]).some((h) => h.event === 'shipped'))).toHaveLength(
      700,
    );
    expect((await platform.find('shipping_reports', {})).length).toBeGreaterThanOrEqual(700);
    const codes = orders.filter((o) => o.pickupCode !== undefined).map((o) => o.pickupCode);
    expect(new Set(codes).size).toBe(500);
    const report = (name: string, r: { calls: number; ms: number; trips: number }, n: number) =>
      `${name}: ${n} orders in ${r.calls} request(s), ${r.ms} ms, ${(r.trips / n).toFixed(1)} round trips per order`;
    console.info(
      [
        report('shipOrders', shipped, 200),
        report('dispatchToPickupPoint', sent, 500),
        report('markBatchArrived', arrived, 500),
      ].join('\n'),
    );
  });
});
