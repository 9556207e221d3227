import { describe, expect, it } from 'vitest';
import { orderStatusSchema } from './order.machine';
import { decideStaffRefund, newRefund } from './refund.schema';

const order = {
  _id: 'O20261125203000k3j9x0qa',
  openid: 'o-shopper',
  status: 'to_ship' as const,
  total: 5_980,
  transactionId: '4200000001',
};
const request = { amount: 1_000, reason: '少发一包', requestKey: 'k1', by: 'staff:service-a' as const, now: 1_000 };

describe('refunds', () => {
  it('records a whole refund of the order under its own number, completing the order', () => {
    expect(newRefund(order, '4200000001', 'group failed', 5)).toMatchObject({
      outRefundNo: 'RO20261125203000k3j9x0qa',
      amount: 5_980,
      orderTotal: 5_980,
      completesOrder: true,
      status: 'requested',
    });
  });

  it('gives a staff refund the next number, and counts it against what is left', () => {
    const first = decideStaffRefund(order, request);
    expect(first).toMatchObject({
      refund: { outRefundNo: 'RO20261125203000k3j9x0qa-1', amount: 1_000, orderTotal: 5_980, completesOrder: false },
      orderPatch: { refundedAmount: 1_000, refundCount: 1, requestKey: 'k1' },
    });
    expect(first).not.toHaveProperty('event');
    const last = decideStaffRefund({ ...order, refundedAmount: 1_000, refundCount: 1 }, { ...request, amount: 4_980 });
    expect(last).toMatchObject({
      refund: { outRefundNo: 'RO20261125203000k3j9x0qa-2', amount: 4_980, completesOrder: true },
      orderPatch: { refundedAmount: 5_980, refundCount: 2 },
      event: 'refunded_in_full',
    });
  });

  it('never refunds more than was paid, nor nothing', () => {
    expect(decideStaffRefund({ ...order, refundedAmount: 5_000 }, request)).toBe('REFUND_EXCEEDS_PAID');
    expect(decideStaffRefund(order, { ...request, amount: 5_981 })).toBe('REFUND_EXCEEDS_PAID');
    expect(decideStaffRefund(order, { ...request, amount: 0 })).toBe('REFUND_EXCEEDS_PAID');
  });

  it('refunds only orders staff may refund, and only paid ones', () => {
    for (const status of orderStatusSchema.options) {
      const decided = decideStaffRefund({ ...order, status }, request);
      const allowed = ['to_ship', 'shipped', 'at_pickup_point', 'received', 'picked_up', 'completed'].includes(status);
      expect(decided === 'ORDER_NOT_REFUNDABLE', status).toBe(!allowed);
    }
    expect(decideStaffRefund({ ...order, transactionId: undefined }, request)).toBe('ORDER_NOT_REFUNDABLE');
  });
});
