/** payOrder: paying an unpaid order later gives the same prepay, never a second charge. */
import { describe, expect, it } from 'vitest';
import { usePlatform } from '../testing/use-platform';
import type { Envelope } from '../../kernel/envelope';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';

const platform = usePlatform();

interface Payable {
  orderId: string;
  groupId?: string;
  total: number;
  payment: { package: string };
}
const call = async (fn: string, openid: string | undefined, body: unknown) =>
  (await platform.call<Envelope<Payable>>(fn, openid, body)).body;

async function unpaidOrder(openid: string) {
  const fx = await seedCatalog((c, d) => platform.insert(c, d));
  const opened = await call('openGroup', openid, { activityId: fx.activityId, quantity: 2, delivery: pickupAt(fx) });
  if (!opened.ok) throw new Error(opened.error.code);
  return opened.data;
}

describe('payOrder', () => {
  it('gives the order’s own prepay back, and the order is paid once', async () => {
    const opened = await unpaidOrder('o-pay-later');
    const again = await call('payOrder', 'o-pay-later', { orderId: opened.orderId });
    expect(again).toMatchObject({ ok: true, data: { orderId: opened.orderId, total: opened.total } });
    expect(again.ok && again.data.payment.package).toBe(opened.payment.package);

    await platform.pay(opened.orderId);
    await platform.settle();
    expect(await platform.get('orders', opened.orderId)).toMatchObject({ status: 'awaiting_group' });
    expect(await call('payOrder', 'o-pay-later', { orderId: opened.orderId })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_PAYABLE' },
    });
  });

  it('answers 20 taps at once with one prepay', async () => {
    const opened = await unpaidOrder('o-pay-tapper');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call('payOrder', 'o-pay-tapper', { orderId: opened.orderId })),
    );
    const packages = new Set(answers.map((a) => (a.ok ? a.data.payment.package : a.error.code)));
    expect([...packages]).toEqual([opened.payment.package]);
    expect(platform.emulator.pay.order(opened.orderId)).toMatchObject({ state: 'NOTPAY' });
  });

  it('refuses another shopper’s order as missing, an overdue one, and bad input; nothing changes', async () => {
    const opened = await unpaidOrder('o-pay-owner');
    const before = await platform.get('orders', opened.orderId);
    expect(await call('payOrder', 'o-pay-stranger', { orderId: opened.orderId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call('payOrder', 'o-pay-owner', { orderId: '' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await call('payOrder', undefined, { orderId: opened.orderId })).toMatchObject({ ok: false });
    expect(await platform.get('orders', opened.orderId)).toEqual(before);

    await platform.update('orders', { _id: opened.orderId }, { $set: { payDeadlineAt: Date.now() - 1 } });
    expect(await call('payOrder', 'o-pay-owner', { orderId: opened.orderId })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_NOT_PAYABLE' },
    });
  });
});
