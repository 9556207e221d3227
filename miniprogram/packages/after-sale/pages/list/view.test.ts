import { money, parseBusinessTime } from '@shared/client';
import { describe, expect, it } from 'vitest';
import type { AfterSaleSummary } from '../../../../utils/after-sales';
import { afterSaleRow } from './view';

const item: AfterSaleSummary = {
  afterSaleId: 'ASo1-1',
  orderId: 'o1',
  title: '江津花椒 250g',
  type: 'return_refund',
  typeLabel: '退货退款',
  status: 'awaiting_return',
  statusLabel: '待寄回商品',
  amount: money.fen(3980),
  createdAt: parseBusinessTime('2025-06-01 12:00'),
  updatedAt: parseBusinessTime('2025-06-01 12:30'),
};

describe('我的售后', () => {
  it('a request under way: type, status in the accent, the refund asked for and when', () => {
    expect(afterSaleRow(item)).toEqual({
      afterSaleId: 'ASo1-1',
      title: '江津花椒 250g',
      typeLabel: '退货退款',
      statusLabel: '待寄回商品',
      open: true,
      amountText: '退款 ¥39.80',
      timeText: '申请于 2025-06-01 12:00',
    });
  });

  it('a finished request is muted; an exchange has no amount', () => {
    expect(afterSaleRow({ ...item, status: 'refunded', statusLabel: '已退款' })).toMatchObject({ open: false });
    expect(
      afterSaleRow({ ...item, type: 'exchange', typeLabel: '换货', amount: undefined, status: 'declined' }),
    ).toMatchObject({ open: false, amountText: '' });
  });
});
