/**
 * An exchange from end to end through the emulator: approved, sent back, received by the merchant, the
 * replacement shipped (the shopper told, with the waybill) and confirmed by the shopper, who then may ask
 * again; a repeated tap answers the same; nothing to confirm before the replacement ships.
 */
import { describe, expect, it } from 'vitest';
import { code, receivedOrder, requested, staffAct, staffRefusal } from '../testing/after-sales';
import { data } from '../testing/envelopes';
import { answer } from '../testing/shopper';
import { addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const confirm = (openid: string, afterSaleId: string) =>
  answer<{ status: string }>(platform, 'confirmReplacementReceived', openid, { afterSaleId });

describe('confirmReplacementReceived', () => {
  it('ends an exchange once the replacement is in the shopper’s hands', async () => {
    await addStaff(platform, 'ex-merchant', 'Exchange2026x', { role: 'merchant', merchantId: 'm-none' });
    await addStaff(platform, 'ex-service', 'Exchange2026x', { role: 'service' });
    const token = await signIn(platform, 'ex-service', 'Exchange2026x');
    const { orderId, merchantId } = await receivedOrder(platform, 'o-ex-me');
    await addStaff(platform, 'ex-own', 'Exchange2026x', { role: 'merchant', merchantId });
    const own = await signIn(platform, 'ex-own', 'Exchange2026x');
    const stranger = await signIn(platform, 'ex-merchant', 'Exchange2026x');
    const afterSaleId = await requested(platform, 'o-ex-me', orderId, { type: 'exchange', reason: 'wrong_item' });
    expect(staffRefusal(await staffAct(platform, 'approveAfterSale', afterSaleId, stranger))).toBe('NOT_FOUND');
    await staffAct(platform, 'approveAfterSale', afterSaleId, own);
    data(
      await answer(platform, 'submitReturnParcel', 'o-ex-me', {
        afterSaleId,
        carrier: 'zhongtong',
        trackingNo: '7312345678',
      }),
    );
    expect(code(await confirm('o-ex-me', afterSaleId))).toBe('AFTER_SALE_NOT_ACTIONABLE');
    const received = await staffAct(platform, 'confirmReturnReceived', afterSaleId, token);
    expect(received.body).toMatchObject({ ok: true, data: { afterSale: { status: 'awaiting_replacement' } } });
    expect(received.body.ok && received.body.data.refund).toBeUndefined();
    const shipped = await staffAct(platform, 'shipReplacement', afterSaleId, own, {
      carrier: 'jd',
      trackingNo: 'JD0012345678',
    });
    expect(shipped.body).toMatchObject({ ok: true, data: { afterSale: { status: 'replacement_shipped' } } });
    const view = data(await answer<Record<string, unknown>>(platform, 'getAfterSale', 'o-ex-me', { afterSaleId }));
    expect(view).toMatchObject({
      actions: ['confirm_replacement'],
      replacementParcel: { carrier: 'jd', carrierName: '京东物流', trackingNo: 'JD0012345678' },
    });
    const outbox = (await platform.get('after_sales', afterSaleId))?.outbox as { event: string; note?: string }[];
    expect(outbox.map((m) => [m.event, m.note])).toEqual([
      ['after_sale_approved', '请在7天内寄回商品并填写运单号'],
      ['after_sale_replacement_shipped', '京东物流 JD0012345678'],
    ]);

    const [once, twice] = await Promise.all([confirm('o-ex-me', afterSaleId), confirm('o-ex-me', afterSaleId)]);
    expect([data(once).status, data(twice).status]).toEqual(['exchanged', 'exchanged']);
    const done = await platform.get('after_sales', afterSaleId);
    expect((done?.history as { event: string; by: string }[]).map((h) => [h.event, h.by])).toEqual([
      ['submitted', 'shopper'],
      ['return_approved', 'staff:ex-own'],
      ['return_sent', 'shopper'],
      ['return_received_for_exchange', 'staff:ex-service'],
      ['replacement_shipped', 'staff:ex-own'],
      ['replacement_received', 'shopper'],
    ]);
    expect(done?.dueAt).toBeUndefined();
    const order = await platform.get('orders', orderId);
    expect(order).toMatchObject({ status: 'received', afterSaleCount: 1 });
    expect(order?.openAfterSaleId).toBeUndefined();
    expect(await platform.find('refunds', { orderId })).toEqual([]);
    const audit = await platform.find('audit_logs', { target: `after-sale/${afterSaleId}` });
    expect(audit.map((a) => [a.account, a.action])).toEqual([
      ['ex-own', 'approveAfterSale'],
      ['ex-service', 'confirmReturnReceived'],
      ['ex-own', 'shipReplacement'],
    ]);
  });
});
