/**
 * submitReturnParcel through the emulator: an approved return's waybill within its 7 days; the same waybill
 * again answers the same; another waybill, a request not approved for a return, or a late one are refused.
 */
import { describe, expect, it } from 'vitest';
import { code, receivedOrder, requested, staffAct } from '../testing/after-sales';
import { data } from '../testing/envelopes';
import { answer } from '../testing/shopper';
import { addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const submit = (openid: string, afterSaleId: string, trackingNo = 'SF1234567890', carrier = 'shunfeng') =>
  answer<Record<string, unknown>>(platform, 'submitReturnParcel', openid, { afterSaleId, carrier, trackingNo });

describe('submitReturnParcel', () => {
  it('records the return on its way, once; refuses what does not fit', async () => {
    await addStaff(platform, 'ret-ops', 'Returns2026x');
    const token = await signIn(platform, 'ret-ops', 'Returns2026x');
    const { orderId } = await receivedOrder(platform, 'o-ret-me');
    const afterSaleId = await requested(platform, 'o-ret-me', orderId, { type: 'return_refund', amount: 2_000 });
    expect(code(await submit('o-ret-me', afterSaleId))).toBe('AFTER_SALE_NOT_ACTIONABLE');
    await staffAct(platform, 'approveAfterSale', afterSaleId, token);
    expect(code(await submit('o-ret-other', afterSaleId))).toBe('NOT_FOUND');
    expect(code(await submit('o-ret-me', afterSaleId, 'SF1234567890', 'dhl'))).toBe('INVALID_ARGUMENT');
    expect(code(await submit('o-ret-me', afterSaleId, 'SF-1'))).toBe('INVALID_ARGUMENT');

    const sent = data(await submit('o-ret-me', afterSaleId));
    expect(sent).toMatchObject({
      status: 'returning',
      statusLabel: '商品寄回中',
      returnParcel: { carrier: 'shunfeng', carrierName: '顺丰速运', trackingNo: 'SF1234567890' },
      actions: [],
    });
    expect(data(await submit('o-ret-me', afterSaleId))).toEqual(sent);
    expect(code(await submit('o-ret-me', afterSaleId, 'SF0000000000'))).toBe('AFTER_SALE_NOT_ACTIONABLE');
    expect((await platform.get('after_sales', afterSaleId))?.history).toHaveLength(3);
  });

  it('refuses a return whose 7 days are over, even before the timed job closed it', async () => {
    await addStaff(platform, 'late-ops', 'Returns2026x');
    const token = await signIn(platform, 'late-ops', 'Returns2026x');
    const { orderId } = await receivedOrder(platform, 'o-ret-late');
    const afterSaleId = await requested(platform, 'o-ret-late', orderId, { type: 'exchange' });
    await staffAct(platform, 'approveAfterSale', afterSaleId, token);
    await platform.update('after_sales', { _id: afterSaleId }, { $set: { returnDeadlineAt: Date.now() - 1 } });
    expect(code(await submit('o-ret-late', afterSaleId))).toBe('AFTER_SALE_NOT_ACTIONABLE');
    expect((await platform.get('after_sales', afterSaleId))?.status).toBe('awaiting_return');
  });
});
