/**
 * Pickup orders through adminApi and the emulator: a batch to a point (one batch per request key, however
 * often sent; a shipping report per order), its arrival (a code of its own per order, the shopper told, the
 * code shown to them alone), and 核销: once, only at that point, two scans at once hand the goods over once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SUBSCRIBE_TEMPLATES } from '../../domain/notification';
import { act, ordersToShip, refusedWith, staffToken } from '../testing/fulfilment';
import { job } from '../testing/ops';
import { answer } from '../testing/shopper';
import { adminCall } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const M = 'm-pick';
let merchant = '';
let ops = '';
let stranger = '';
beforeAll(async () => {
  [merchant, ops, stranger] = await Promise.all([
    staffToken(platform, 'pick-m', M),
    staffToken(platform, 'pick-ops'),
    staffToken(platform, 'pick-other', 'm-pick-other'),
  ]);
});

type Shipped = { batchId: string; done: number; repeated: number; refused: number; unfinished: number };
type Arrived = { arrived: number; newlyArrived: number; skipped: number; unfinished: number; arrivedAt?: number };
type Verified = { outcome: string; collectedAt: number; order: { orderId: string; status: string } };

const dispatch = (body: Record<string, unknown>, token = merchant) =>
  act<Shipped>(platform, 'dispatchToPickupPoint', body, token);
const arrive = (batchId: string, token = merchant) => act<Arrived>(platform, 'markBatchArrived', { batchId }, token);
const verify = (pickupPointId: string, code: string, token = merchant) =>
  act<Verified>(platform, 'verifyPickup', { pickupPointId, code }, token);
const order = async (id: string) => (await platform.get('orders', id)) as Record<string, unknown>;

describe('a batch to a pickup point, its arrival and collection', () => {
  it('sends a point’s orders as one batch, marks them arrived with codes, and collects each once', async () => {
    const a = { merchantId: M, activityId: 'a-pick' };
    const shoppers = ['o-pick-1', 'o-pick-2', 'o-pick-3'];
    const atPoint = (
      await Promise.all(shoppers.map((openid) => ordersToShip(platform, 1, { ...a, openid, pickupPointId: 'pp-a' })))
    ).flat();
    const elsewhere = await ordersToShip(platform, 1, { ...a, pickupPointId: 'pp-b' });
    const express = await ordersToShip(platform, 1, a);
    const otherActivity = await ordersToShip(platform, 1, { merchantId: M, pickupPointId: 'pp-a' });
    const theirs = await ordersToShip(platform, 1, {
      merchantId: 'm-pick-b',
      activityId: 'a-pick',
      pickupPointId: 'pp-a',
    });
    for (const openid of shoppers) platform.emulator.openapi.grant(openid, [SUBSCRIBE_TEMPLATES.pickupArrived]);

    const request = { pickupPointId: 'pp-a', activityId: 'a-pick', requestKey: 'batch-key-0001' };
    const sent = await dispatch(request);
    expect(sent).toMatchObject({ batchId: 'PBbatch-key-0001', done: 3, repeated: 0, refused: 0, unfinished: 0 });
    expect(await platform.get('pickup_batches', sent.batchId)).toMatchObject({
      merchantId: M,
      pickupPointId: 'pp-a',
      orderIds: atPoint,
      dispatchedBy: 'staff:pick-m',
    });
    for (const id of atPoint) {
      expect(await order(id)).toMatchObject({
        status: 'shipped',
        shipment: { kind: 'pickup', pickupPointId: 'pp-a', batchId: sent.batchId },
      });
      expect(await platform.get('shipping_reports', id)).toMatchObject({
        shipmentKind: 'pickup',
        info: { logisticsType: 4 },
      });
      expect((await order(id)).outbox).toBeUndefined();
    }
    for (const id of [...elsewhere, ...express, ...otherActivity, ...theirs])
      expect((await order(id)).status).toBe('to_ship');

    // The same request again is the same batch: nothing leaves twice, no second batch. A new one finds nothing.
    expect(await dispatch(request)).toMatchObject({ batchId: sent.batchId, done: 0, repeated: 3 });
    expect(await platform.find('pickup_batches', { pickupPointId: 'pp-a' })).toHaveLength(1);
    expect(
      await refusedWith(platform, 'dispatchToPickupPoint', { ...request, requestKey: 'batch-key-0002' }, merchant),
    ).toEqual({
      status: 409,
      code: 'ORDER_NOT_SHIPPABLE',
    });

    // Arrival: only the point's staff (here ops, or the batch's own merchant).
    expect(await refusedWith(platform, 'markBatchArrived', { batchId: sent.batchId }, stranger)).toMatchObject({
      code: 'NOT_FOUND',
    });
    const arrived = await arrive(sent.batchId);
    expect(arrived).toMatchObject({
      arrived: 3,
      newlyArrived: 3,
      skipped: 0,
      unfinished: 0,
      arrivedAt: expect.any(Number),
    });
    const codes = await Promise.all(atPoint.map(async (id) => (await order(id)).pickupCode as string));
    expect(new Set(codes).size).toBe(3);
    for (const [i, id] of atPoint.entries()) {
      expect(codes[i]).toMatch(/^\d{6}$/);
      expect(await order(id)).toMatchObject({ status: 'at_pickup_point', shipment: { arrivedAt: arrived.arrivedAt } });
      expect(await platform.get('pickup_codes', `pp-a-${codes[i] ?? ''}`)).toMatchObject({ orderId: id });
    }
    expect(await arrive(sent.batchId, ops)).toMatchObject({
      arrived: 3,
      newlyArrived: 0,
      arrivedAt: arrived.arrivedAt,
    });
    expect(await Promise.all(atPoint.map(async (id) => (await order(id)).pickupCode))).toEqual(codes);

    // Each shopper is told once, with their point and code; the code is theirs alone to see.
    await job(platform, 'sendNotifications');
    await job(platform, 'sendNotifications');
    for (const [i, openid] of shoppers.entries()) {
      const inbox = platform.emulator.openapi.outbox().filter((m) => m.touser === openid);
      expect(inbox).toEqual([
        expect.objectContaining({
          templateId: SUBSCRIBE_TEMPLATES.pickupArrived,
          data: expect.objectContaining({ thing2: { value: '自提点pp-a' }, character_string3: { value: codes[i] } }),
        }),
      ]);
    }
    const [first = '', second = '', third = ''] = atPoint;
    const seen = await answer<Record<string, unknown>>(platform, 'getOrder', shoppers[0], { orderId: first });
    expect(seen).toMatchObject({
      ok: true,
      data: { statusLabel: '待取货', pickupCode: codes[0], shipment: { kind: 'pickup', arrivedAt: arrived.arrivedAt } },
    });
    expect(await answer(platform, 'getOrder', shoppers[1], { orderId: first })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    const detail = await act<{ order: Record<string, unknown> }>(platform, 'getOrderDetail', { orderId: first }, ops);
    expect(JSON.stringify(detail)).not.toContain(`"${codes[0] ?? ''}"`);

    // 核销: only at the order's point; once; a second scan says when it was collected.
    expect(await refusedWith(platform, 'verifyPickup', { pickupPointId: 'pp-b', code: codes[0] }, merchant)).toEqual({
      status: 409,
      code: 'PICKUP_CODE_INVALID',
    });
    expect(
      await refusedWith(platform, 'verifyPickup', { pickupPointId: 'pp-a', code: codes[0] }, stranger),
    ).toMatchObject({
      code: 'PICKUP_CODE_INVALID',
    });
    const unused = ['000000', '999999'].find((c) => !codes.includes(c)) ?? '';
    expect(await refusedWith(platform, 'verifyPickup', { pickupPointId: 'pp-a', code: unused }, ops)).toMatchObject({
      code: 'PICKUP_CODE_INVALID',
    });
    expect((await order(first)).status).toBe('at_pickup_point');
    const collected = await verify('pp-a', codes[0] ?? '');
    expect(collected).toMatchObject({ outcome: 'collected', order: { orderId: first, status: 'picked_up' } });
    const after = await order(first);
    expect(after).toMatchObject({ status: 'picked_up', receivedAt: collected.collectedAt });
    expect(after.afterSaleEndsAt).toBe(collected.collectedAt + 7 * 86_400_000);
    expect(await verify('pp-a', codes[0] ?? '', ops)).toMatchObject({
      outcome: 'already_collected',
      collectedAt: collected.collectedAt,
    });
    expect((after.history as { event: string }[]).filter((h) => h.event === 'picked_up')).toHaveLength(1);

    // Two scans of one code at once: one hands the goods over, the other finds them collected.
    const race = await Promise.all([verify('pp-a', codes[1] ?? ''), verify('pp-a', codes[1] ?? '', ops)]);
    expect(race.map((r) => r.outcome).sort()).toEqual(['already_collected', 'collected']);
    expect(((await order(second)).history as { event: string }[]).filter((h) => h.event === 'picked_up')).toHaveLength(
      1,
    );
    expect((await order(third)).status).toBe('at_pickup_point');
  });

  it('sends the chosen orders only, for ops naming the merchant; refuses what is not for that point', async () => {
    const [chosen, left] = await ordersToShip(platform, 2, { merchantId: 'm-pick-c', pickupPointId: 'pp-c' });
    const [wrongPoint] = await ordersToShip(platform, 1, { merchantId: 'm-pick-c', pickupPointId: 'pp-d' });
    const [express] = await ordersToShip(platform, 1, { merchantId: 'm-pick-c' });
    const [theirs] = await ordersToShip(platform, 1, { merchantId: 'm-pick-d', pickupPointId: 'pp-c' });
    const body = {
      pickupPointId: 'pp-c',
      orderIds: [chosen, wrongPoint, express, theirs],
      requestKey: 'batch-key-chosen',
    };
    const noMerchant = await adminCall(platform, 'dispatchToPickupPoint', body, ops);
    expect([noMerchant.status, noMerchant.body.ok || noMerchant.body.error.code]).toEqual([400, 'INVALID_ARGUMENT']);
    const sent = await act<Shipped & { results: { outcome: string; reason?: string }[] }>(
      platform,
      'dispatchToPickupPoint',
      { ...body, merchantId: 'm-pick-c' },
      ops,
    );
    expect(sent.results.map((r) => [r.outcome, r.reason])).toEqual([
      ['done', undefined],
      ['refused', 'other_point'],
      ['refused', 'express_order'],
      ['refused', 'not_found'],
    ]);
    expect((await order(left ?? '')).status).toBe('to_ship');
    // The key made a batch for m-pick-c at pp-c: another merchant or point cannot reuse it.
    expect(
      await refusedWith(platform, 'dispatchToPickupPoint', { ...body, pickupPointId: 'pp-d' }, stranger),
    ).toMatchObject({ code: 'CONFLICT' });
  });

  it('makes one batch of the same request sent three times at once, each order sent once', async () => {
    const ids = await ordersToShip(platform, 4, { merchantId: M, pickupPointId: 'pp-e' });
    const request = { pickupPointId: 'pp-e', requestKey: 'batch-key-race' };
    const answers = await Promise.all([dispatch(request), dispatch(request), dispatch(request)]);
    expect(new Set(answers.map((a) => a.batchId))).toEqual(new Set(['PBbatch-key-race']));
    expect(answers.reduce((sum, a) => sum + a.done, 0)).toBe(4);
    expect(answers.every((a) => a.done + a.repeated === 4)).toBe(true);
    expect(await platform.find('pickup_batches', { pickupPointId: 'pp-e' })).toHaveLength(1);
    for (const id of ids) {
      expect(((await order(id)).history as { event: string }[]).filter((h) => h.event === 'shipped')).toHaveLength(1);
      expect(await platform.find('shipping_reports', { orderId: id })).toHaveLength(1);
    }
  });
});
