/**
 * listPickupBatches through adminApi and the emulator: newest first with each point's name, by point and by
 * arrival, a page at a time; a merchant sees its own batches only, customer service none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsolePickupBatch } from '../../contracts/admin';
import { act, ordersToShip, refusedWith, staffToken } from '../testing/fulfilment';
import { usePlatform } from '../testing/use-platform';
import { addStaff, signIn } from '../testing/staff';

const platform = usePlatform();
const M = 'm-batches';
let merchant = '';
let other = '';
let ops = '';
beforeAll(async () => {
  [merchant, other, ops] = await Promise.all([
    staffToken(platform, 'batches-m', M),
    staffToken(platform, 'batches-other', 'm-batches-other'),
    staffToken(platform, 'batches-ops'),
  ]);
  const point = (id: string, name: string) => ({
    _id: id,
    name,
    district: '渝中区',
    address: '渝中区民权路 28 号',
    location: { type: 'Point', coordinates: [106.5775, 29.5577] },
  });
  await platform.insert('pickup_points', [point('pp-lb-a', '解放碑便民驿站'), point('pp-lb-b', '较场口驿站')]);
});

type Listed = { items: ConsolePickupBatch[]; hasMore: boolean };
const list = (body: Record<string, unknown>, token = merchant) =>
  act<Listed>(platform, 'listPickupBatches', body, token);

/** One batch of `count` orders of `merchantId` to `point`, sent by `token`; answers its id. */
async function batch(point: string, key: string, token: string, merchantId: string, count = 1): Promise<string> {
  const orderIds = await ordersToShip(platform, count, { merchantId, pickupPointId: point });
  const body = { pickupPointId: point, orderIds, requestKey: key, ...(token === ops ? { merchantId } : {}) };
  return (await act<{ batchId: string }>(platform, 'dispatchToPickupPoint', body, token)).batchId;
}

describe('listPickupBatches', () => {
  it('lists a merchant’s own batches newest first, by point and arrival, a page at a time', async () => {
    const first = await batch('pp-lb-a', 'lb-key-0001', merchant, M, 2);
    const second = await batch('pp-lb-b', 'lb-key-0002', merchant, M);
    const third = await batch('pp-lb-a', 'lb-key-0003', merchant, M);
    const theirs = await batch('pp-lb-a', 'lb-key-0004', other, 'm-batches-other');
    await act(platform, 'markBatchArrived', { batchId: first }, merchant);

    const mine = await list({});
    expect(mine.items.map((b) => b.batchId)).toEqual([third, second, first]);
    expect(mine.hasMore).toBe(false);
    expect(mine.items[2]).toEqual({
      batchId: first,
      pickupPointId: 'pp-lb-a',
      pointName: '解放碑便民驿站',
      district: '渝中区',
      merchantId: M,
      orders: 2,
      dispatchedAt: expect.any(Number),
      dispatchedBy: 'staff:batches-m',
      arrivedAt: expect.any(Number),
      arrivedBy: 'staff:batches-m',
    });
    expect(mine.items[0]?.arrivedAt).toBeUndefined();

    expect((await list({ pickupPointId: 'pp-lb-a' })).items.map((b) => b.batchId)).toEqual([third, first]);
    expect((await list({ arrived: false })).items.map((b) => b.batchId)).toEqual([third, second]);
    expect((await list({ arrived: true })).items.map((b) => b.batchId)).toEqual([first]);
    const page = await list({ limit: 2 });
    expect([page.items.length, page.hasMore]).toEqual([2, true]);
    expect(await list({ limit: 2, offset: 2 })).toMatchObject({ items: [{ batchId: first }], hasMore: false });

    // Another merchant's batch is theirs alone; ops see every one.
    expect((await list({ pickupPointId: 'pp-lb-a' }, other)).items.map((b) => b.batchId)).toEqual([theirs]);
    expect((await list({ pickupPointId: 'pp-lb-a' }, ops)).items.map((b) => b.batchId)).toEqual([theirs, third, first]);
  });

  it('is not customer service’s', async () => {
    await addStaff(platform, 'batches-service', 'Batches2026x', { role: 'service' });
    const service = await signIn(platform, 'batches-service', 'Batches2026x');
    expect(await refusedWith(platform, 'listPickupBatches', {}, service)).toEqual({ status: 403, code: 'FORBIDDEN' });
  });
});
