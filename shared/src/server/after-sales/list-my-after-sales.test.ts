/** listMyAfterSales through the emulator: the shopper's requests newest first, one order's, paged; nobody else's. */
import { describe, expect, it } from 'vitest';
import { receivedOrder, requested, staffAct } from '../testing/after-sales';
import { data } from '../testing/envelopes';
import { answer } from '../testing/shopper';
import { addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

type Listed = {
  items: { afterSaleId: string; orderId: string; status: string; statusLabel: string }[];
  hasMore: boolean;
};

describe('listMyAfterSales', () => {
  it("lists the shopper's requests, newest first, one order's on demand, a page at a time", async () => {
    await addStaff(platform, 'list-ops', 'ListAfter2026x');
    const token = await signIn(platform, 'list-ops', 'ListAfter2026x');
    const first = await receivedOrder(platform, 'o-list-me');
    const second = await receivedOrder(platform, 'o-list-me');
    const declined = await requested(platform, 'o-list-me', first.orderId);
    await staffAct(platform, 'declineAfterSale', declined, token, { reason: '与描述相符' });
    const again = await requested(platform, 'o-list-me', first.orderId, { type: 'return_refund' });
    const other = await requested(platform, 'o-list-me', second.orderId);
    await requested(platform, 'o-list-other', (await receivedOrder(platform, 'o-list-other')).orderId);

    const all = data(await answer<Listed>(platform, 'listMyAfterSales', 'o-list-me', {}));
    expect(all.items.map((a) => a.afterSaleId)).toEqual([other, again, declined]);
    expect(all.items.map((a) => a.statusLabel)).toEqual(['待商家处理', '待商家处理', '商家已拒绝']);
    expect(all.hasMore).toBe(false);
    const ofFirst = data(await answer<Listed>(platform, 'listMyAfterSales', 'o-list-me', { orderId: first.orderId }));
    expect(ofFirst.items.map((a) => a.afterSaleId)).toEqual([again, declined]);
    const page = data(await answer<Listed>(platform, 'listMyAfterSales', 'o-list-me', { limit: 2 }));
    expect([page.items.length, page.hasMore]).toEqual([2, true]);
    const next = data(await answer<Listed>(platform, 'listMyAfterSales', 'o-list-me', { limit: 2, offset: 2 }));
    expect([next.items.map((a) => a.afterSaleId), next.hasMore]).toEqual([[declined], false]);
  });
});
