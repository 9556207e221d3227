import { describe, expect, it } from 'vitest';
import {
  AFTER_SALE_OPEN_STATUSES,
  AFTER_SALE_STATUS_LABELS,
  AFTER_SALE_TYPE_LABELS,
  afterSaleEventSchema,
  afterSaleMachine,
  type AfterSaleStatus,
  afterSaleStatusSchema,
  afterSaleTypeSchema,
  approvalEvent,
  returnReceivedEvent,
} from './after-sale.machine';
import {
  afterSaleIdFor,
  type AfterSaleRequest,
  afterSaleTypesFor,
  afterSaleTypesOffered,
  decideAfterSaleRequest,
} from './after-sale.schema';
import { orderStatusSchema } from './order.machine';

const allowed: Record<string, AfterSaleStatus> = {
  'pending_review+refund_approved': 'refunding',
  'pending_review+return_approved': 'awaiting_return',
  'pending_review+declined': 'declined',
  'pending_review+withdrawn': 'closed',
  'pending_review+nothing_to_refund': 'closed',
  'awaiting_return+return_sent': 'returning',
  'awaiting_return+return_expired': 'closed',
  'awaiting_return+withdrawn': 'closed',
  'returning+return_received_for_refund': 'refunding',
  'returning+return_received_for_exchange': 'awaiting_replacement',
  'returning+nothing_to_refund': 'closed',
  'refunding+refund_confirmed': 'refunded',
  'awaiting_replacement+replacement_shipped': 'replacement_shipped',
  'replacement_shipped+replacement_received': 'exchanged',
};

describe('after-sale machine', () => {
  it('allows exactly the listed transitions, for every (state, event) pair', () => {
    for (const state of afterSaleStatusSchema.options)
      for (const event of afterSaleEventSchema.options)
        expect(afterSaleMachine.next(state, event), `${state}+${event}`).toBe(allowed[`${state}+${event}`]);
  });

  it('ends every request refunded, exchanged, declined or closed', () => {
    expect(afterSaleStatusSchema.options.filter((s) => afterSaleMachine.isFinal(s))).toEqual([
      'refunded',
      'exchanged',
      'declined',
      'closed',
    ]);
    expect(AFTER_SALE_OPEN_STATUSES).toEqual([
      'pending_review',
      'awaiting_return',
      'returning',
      'refunding',
      'awaiting_replacement',
      'replacement_shipped',
    ]);
  });

  it('approves and receives by type', () => {
    expect(approvalEvent('refund_only')).toBe('refund_approved');
    expect(approvalEvent('return_refund')).toBe('return_approved');
    expect(approvalEvent('exchange')).toBe('return_approved');
    expect(returnReceivedEvent('return_refund')).toBe('return_received_for_refund');
    expect(returnReceivedEvent('exchange')).toBe('return_received_for_exchange');
  });

  it('labels every type and status in Chinese', () => {
    expect(Object.keys(AFTER_SALE_TYPE_LABELS).sort()).toEqual([...afterSaleTypeSchema.options].sort());
    expect(Object.keys(AFTER_SALE_STATUS_LABELS).sort()).toEqual([...afterSaleStatusSchema.options].sort());
  });
});

describe('deciding an after-sales request', () => {
  const now = 1_000_000;
  const order = {
    _id: 'o1',
    openid: 'shopper',
    merchantId: 'm1',
    title: '奉节脐橙',
    status: 'received' as const,
    total: 5_000,
    afterSaleEndsAt: now + 1,
  };
  const request: AfterSaleRequest = {
    type: 'return_refund',
    reason: 'quality',
    description: '橙子坏了三个',
    photos: ['cloud://env/after-sales/a.jpg'],
    requestKey: 'key-12345678',
  };

  it('allows a type only where the order status does', () => {
    const types = Object.fromEntries(orderStatusSchema.options.map((s) => [s, afterSaleTypesFor(s)]));
    expect(types).toEqual({
      pending_payment: [],
      awaiting_group: [],
      to_ship: ['refund_only'],
      shipped: ['refund_only', 'return_refund'],
      at_pickup_point: ['refund_only', 'return_refund'],
      received: ['refund_only', 'return_refund', 'exchange'],
      picked_up: ['refund_only', 'return_refund', 'exchange'],
      completed: [],
      closed: [],
      refunding: [],
      refunded: [],
    });
    expect(decideAfterSaleRequest({ ...order, status: 'refunding' }, request, now)).toBe('AFTER_SALE_NOT_ALLOWED');
    expect(decideAfterSaleRequest({ ...order, status: 'to_ship' }, request, now)).toBe('AFTER_SALE_NOT_ALLOWED');
  });

  it('refuses once the window has closed, and while another request is open', () => {
    expect(decideAfterSaleRequest({ ...order, afterSaleEndsAt: now }, request, now)).toBe('AFTER_SALE_WINDOW_CLOSED');
    expect(decideAfterSaleRequest({ ...order, afterSaleEndsAt: undefined }, request, now)).toBe(
      'AFTER_SALE_WINDOW_CLOSED',
    );
    // A completed order's window has closed, whatever its end says.
    expect(decideAfterSaleRequest({ ...order, status: 'completed' }, request, now)).toBe('AFTER_SALE_WINDOW_CLOSED');
    expect(decideAfterSaleRequest({ ...order, openAfterSaleId: 'ASo1-1' }, request, now)).toBe(
      'AFTER_SALE_ALREADY_OPEN',
    );
  });

  it('never asks for more than is left of what was paid', () => {
    expect(decideAfterSaleRequest(order, { ...request, amount: 5_001 }, now)).toBe('REFUND_EXCEEDS_PAID');
    expect(decideAfterSaleRequest({ ...order, refundedAmount: 5_000 }, request, now)).toBe('REFUND_EXCEEDS_PAID');
    expect(decideAfterSaleRequest(order, { ...request, amount: 0 }, now)).toBe('REFUND_EXCEEDS_PAID');
    const partial = decideAfterSaleRequest({ ...order, refundedAmount: 1_000 }, { ...request, amount: 1_500 }, now);
    expect(typeof partial !== 'string' && partial.afterSale.amount).toBe(1_500);
    const whole = decideAfterSaleRequest({ ...order, refundedAmount: 1_000 }, request, now);
    expect(typeof whole !== 'string' && whole.afterSale.amount).toBe(4_000);
  });

  it('writes the request numbered after the order, waiting for review, with no amount for an exchange', () => {
    const decided = decideAfterSaleRequest({ ...order, afterSaleCount: 2 }, { ...request, type: 'exchange' }, now);
    if (typeof decided === 'string') throw new Error(decided);
    expect(decided.approveNow).toBe(false);
    expect(decided.afterSale).toMatchObject({
      _id: 'ASo1-3',
      status: 'pending_review',
      title: '奉节脐橙',
      reviewDeadlineAt: now + 48 * 3_600_000,
      dueAt: now + 48 * 3_600_000,
      history: [{ at: now, event: 'submitted', status: 'pending_review', by: 'shopper' }],
    });
    expect(decided.afterSale.amount).toBeUndefined();
    expect(afterSaleIdFor('x'.repeat(64), 1)).toHaveLength(64);
  });

  it('approves a refund before shipping at once, for everything that is left', () => {
    const decided = decideAfterSaleRequest(
      { ...order, status: 'to_ship', afterSaleEndsAt: undefined },
      { ...request, type: 'refund_only', amount: 10 },
      now,
    );
    if (typeof decided === 'string') throw new Error(decided);
    expect(decided.approveNow).toBe(true);
    expect(decided.afterSale.amount).toBe(5_000);
  });

  it('offers exactly the types a request would be accepted for', () => {
    for (const status of orderStatusSchema.options)
      for (const patch of [
        {},
        { afterSaleEndsAt: now },
        { openAfterSaleId: 'ASo1-1' },
        { refundedAmount: 5_000 },
        { refundedAmount: 4_000 },
      ]) {
        const on = { ...order, status, ...patch };
        const offered = afterSaleTypesOffered(on, now);
        for (const type of afterSaleTypeSchema.options) {
          const decided = decideAfterSaleRequest(on, { ...request, type, amount: undefined }, now);
          expect(typeof decided !== 'string', `${status} ${JSON.stringify(patch)} ${type}`).toBe(
            offered.includes(type),
          );
        }
      }
  });
});
