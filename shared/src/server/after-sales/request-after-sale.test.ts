/**
 * requestAfterSale through the emulator: a request on a received order (photos checked and shown), one
 * before shipping (approved at once, refunded through the sandbox), the refusals (nothing changes), a
 * repeated key, two requests at once, and a request racing the order's completion.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  code,
  DAY,
  receivedOrder,
  refundedOn,
  requestAs,
  requestBody,
  toShipOrder,
  uploadPhoto,
} from '../testing/after-sales';
import { data } from '../testing/envelopes';
import { job } from '../testing/ops';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

let n = 0;
const shopper = () => `o-as-${++n}-${Date.now().toString(36)}`;

/** What a refusal must leave as it was. */
const state = async (orderId: string) => ({
  order: await platform.get('orders', orderId),
  afterSales: await platform.find('after_sales', { orderId }),
  refunds: await platform.find('refunds', { orderId }),
});

describe('requestAfterSale', () => {
  it('opens a request on a received order: its photos kept and shown, the order holding it open', async () => {
    const me = shopper();
    const { orderId } = await receivedOrder(platform, me);
    const photos = [await uploadPhoto(platform, me), await uploadPhoto(platform, me)];
    const body = requestBody(orderId, { type: 'return_refund', amount: 5_000, photos });
    const { result, trips } = await platform.countingRoundTrips(() => requestAs(platform, me, body));
    console.log(`requestAfterSale (2 photos): ${trips} database round trips`);
    const made = data(result);
    expect(made).toMatchObject({
      orderId,
      status: 'pending_review',
      statusLabel: '待商家处理',
      type: 'return_refund',
      typeLabel: '退货退款',
      reasonLabel: '质量问题',
      amount: 5_000,
      actions: ['withdraw'],
      reviewDeadlineAt: expect.any(Number),
    });
    expect(made.photos).toHaveLength(2);
    for (const url of made.photos) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/_storage\//);
    expect(await platform.get('orders', orderId)).toMatchObject({
      status: 'received',
      openAfterSaleId: made.afterSaleId,
      afterSaleCount: 1,
    });
    expect(await platform.get('after_sales', made.afterSaleId)).toMatchObject({ photos, openid: me });

    // The same submission again (a double tap, a retry after a timeout): the same request, nothing new.
    const repeat = await platform.countingRoundTrips(() => requestAs(platform, me, body));
    console.log(`requestAfterSale (repeated key): ${repeat.trips} database round trips`);
    const again = data(repeat.result);
    expect(again.afterSaleId).toBe(made.afterSaleId);
    expect(await platform.find('after_sales', { orderId })).toHaveLength(1);
  });

  it('approves a refund before shipping at once: the order leaves 待发货 with the request, refunded in full', async () => {
    const me = shopper();
    const { orderId, total } = await toShipOrder(platform, me);
    const made = data(await requestAs(platform, me, requestBody(orderId, { amount: 100 })));
    expect(made).toMatchObject({ status: 'refunding', amount: total, refundAmount: total, actions: [] });
    // Already off the picking list when the answer comes back.
    expect((await platform.get('orders', orderId))?.status).toBe('refunding');
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded', refundedAmount: total });
    expect((await platform.get('orders', orderId))?.openAfterSaleId).toBeUndefined();
    const afterSale = await platform.get('after_sales', made.afterSaleId);
    expect(afterSale).toMatchObject({ status: 'refunded', outRefundNo: `R${orderId}-1` });
    // No "approved" message (the shopper just asked), one "refunded".
    expect((afterSale?.outbox as { event: string }[]).map((m) => m.event)).toEqual(['after_sale_refunded']);
    expect(await platform.get('refunds', `R${orderId}-1`)).toMatchObject({
      afterSaleId: made.afterSaleId,
      status: 'succeeded',
      requestedBy: 'system',
    });
    expect(await refundedOn(platform, orderId)).toEqual({ recorded: total, count: 1, ledger: total, ledgerCount: 1 });
  });

  it('refuses, changing nothing: closed window, one already open, a type the status does not allow, another shopper, bad photos, too much', async () => {
    const me = shopper();
    const other = shopper();
    const { orderId, total } = await receivedOrder(platform, me);
    const closed = await receivedOrder(platform, me, Date.now() - 1);
    const toShip = await toShipOrder(platform, me);
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['window closed', me, requestBody(closed.orderId), 'AFTER_SALE_WINDOW_CLOSED'],
      ['exchange before shipping', me, requestBody(toShip.orderId, { type: 'exchange' }), 'AFTER_SALE_NOT_ALLOWED'],
      ["another shopper's order", other, requestBody(orderId), 'NOT_FOUND'],
      ['more than was paid', me, requestBody(orderId, { amount: total + 1 }), 'REFUND_EXCEEDS_PAID'],
      ['seven photos', me, requestBody(orderId, { photos: Array(7).fill('cloud://x.y/a.png') }), 'INVALID_ARGUMENT'],
      [
        "another's photo",
        me,
        requestBody(orderId, { photos: [await uploadPhoto(platform, other)] }),
        'INVALID_ARGUMENT',
      ],
      [
        'a photo never stored',
        me,
        requestBody(orderId, { photos: [(await uploadPhoto(platform, me)).replace(/[^/]+$/, 'nothing.png')] }),
        'INVALID_ARGUMENT',
      ],
      [
        'a product image',
        me,
        requestBody(orderId, { photos: [`cloud://local.b/products/m/p/a.png`] }),
        'INVALID_ARGUMENT',
      ],
    ];
    for (const [why, who, body, expected] of cases) {
      const target = String(body.orderId);
      const before = await state(target);
      expect(code(await requestAs(platform, who, body)), why).toBe(expected);
      expect(await state(target), why).toEqual(before);
    }
    data(await requestAs(platform, me, requestBody(orderId)));
    const before = await state(orderId);
    expect(code(await requestAs(platform, me, requestBody(orderId, { type: 'exchange' })))).toBe(
      'AFTER_SALE_ALREADY_OPEN',
    );
    expect(await state(orderId)).toEqual(before);
  });

  it('opens one request when two are sent at once', async () => {
    const me = shopper();
    const { orderId } = await receivedOrder(platform, me);
    const answers = await Promise.all(
      ['refund_only', 'return_refund', 'exchange', 'refund_only'].map((type) =>
        requestAs(platform, me, requestBody(orderId, { type })),
      ),
    );
    const codes = answers.map(code);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['AFTER_SALE_ALREADY_OPEN']));
    const afterSales = await platform.find('after_sales', { orderId });
    expect(afterSales).toHaveLength(1);
    expect(await platform.get('orders', orderId)).toMatchObject({
      openAfterSaleId: afterSales[0]?._id,
      afterSaleCount: 1,
    });
  });

  it('never leaves a request open on an order its window closed on, however the two race', async () => {
    // completeOrders completes a received order whose window has passed and that holds no open request, in
    // one conditional update: this is that update, raced by hand (the window closed by fiat, so that every
    // interleaving can happen). The completion lands before the request reads the order, while it decides, or after it committed.
    // One pair at a time, on a warm function instance, so the delays mean what they say.
    const delays = [0, 5, 15, 30, 60, 500];
    const endsAt = Date.now() + DAY;
    const orders = await Promise.all(
      delays.map(async () => {
        const me = shopper();
        return { me, orderId: (await receivedOrder(platform, me, endsAt)).orderId };
      }),
    );
    await requestAs(platform, 'o-warm-up', requestBody('O-none'));
    const outcomes = [];
    for (const [i, { me, orderId }] of orders.entries()) {
      const complete = async () => {
        await new Promise((resolve) => setTimeout(resolve, delays[i]));
        return platform.update(
          'orders',
          {
            _id: orderId,
            status: { $in: ['received', 'picked_up'] },
            afterSaleEndsAt: { $lte: endsAt },
            openAfterSaleId: { $exists: false },
          },
          { $set: { status: 'completed', completedAt: Date.now() } },
        );
      };
      const [requested, completed] = await Promise.all([requestAs(platform, me, requestBody(orderId)), complete()]);
      outcomes.push({ requested: code(requested), completed, order: await platform.get('orders', orderId) });
    }
    for (const { requested, completed, order } of outcomes) {
      if (requested === 'ok') {
        expect(completed).toBe(0);
        expect(order).toMatchObject({ status: 'received', openAfterSaleId: expect.any(String) });
      } else {
        expect(requested).toBe('AFTER_SALE_WINDOW_CLOSED');
        expect(completed).toBe(1);
        expect(order?.status).toBe('completed');
        expect(order?.openAfterSaleId).toBeUndefined();
      }
    }
    // Both ends happened: the completion first, and the request first.
    expect(new Set(outcomes.map((o) => o.requested))).toEqual(new Set(['ok', 'AFTER_SALE_WINDOW_CLOSED']));
  });

  it('races completeOrders itself as the window closes: the order completes or holds the request, never both', async () => {
    const closesIn = [-1, 20, 50, 90];
    const orders = await Promise.all(
      closesIn.map(async () => {
        const me = shopper();
        return { me, orderId: (await receivedOrder(platform, me, Date.now() + DAY)).orderId };
      }),
    );
    await Promise.all([job(platform, 'completeOrders'), requestAs(platform, 'o-warm-up', requestBody('O-none'))]);
    for (const [i, { me, orderId }] of orders.entries()) {
      const endsAt = Date.now() + (closesIn[i] ?? 0);
      await platform.update('orders', { _id: orderId }, { $set: { afterSaleEndsAt: endsAt } });
      const closing = async () => {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt + 1 - Date.now())));
        return job(platform, 'completeOrders');
      };
      const [requested] = await Promise.all([requestAs(platform, me, requestBody(orderId)), closing()]);
      await job(platform, 'completeOrders');
      const order = await platform.get('orders', orderId);
      if (code(requested) === 'ok') {
        expect(order).toMatchObject({ status: 'received', openAfterSaleId: expect.any(String) });
      } else {
        expect(code(requested)).toBe('AFTER_SALE_WINDOW_CLOSED');
        expect(order?.status).toBe('completed');
        expect(order?.openAfterSaleId).toBeUndefined();
      }
    }
  });
});
