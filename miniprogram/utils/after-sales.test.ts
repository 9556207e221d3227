import { describe, expect, it } from 'vitest';
import { afterSaleLine, afterSaleTypeOptions, isAfterSaleOpen } from './after-sales';

describe('after-sales in the mini-program', () => {
  it('a request is open until it is refunded, exchanged, declined or closed', () => {
    expect(isAfterSaleOpen('pending_review')).toBe(true);
    expect(isAfterSaleOpen('replacement_shipped')).toBe(true);
    for (const status of ['refunded', 'exchanged', 'declined', 'closed'] as const)
      expect(isAfterSaleOpen(status)).toBe(false);
  });

  it('offers the types as a picker lists them', () => {
    expect(afterSaleTypeOptions(['refund_only', 'exchange'])).toEqual([
      { value: 'refund_only', label: '仅退款' },
      { value: 'exchange', label: '换货' },
    ]);
  });

  it('writes a request in one line', () => {
    expect(afterSaleLine({ typeLabel: '换货', statusLabel: '换货已发出' })).toBe('换货 · 换货已发出');
  });
});
