/**
 * Pickup codes against the emulator with the real wx-server-sdk, in-process, the draw scripted so that the
 * one-in-a-million events happen: a code another order holds open at the point is drawn (drawn again), a
 * code whose order was collected is drawn (taken over), and two arrivals at one point draw the same code at
 * the same moment (each ends with its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';
import { orderDoc } from '../testing/fulfilment';

let platform: Platform;
const { arriveWithCode, orderOfCode } = await import('./pickup-code.repository');

beforeAll(async () => {
  platform = await startPlatform();
  Object.assign(process.env, platform.emulator.env);
});
afterAll(async () => {
  await platform.stop();
});

const POINT = 'pp-codes';
const NOW = Date.now();

/** An order of `batchId` on its way to the point. */
async function onItsWay(batchId: string): Promise<string> {
  const doc = orderDoc({
    merchantId: 'm-codes',
    pickupPointId: POINT,
    status: 'shipped',
    extra: { shipment: { kind: 'pickup', pickupPointId: POINT, batchId, shippedAt: NOW, by: 'staff:ops01' } },
  });
  await platform.insert('orders', [doc]);
  return doc._id;
}

/** Draws `first` unless it was found taken, then `then`. */
const scripted = (first: string, then: string) => (taken: ReadonlySet<string>) => (taken.has(first) ? then : first);

describe('arriveWithCode', () => {
  it('draws again when the code is open at the point, and takes over a code its order was collected with', async () => {
    const holder = await onItsWay('B-codes-1');
    expect(await arriveWithCode(holder, 'B-codes-1', scripted('111111', '000001'), NOW, 'staff:ops01')).toEqual({
      kind: 'arrived',
      code: '111111',
    });
    const next = await onItsWay('B-codes-1');
    expect(await arriveWithCode(next, 'B-codes-1', scripted('111111', '222222'), NOW, 'staff:ops01')).toEqual({
      kind: 'arrived',
      code: '222222',
    });
    expect(await arriveWithCode(next, 'B-codes-1', scripted('333333', '444444'), NOW, 'staff:ops01')).toEqual({
      kind: 'already',
      code: '222222',
    });

    await platform.update('orders', { _id: holder }, { $set: { status: 'picked_up', receivedAt: NOW } });
    const later = await onItsWay('B-codes-2');
    expect(await arriveWithCode(later, 'B-codes-2', scripted('111111', '555555'), NOW, 'staff:ops01')).toEqual({
      kind: 'arrived',
      code: '111111',
    });
    expect(await orderOfCode(POINT, '111111')).toBe(later);
    expect(await orderOfCode(POINT, '222222')).toBe(next);
    expect(await arriveWithCode(later, 'B-other', scripted('666666', '777777'), NOW, 'staff:ops01')).toEqual({
      kind: 'skipped',
    });
  });

  it('gives two orders arriving at once their own codes, even when both draw the same one first', async () => {
    const orders = await Promise.all(Array.from({ length: 6 }, () => onItsWay('B-codes-3')));
    const arrivals = await Promise.all(
      orders.map((id, i) => arriveWithCode(id, 'B-codes-3', scripted('888888', `90000${i}`), NOW, 'staff:ops01')),
    );
    const codes = arrivals.map((a) => (a.kind === 'arrived' ? a.code : ''));
    expect(new Set(codes).size).toBe(6);
    expect(codes.filter((c) => c === '888888')).toHaveLength(1);
    for (const [i, id] of orders.entries()) {
      expect(await orderOfCode(POINT, codes[i] ?? ''), id).toBe(id);
      const stored = await platform.get('orders', id);
      expect(stored).toMatchObject({ status: 'at_pickup_point', pickupCode: codes[i], outboxPending: true });
      expect(
        (stored?.history as { event: string }[]).filter((h) => h.event === 'arrived_at_pickup_point'),
      ).toHaveLength(1);
    }
  });
});
