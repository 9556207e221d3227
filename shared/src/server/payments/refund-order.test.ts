/**
 * refundOrder through the console's function, the emulator and CloudPay's sandbox: a partial refund, then
 * the rest; never more than was paid, however many refunds race; one refund per request key however often
 * it is sent; duplicated refund notifications; and who may ask.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { formingGroup, joinGroupAs, payAndSettle, place } from '../testing/shopper';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Refunds2026x';
const tokens: Record<string, string> = {};

beforeEach(async () => {
  platform.emulator.pay.setFaults({});
  if (tokens.ops) return;
  await addStaff(platform, 'refund-ops', PASSWORD);
  await addStaff(platform, 'refund-service', PASSWORD, { role: 'service' });
  await addStaff(platform, 'refund-merchant', PASSWORD, { role: 'merchant', merchantId: 'm-any' });
  tokens.ops = await signIn(platform, 'refund-ops', PASSWORD);
  tokens.service = await signIn(platform, 'refund-service', PASSWORD);
  tokens.merchant = await signIn(platform, 'refund-merchant', PASSWORD);
});

/** A paid solo order (to ship), its total 3 × 39.90 = 119.70. */
async function paidOrder() {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 20, soloPrice: 3_990 });
  const { orderId, total } = await place(platform, 'buySolo', 'o-refund-shopper', {
    skuId: fx.skuId,
    quantity: 3,
    delivery: pickupAt(fx),
  });
  await payAndSettle(platform, orderId);
  return { orderId, total };
}

type RefundAnswer = { refund: { outRefundNo: string; amount: number; status: string } };
const refund = (orderId: string, amount: number, token = tokens.ops, requestKey: string = randomUUID()) =>
  adminCall<RefundAnswer>(platform, 'refundOrder', { orderId, amount, reason: '商品少发一件', requestKey }, token);

const ledger = (orderId: string) => {
  const order = platform.emulator.pay.order(orderId);
  return { count: order?.refunds.size ?? 0, total: order ? platform.emulator.pay.refundedTotal(order) : 0 };
};

describe('refundOrder', () => {
  it('refunds part of a paid order, then the rest: the order is refunded once the last money is back', async () => {
    const { orderId, total } = await paidOrder();
    const part = await refund(orderId, 1_000);
    expect(part.status).toBe(200);
    if (!part.body.ok) throw new Error(part.body.error.code);
    expect(part.body.data.refund).toMatchObject({ outRefundNo: `R${orderId}-1`, amount: 1_000 });
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'to_ship', refundedAmount: 1_000 });

    const rest = await refund(orderId, total - 1_000, tokens.service);
    expect(rest.body).toMatchObject({ ok: true, data: { refund: { outRefundNo: `R${orderId}-2` } } });
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded', refundedAmount: total });
    expect(ledger(orderId)).toEqual({ count: 2, total });
    const refunds = await platform.find('refunds', { orderId });
    expect(refunds.map((r) => [r.amount, r.status, r.completesOrder])).toEqual([
      [1_000, 'succeeded', false],
      [total - 1_000, 'succeeded', true],
    ]);
    const [order] = await platform.find('orders', { _id: orderId });
    expect((order?.history as { event: string; by: string }[]).map((h) => [h.event, h.by])).toEqual([
      ['placed', 'shopper'],
      ['paid_solo', 'cloudpay'],
      ['refunded_in_full', 'staff:refund-service'],
      ['refund_confirmed', 'cloudpay'],
    ]);
    const audit = await platform.find('audit_logs', { target: `order/${orderId}` });
    expect(audit.map((a) => [a.account, a.action])).toEqual([
      ['refund-ops', 'refundOrder'],
      ['refund-service', 'refundOrder'],
    ]);
  });

  it('never refunds more than was paid, however many refunds race for it', async () => {
    const { orderId, total } = await paidOrder();
    // Three fit in what was paid (3 × 30.00 of 119.70), a fourth would not.
    const third = 3_000;
    const answers = await Promise.all(Array.from({ length: 10 }, () => refund(orderId, third)));
    const codes = answers.map((a) => (a.body.ok ? 'ok' : a.body.error.code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['REFUND_EXCEEDS_PAID']));
    await platform.settle();
    const refunds = await platform.find('refunds', { orderId });
    expect(refunds.reduce((sum, r) => sum + (r.amount as number), 0)).toBe(3 * third);
    expect(await platform.get('orders', orderId)).toMatchObject({ refundedAmount: 3 * third, status: 'to_ship' });
    expect(ledger(orderId)).toEqual({ count: 3, total: 3 * third });
    const over = await refund(orderId, total - 3 * third + 1);
    expect([over.status, over.body.ok || over.body.error.code]).toEqual([409, 'REFUND_EXCEEDS_PAID']);
  });

  it('answers one refund for a request key sent again and again, and its notification delivered 4 times', async () => {
    const { orderId } = await paidOrder();
    platform.emulator.pay.setFaults({ duplicateCallbacks: 3 });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => refund(orderId, 500, tokens.ops, key)));
    expect(new Set(answers.map((a) => (a.body.ok ? a.body.data.refund.outRefundNo : a.body.error.code)))).toEqual(
      new Set([`R${orderId}-1`]),
    );
    await platform.settle();
    expect(await platform.find('refunds', { orderId })).toHaveLength(1);
    expect(ledger(orderId)).toEqual({ count: 1, total: 500 });
    expect(await platform.get('orders', orderId)).toMatchObject({ refundedAmount: 500, status: 'to_ship' });
  });

  it('refuses an order in a forming group, a merchant, and bad amounts; nothing changes', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 20, groupSize: 3 });
    const groupId = await formingGroup(platform, fx, 'o-refund-leader');
    const { orderId: memberOrder } = await joinGroupAs(platform, fx, groupId, 'o-refund-member');
    const before = await platform.get('orders', memberOrder);
    const forming = await refund(memberOrder, 100);
    expect([forming.status, forming.body.ok || forming.body.error.code]).toEqual([409, 'ORDER_NOT_REFUNDABLE']);
    const merchant = await refund(memberOrder, 100, tokens.merchant);
    expect([merchant.status, merchant.body.ok || merchant.body.error.code]).toEqual([403, 'FORBIDDEN']);
    for (const amount of [0, -5, 1.5]) {
      const bad = await refund(memberOrder, amount);
      expect(bad.status, String(amount)).toBe(400);
    }
    expect(await platform.get('orders', memberOrder)).toEqual(before);
    expect(await platform.find('refunds', { orderId: memberOrder })).toEqual([]);
  });
});
