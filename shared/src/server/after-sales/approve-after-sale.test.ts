/**
 * The console's review through adminApi, the emulator and CloudPay's sandbox: approving a refund-only
 * request refunds it (its own number, partial, the request and the order freed when the money is back),
 * declining tells the reason; who may see and act; and the races: two approvals at once, the same key
 * again, duplicated refund notifications, an approval racing a staff refund of the same order.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { receivedOrder, refundedOn, requested, staffAct, staffRefusal, uploadPhoto } from '../testing/after-sales';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Review2026xx';
const tokens = { ops: '', service: '' };
let seq = 0;
const me = () => `o-rv-${++seq}`;

beforeAll(async () => {
  await addStaff(platform, 'rv-ops', PASSWORD);
  await addStaff(platform, 'rv-service', PASSWORD, { role: 'service' });
  tokens.ops = await signIn(platform, 'rv-ops', PASSWORD);
  tokens.service = await signIn(platform, 'rv-service', PASSWORD);
});
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

/** A merchant's staff account for this order's merchant; answers its token. */
async function merchantFor(merchantId: string): Promise<string> {
  const account = `rv-m-${++seq}`;
  await addStaff(platform, account, PASSWORD, { role: 'merchant', merchantId });
  return signIn(platform, account, PASSWORD);
}

describe('approveAfterSale and declineAfterSale', () => {
  it('approves a refund-only request: refunded as asked, the request and the order freed once the money is back', async () => {
    const shopper = me();
    const { orderId, merchantId, total } = await receivedOrder(platform, shopper);
    const own = await merchantFor(merchantId);
    const afterSaleId = await requested(platform, shopper, orderId, { amount: 3_000 });
    const { result: approved, trips } = await platform.countingRoundTrips(() =>
      staffAct(platform, 'approveAfterSale', afterSaleId, own),
    );
    console.log(`approveAfterSale (refund only): ${trips} database round trips`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      ok: true,
      data: {
        afterSale: { status: 'refunding', refundAmount: 3_000, actions: [] },
        refund: { outRefundNo: `R${orderId}-1`, amount: 3_000 },
      },
    });
    await platform.settle();
    const afterSale = await platform.get('after_sales', afterSaleId);
    expect(afterSale).toMatchObject({ status: 'refunded', outboxPending: true });
    expect((afterSale?.outbox as { event: string; note?: string }[]).map((m) => [m.event, m.note])).toEqual([
      ['after_sale_approved', undefined],
      ['after_sale_refunded', '¥30.00已原路退回'],
    ]);
    const order = await platform.get('orders', orderId);
    expect(order).toMatchObject({ status: 'received', refundedAmount: 3_000, refundCount: 1 });
    expect(order?.openAfterSaleId).toBeUndefined();
    expect(await platform.get('refunds', `R${orderId}-1`)).toMatchObject({
      afterSaleId,
      status: 'succeeded',
      completesOrder: false,
      requestedBy: expect.stringMatching(/^staff:rv-m-/),
    });
    expect(await refundedOn(platform, orderId)).toEqual({ recorded: 3_000, count: 1, ledger: 3_000, ledgerCount: 1 });
    // The rest may be asked for next, and refunds the order in full.
    const rest = await requested(platform, shopper, orderId, { type: 'refund_only' });
    expect((await platform.get('after_sales', rest))?.amount).toBe(total - 3_000);
    await staffAct(platform, 'approveAfterSale', rest, tokens.service);
    await platform.settle();
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded', refundedAmount: total });
    const audit = await platform.find('audit_logs', {
      action: 'approveAfterSale',
      target: `after-sale/${afterSaleId}`,
    });
    expect(audit).toEqual([expect.objectContaining({ after: expect.objectContaining({ status: 'refunding' }) })]);
  });

  it('declines with the reason the shopper is told; the reason is required', async () => {
    const shopper = me();
    const { orderId } = await receivedOrder(platform, shopper);
    const afterSaleId = await requested(platform, shopper, orderId, { type: 'return_refund' });
    const noReason = await staffAct(platform, 'declineAfterSale', afterSaleId, tokens.service, { reason: ' ' });
    expect([noReason.status, staffRefusal(noReason)]).toEqual([400, 'INVALID_ARGUMENT']);
    const declined = await staffAct(platform, 'declineAfterSale', afterSaleId, tokens.service, {
      reason: '商品已签收超过质量问题受理范围',
    });
    expect(declined.body).toMatchObject({ ok: true, data: { afterSale: { status: 'declined', actions: [] } } });
    const afterSale = await platform.get('after_sales', afterSaleId);
    expect(afterSale).toMatchObject({ declineReason: '商品已签收超过质量问题受理范围' });
    expect(afterSale?.outbox).toEqual([
      expect.objectContaining({ event: 'after_sale_declined', note: '商品已签收超过质量问题受理范围' }),
    ]);
    expect((await platform.get('orders', orderId))?.openAfterSaleId).toBeUndefined();
    const late = await staffAct(platform, 'approveAfterSale', afterSaleId, tokens.ops);
    expect([late.status, staffRefusal(late)]).toEqual([409, 'AFTER_SALE_NOT_ACTIONABLE']);
  });

  it("shows and lets act on a merchant's own requests only; ops and customer service see all", async () => {
    const shopper = me();
    const mine = await receivedOrder(platform, shopper);
    const otherShopper = me();
    const theirs = await receivedOrder(platform, otherShopper);
    const own = await merchantFor(mine.merchantId);
    const photo = await uploadPhoto(platform, shopper);
    const afterSaleId = await requested(platform, shopper, mine.orderId, { type: 'exchange', photos: [photo] });
    const otherId = await requested(platform, otherShopper, theirs.orderId);

    type Search = { items: { afterSaleId: string; merchantId: string }[]; hasMore: boolean };
    const search = (token: string, body: Record<string, unknown> = {}) =>
      adminCall<Search>(platform, 'searchAfterSales', body, token);
    const seen = await search(own, { merchantId: theirs.merchantId });
    expect(seen.body.ok && seen.body.data.items.map((a) => a.afterSaleId)).toEqual([afterSaleId]);
    const all = await search(tokens.service, { status: 'pending_review', type: 'exchange' });
    expect(all.body.ok && all.body.data.items.map((a) => a.afterSaleId)).toContain(afterSaleId);
    expect(all.body.ok && all.body.data.items.map((a) => a.afterSaleId)).not.toContain(otherId);
    const byOrder = await search(tokens.ops, { orderId: theirs.orderId });
    expect(byOrder.body.ok && byOrder.body.data.items.map((a) => a.afterSaleId)).toEqual([otherId]);

    const detail = await adminCall<Record<string, Record<string, unknown>>>(
      platform,
      'getAfterSaleDetail',
      { afterSaleId },
      own,
    );
    expect(detail.body).toMatchObject({
      ok: true,
      data: {
        afterSale: { afterSaleId, status: 'pending_review', actions: ['approve', 'decline'], typeLabel: '换货' },
        order: { orderId: mine.orderId, status: 'received' },
      },
    });
    expect(detail.body.ok && detail.body.data.afterSale?.photos).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/_storage\/.+\?sign=/),
    ]);
    for (const action of ['getAfterSaleDetail', 'approveAfterSale', 'declineAfterSale'] as const) {
      const refused = await adminCall(
        platform,
        action,
        { afterSaleId: otherId, requestKey: randomUUID(), reason: '不符合售后条件' },
        own,
      );
      expect([action, refused.status]).toEqual([action, 404]);
    }
    expect((await platform.get('after_sales', otherId))?.status).toBe('pending_review');
  });

  it('refunds once when two approvals race, and once for a key sent again and again', async () => {
    const shopper = me();
    const { orderId } = await receivedOrder(platform, shopper);
    const afterSaleId = await requested(platform, shopper, orderId, { amount: 2_000 });
    const answers = await Promise.all([
      staffAct(platform, 'approveAfterSale', afterSaleId, tokens.ops),
      staffAct(platform, 'approveAfterSale', afterSaleId, tokens.service),
      staffAct(platform, 'approveAfterSale', afterSaleId, tokens.ops),
    ]);
    expect(answers.map(staffRefusal).sort()).toEqual(['AFTER_SALE_NOT_ACTIONABLE', 'AFTER_SALE_NOT_ACTIONABLE', 'ok']);
    await platform.settle();
    expect(await refundedOn(platform, orderId)).toEqual({ recorded: 2_000, count: 1, ledger: 2_000, ledgerCount: 1 });

    const again = await requested(platform, shopper, orderId, { amount: 1_000 });
    const key = randomUUID();
    const repeats = await Promise.all(
      Array.from({ length: 4 }, () => staffAct(platform, 'approveAfterSale', again, tokens.ops, { requestKey: key })),
    );
    expect(new Set(repeats.map(staffRefusal))).toEqual(new Set(['ok']));
    await platform.settle();
    expect(await refundedOn(platform, orderId)).toEqual({ recorded: 3_000, count: 2, ledger: 3_000, ledgerCount: 2 });
    expect((await platform.get('after_sales', again))?.actionKeys).toEqual([key]);
  });

  it('moves the request to refunded once when the refund notification comes four times', async () => {
    const shopper = me();
    const { orderId } = await receivedOrder(platform, shopper);
    const afterSaleId = await requested(platform, shopper, orderId, { amount: 1_500 });
    platform.emulator.pay.setFaults({ duplicateCallbacks: 3 });
    await staffAct(platform, 'approveAfterSale', afterSaleId, tokens.ops);
    await platform.settle();
    const afterSale = await platform.get('after_sales', afterSaleId);
    expect((afterSale?.history as { event: string }[]).map((h) => h.event)).toEqual([
      'submitted',
      'refund_approved',
      'refund_confirmed',
    ]);
    expect((afterSale?.outbox as { event: string }[]).map((m) => m.event)).toEqual([
      'after_sale_approved',
      'after_sale_refunded',
    ]);
    expect(await refundedOn(platform, orderId)).toEqual({ recorded: 1_500, count: 1, ledger: 1_500, ledgerCount: 1 });
  });

  it('never refunds more than was paid when an approval races a staff refund of the same order', async () => {
    // The request asks 50.00 of 119.70 and staff refund 90.00: both fit only if staff go first (the request
    // then gets the 29.70 left); if the request goes first, staff are refused.
    const outcomes = await Promise.all(
      [0, 1, 2].map(async () => {
        const shopper = me();
        const { orderId, total } = await receivedOrder(platform, shopper);
        const afterSaleId = await requested(platform, shopper, orderId, { amount: 5_000 });
        const [approved, staff] = await Promise.all([
          staffAct(platform, 'approveAfterSale', afterSaleId, tokens.service),
          adminCall(
            platform,
            'refundOrder',
            { orderId, amount: 9_000, reason: '少发一件', requestKey: randomUUID() },
            tokens.ops,
          ),
        ]);
        return { orderId, total, afterSaleId, approved: staffRefusal(approved), staff: staffRefusal(staff) };
      }),
    );
    await platform.settle();
    for (const { orderId, total, afterSaleId, approved, staff } of outcomes) {
      expect(approved).toBe('ok');
      const refunds = await refundedOn(platform, orderId);
      expect(refunds.recorded).toBeLessThanOrEqual(total);
      expect(refunds.ledger).toBe(refunds.recorded);
      const order = await platform.get('orders', orderId);
      const afterSale = await platform.get('after_sales', afterSaleId);
      expect(order?.refundedAmount).toBe(refunds.recorded);
      expect(afterSale?.status).toBe('refunded');
      expect(order?.openAfterSaleId).toBeUndefined();
      if (staff === 'ok') {
        expect(afterSale?.refundAmount).toBe(total - 9_000);
        expect([refunds.recorded, order?.status]).toEqual([total, 'refunded']);
      } else {
        expect(staff).toBe('REFUND_EXCEEDS_PAID');
        expect([refunds.recorded, order?.status]).toEqual([5_000, 'received']);
      }
    }
  });
});
