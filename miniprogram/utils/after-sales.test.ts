import { describe, expect, it } from 'vitest';
import { afterSaleLine, afterSaleTypesFor, isAfterSaleOpen } from './after-sales';

const now = 1_750_000_000_000;

describe('after-sales in the mini-program', () => {
  it('a request is open until it is refunded, exchanged, declined or closed', () => {
    expect(isAfterSaleOpen('pending_review')).toBe(true);
    expect(isAfterSaleOpen('replacement_shipped')).toBe(true);
    for (const status of ['refunded', 'exchanged', 'declined', 'closed'] as const)
      expect(isAfterSaleOpen(status)).toBe(false);
  });

  it('offers a refund before shipping, a return on the way, an exchange once delivered within the window', () => {
    expect(afterSaleTypesFor({ status: 'to_ship' }, undefined, now)).toEqual(['refund_only']);
    expect(afterSaleTypesFor({ status: 'at_pickup_point' }, undefined, now)).toEqual(['refund_only', 'return_refund']);
    expect(afterSaleTypesFor({ status: 'picked_up', afterSaleEndsAt: now + 1 }, undefined, now)).toEqual([
      'refund_only',
      'return_refund',
      'exchange',
    ]);
    expect(afterSaleTypesFor({ status: 'received', afterSaleEndsAt: now }, undefined, now)).toEqual([]);
    expect(afterSaleTypesFor({ status: 'received' }, undefined, now)).toEqual([]);
    expect(afterSaleTypesFor({ status: 'shipped' }, { status: 'returning' }, now)).toEqual([]);
    expect(afterSaleTypesFor({ status: 'shipped' }, { status: 'closed' }, now)).toHaveLength(2);
  });

  it('writes a request in one line', () => {
    expect(afterSaleLine({ typeLabel: '换货', statusLabel: '换货已发出' })).toBe('换货 · 换货已发出');
  });
});
