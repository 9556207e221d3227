/** getAfterSale through the emulator: the shopper's own request with its refund; anyone else's reads as missing. */
import { describe, expect, it } from 'vitest';
import { code, receivedOrder, requested, uploadPhoto } from '../testing/after-sales';
import { answer } from '../testing/shopper';
import { data } from '../testing/envelopes';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

describe('getAfterSale', () => {
  it("answers the shopper's own request, with its photos to show and what they may do; another's is NOT_FOUND", async () => {
    const { orderId } = await receivedOrder(platform, 'o-get-me');
    const photo = await uploadPhoto(platform, 'o-get-me');
    const afterSaleId = await requested(platform, 'o-get-me', orderId, { type: 'exchange', photos: [photo] });
    const mine = data(await answer<Record<string, unknown>>(platform, 'getAfterSale', 'o-get-me', { afterSaleId }));
    expect(mine).toMatchObject({
      afterSaleId,
      orderId,
      type: 'exchange',
      typeLabel: '换货',
      status: 'pending_review',
      description: '橙子坏了三个',
      actions: ['withdraw'],
      history: [{ status: 'pending_review', statusLabel: '待商家处理' }],
    });
    expect(mine.amount).toBeUndefined();
    expect(mine.photos).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/_storage\/.+\.png\?sign=/)]);
    for (const [who, id] of [
      ['o-get-other', afterSaleId],
      ['o-get-me', 'AS-none'],
    ] as const) {
      expect(code(await answer(platform, 'getAfterSale', who, { afterSaleId: id }))).toBe('NOT_FOUND');
    }
    expect(code(await answer(platform, 'getAfterSale', undefined, { afterSaleId }))).toBe('UNAUTHENTICATED');
  });
});
