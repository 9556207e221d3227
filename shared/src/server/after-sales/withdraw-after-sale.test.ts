/**
 * withdrawAfterSale through the emulator: a request under review or waiting for its return closes and frees
 * its order for another; a repeated tap answers the same; once the goods are on their way it is too late.
 */
import { describe, expect, it } from 'vitest';
import { code, receivedOrder, requested, staffAct } from '../testing/after-sales';
import { data } from '../testing/envelopes';
import { answer } from '../testing/shopper';
import { addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const withdraw = (openid: string, afterSaleId: string) =>
  answer<{ status: string; actions: string[] }>(platform, 'withdrawAfterSale', openid, { afterSaleId });

describe('withdrawAfterSale', () => {
  it('closes a request under review; the order may have another, numbered next', async () => {
    const { orderId } = await receivedOrder(platform, 'o-wd-me');
    const afterSaleId = await requested(platform, 'o-wd-me', orderId);
    expect(code(await withdraw('o-wd-other', afterSaleId))).toBe('NOT_FOUND');
    const [once, twice] = await Promise.all([withdraw('o-wd-me', afterSaleId), withdraw('o-wd-me', afterSaleId)]);
    expect(data(once)).toMatchObject({ status: 'closed', actions: [] });
    expect(data(twice)).toMatchObject({ status: 'closed' });
    const closed = await platform.get('after_sales', afterSaleId);
    expect((closed?.history as { event: string; by: string }[]).map((h) => [h.event, h.by])).toEqual([
      ['submitted', 'shopper'],
      ['withdrawn', 'shopper'],
    ]);
    expect((await platform.get('orders', orderId))?.openAfterSaleId).toBeUndefined();
    const next = await requested(platform, 'o-wd-me', orderId, { type: 'exchange' });
    expect(next).toBe(`AS${orderId}-2`);
    expect(await platform.get('orders', orderId)).toMatchObject({ openAfterSaleId: next, afterSaleCount: 2 });
  });

  it('closes an approved return not sent yet, and refuses once it is on its way', async () => {
    await addStaff(platform, 'wd-ops', 'Withdraw2026x');
    const token = await signIn(platform, 'wd-ops', 'Withdraw2026x');
    const { orderId } = await receivedOrder(platform, 'o-wd-ret');
    const waiting = await requested(platform, 'o-wd-ret', orderId, { type: 'return_refund' });
    await staffAct(platform, 'approveAfterSale', waiting, token);
    expect(data(await withdraw('o-wd-ret', waiting)).status).toBe('closed');

    const sent = await requested(platform, 'o-wd-ret', orderId, { type: 'return_refund' });
    await staffAct(platform, 'approveAfterSale', sent, token);
    data(
      await answer(platform, 'submitReturnParcel', 'o-wd-ret', {
        afterSaleId: sent,
        carrier: 'yunda',
        trackingNo: 'YD12345678',
      }),
    );
    const before = await platform.get('after_sales', sent);
    expect(code(await withdraw('o-wd-ret', sent))).toBe('AFTER_SALE_NOT_ACTIONABLE');
    expect(await platform.get('after_sales', sent)).toEqual(before);
    expect((await platform.get('orders', orderId))?.openAfterSaleId).toBe(sent);
  });
});
