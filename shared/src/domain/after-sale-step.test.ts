import { describe, expect, it } from 'vitest';
import {
  AFTER_SALE_TIMED_STATUSES,
  afterSaleDueAt,
  applyStep,
  approvalStep,
  decideAfterSaleSubmission,
  dueAction,
  refundStep,
  returnReceivedStep,
  returnStillOpen,
  shopperActionsFor,
  staffActionsFor,
  stepAfterSale,
} from './after-sale-step';
import {
  AFTER_SALE_REFUND_CHECK_MS,
  AFTER_SALE_REVIEW_MS,
  afterSaleMachine,
  afterSaleStatusSchema,
  RETURN_SEND_MS,
} from './after-sale.machine';
import { type AfterSale, type AfterSaleRequest, isOwnAfterSalePhoto, refusedAfterSalePhoto } from './after-sale.schema';
import { AUTO_RECEIVE_AFTER_MS } from './shipment.schema';

const now = 10_000_000;
const order = {
  _id: 'O1',
  openid: 'o-shopper',
  merchantId: 'm1',
  title: '奉节脐橙',
  status: 'received' as const,
  total: 5_000,
  transactionId: 'tx-1',
  afterSaleEndsAt: now + 1,
};
const request: AfterSaleRequest = {
  type: 'refund_only',
  reason: 'quality',
  description: '坏了三个',
  photos: [],
  amount: 2_000,
  requestKey: 'key-12345678',
};

function submitted(overrides: Partial<AfterSaleRequest> = {}, on: Partial<typeof order> = {}): AfterSale {
  const decided = decideAfterSaleSubmission({ ...order, ...on }, { ...request, ...overrides }, now);
  if (typeof decided === 'string') throw new Error(decided);
  return decided.afterSale;
}

function step(
  afterSale: AfterSale,
  ...args: Parameters<typeof stepAfterSale> extends [AfterSale, ...infer R] ? R : never
) {
  const taken = stepAfterSale(afterSale, ...args);
  if (typeof taken === 'string') throw new Error(taken);
  return applyStep(afterSale, taken);
}

describe("a shopper's photos", () => {
  const env = 'prod-1a2b';
  const mine = `cloud://${env}.7072-prod-1a2b-1250000000/after-sales/o-shopper/1701-ab_c.jpg`;

  it('are files of this environment in their own after-sales folder, images by name, each once', () => {
    expect(isOwnAfterSalePhoto(mine, env, 'o-shopper')).toBe(true);
    expect(isOwnAfterSalePhoto(mine.replace('.jpg', '.PNG'), env, 'o-shopper')).toBe(true);
    expect(isOwnAfterSalePhoto(mine, 'other-env', 'o-shopper')).toBe(false);
    expect(isOwnAfterSalePhoto(mine, '', 'o-shopper')).toBe(false);
    expect(isOwnAfterSalePhoto(mine, env, 'o-other')).toBe(false);
    expect(isOwnAfterSalePhoto(mine.replace('o-shopper/', 'o-shopper-2/'), env, 'o-shopper')).toBe(false);
    for (const bad of [
      `cloud://${env}.b/products/m1/p1/a.jpg`,
      `cloud://${env}.b/after-sales/o-shopper/../x.jpg`,
      `cloud://${env}.b/after-sales/o-shopper/sub/x.jpg`,
      `cloud://${env}.b/after-sales/o-shopper/x.exe`,
      `https://example.com/after-sales/o-shopper/x.jpg`,
    ])
      expect(isOwnAfterSalePhoto(bad, env, 'o-shopper'), bad).toBe(false);
    expect(refusedAfterSalePhoto([mine], env, 'o-shopper')).toBeUndefined();
    expect(refusedAfterSalePhoto([mine, mine], env, 'o-shopper')).toBe(mine);
  });
});

describe('a request as submitted', () => {
  it('waits for review, due at its deadline', () => {
    const afterSale = submitted();
    expect(afterSale).toMatchObject({ status: 'pending_review', amount: 2_000, dueAt: now + AFTER_SALE_REVIEW_MS });
    expect(afterSale.outbox).toBeUndefined();
  });

  it('is approved at once before shipping, refunding all that is left, with no message', () => {
    const decided = decideAfterSaleSubmission({ ...order, status: 'to_ship', refundedAmount: 1_000 }, request, now);
    if (typeof decided === 'string') throw new Error(decided);
    expect(decided.afterSale).toMatchObject({
      status: 'refunding',
      amount: 4_000,
      refundAmount: 4_000,
      outRefundNo: 'RO1-1',
      dueAt: now + AFTER_SALE_REFUND_CHECK_MS,
    });
    expect(decided.afterSale.history.map((h) => [h.event, h.status, h.by])).toEqual([
      ['submitted', 'pending_review', 'shopper'],
      ['refund_approved', 'refunding', 'system'],
    ]);
    expect(decided.afterSale.outbox).toBeUndefined();
    expect(decided.refund).toMatchObject({
      event: 'refunded_in_full',
      orderPatch: { refundedAmount: 5_000, refundCount: 1, requestKey: decided.afterSale._id },
      refund: { amount: 4_000, completesOrder: true, afterSaleId: decided.afterSale._id, requestedBy: 'system' },
    });
  });
});

describe('steps', () => {
  it('refuses what the status does not allow', () => {
    const afterSale = submitted();
    expect(stepAfterSale(afterSale, 'return_sent', { by: 'shopper', now })).toBe('AFTER_SALE_NOT_ACTIONABLE');
    expect(stepAfterSale(afterSale, 'refund_confirmed', { by: 'cloudpay', now })).toBe('AFTER_SALE_NOT_ACTIONABLE');
  });

  it('declines with the reason in the history and the message, and ends the request', () => {
    const taken = stepAfterSale(submitted(), 'declined', {
      by: 'staff:m01',
      now: now + 5,
      note: '照片看不出问题',
      set: { declineReason: '照片看不出问题' },
      actionKey: 'k-12345678',
    });
    if (typeof taken === 'string') throw new Error(taken);
    expect(taken).toMatchObject({ status: 'declined', ends: true, dueAt: undefined, from: 'pending_review' });
    expect(taken.messages).toEqual([
      { id: 'after_sale_declined', event: 'after_sale_declined', at: now + 5, note: '照片看不出问题' },
    ]);
    const after = applyStep(submitted(), taken);
    expect(after).toMatchObject({ status: 'declined', outboxPending: true, actionKeys: ['k-12345678'] });
    expect(after.dueAt).toBeUndefined();
  });

  it('walks a return: approved with 7 days to send, sent, received and refunded (with the amount in the message)', () => {
    let afterSale = submitted({ type: 'return_refund' });
    const approved = approvalStep(afterSale, order, { by: 'system', now });
    if (typeof approved === 'string') throw new Error(approved);
    expect(approved.refund).toBeUndefined();
    afterSale = applyStep(afterSale, approved.step);
    expect(afterSale).toMatchObject({ status: 'awaiting_return', returnDeadlineAt: now + RETURN_SEND_MS });
    expect(afterSale.dueAt).toBe(now + RETURN_SEND_MS);
    expect(afterSale.outbox?.map((m) => m.event)).toEqual(['after_sale_approved']);
    expect(returnStillOpen(afterSale, now + RETURN_SEND_MS - 1)).toBe(true);
    expect(returnStillOpen(afterSale, now + RETURN_SEND_MS)).toBe(false);
    const parcel = { carrier: 'shunfeng' as const, trackingNo: 'SF1234567', shippedAt: now, by: 'shopper' };
    afterSale = step(afterSale, 'return_sent', { by: 'shopper', now, set: { returnParcel: parcel } });
    expect(afterSale.dueAt).toBeUndefined();
    const received = returnReceivedStep(
      afterSale,
      { ...order, refundedAmount: 1_000, refundCount: 1 },
      {
        by: 'staff:m01',
        now,
      },
    );
    if (typeof received === 'string') throw new Error(received);
    expect(received.refund?.refund).toMatchObject({ outRefundNo: 'RO1-2', amount: 2_000, completesOrder: false });
    afterSale = applyStep(afterSale, received.step);
    afterSale = step(afterSale, 'refund_confirmed', { by: 'cloudpay', now });
    expect(afterSale.status).toBe('refunded');
    expect(afterSale.outbox?.at(-1)).toMatchObject({ event: 'after_sale_refunded', note: '¥20.00已原路退回' });
  });

  it('refunds only what is left when staff refunded part meanwhile, and closes the request when nothing is', () => {
    const afterSale = submitted({ amount: 3_000 });
    const capped = refundStep(afterSale, { ...order, refundedAmount: 4_000 }, 'refund_approved', {
      by: 'system',
      now,
    });
    if (typeof capped === 'string') throw new Error(capped);
    expect(capped.refund?.refund).toMatchObject({ amount: 1_000, completesOrder: true });
    expect(capped.refund?.event).toBe('refunded_in_full');
    expect(capped.step.set).toMatchObject({ refundAmount: 1_000 });
    for (const drained of [
      { ...order, refundedAmount: 5_000 },
      { ...order, status: 'refunding' as const, refundedAmount: 5_000 },
    ]) {
      const closed = refundStep(afterSale, drained, 'refund_approved', { by: 'system', now });
      if (typeof closed === 'string') throw new Error(closed);
      expect(closed.refund).toBeUndefined();
      expect(closed.step).toMatchObject({ event: 'nothing_to_refund', status: 'closed', ends: true, messages: [] });
    }
    expect(refundStep(applyStep(afterSale, capped.step), order, 'refund_approved', { by: 'system', now })).toBe(
      'AFTER_SALE_NOT_ACTIONABLE',
    );
  });

  it('ships a replacement, received by itself 10 days later', () => {
    let afterSale = submitted({ type: 'exchange', amount: undefined });
    afterSale = step(afterSale, 'return_approved', { by: 'system', now });
    afterSale = step(afterSale, 'return_sent', { by: 'shopper', now });
    const received = returnReceivedStep(afterSale, order, { by: 'staff:m01', now });
    if (typeof received === 'string') throw new Error(received);
    expect(received.refund).toBeUndefined();
    afterSale = applyStep(afterSale, received.step);
    expect(afterSale.status).toBe('awaiting_replacement');
    const parcel = { carrier: 'yunda' as const, trackingNo: 'YD9876543', shippedAt: now + 7, by: 'staff:m01' };
    afterSale = step(afterSale, 'replacement_shipped', { by: 'staff:m01', now, set: { replacementParcel: parcel } });
    expect(afterSale.dueAt).toBe(now + 7 + AUTO_RECEIVE_AFTER_MS);
    expect(afterSale.outbox?.at(-1)).toMatchObject({
      event: 'after_sale_replacement_shipped',
      note: '韵达快递 YD9876543',
    });
    expect(dueAction(afterSale, now + 6 + AUTO_RECEIVE_AFTER_MS)).toBeUndefined();
    expect(dueAction(afterSale, now + 7 + AUTO_RECEIVE_AFTER_MS)).toBe('receive_replacement');
  });
});

describe('what is due and who may do what', () => {
  it('times exactly the statuses the job acts on', () => {
    const timed = afterSaleStatusSchema.options.filter(
      (status) => afterSaleDueAt({ ...submitted(), status, returnDeadlineAt: 1 }, now) !== undefined,
    );
    expect(timed.sort()).toEqual([...AFTER_SALE_TIMED_STATUSES].sort());
    expect(timed.every((s) => !afterSaleMachine.isFinal(s))).toBe(true);
    const due = { ...submitted(), dueAt: now };
    expect(dueAction(due, now)).toBe('approve');
    expect(dueAction(due, now - 1)).toBeUndefined();
    expect(dueAction({ ...due, status: 'awaiting_return' }, now)).toBe('expire_return');
    expect(dueAction({ ...due, status: 'refunding' }, now)).toBe('check_refund');
    expect(dueAction({ ...due, status: 'returning' }, now)).toBeUndefined();
  });

  it('offers staff and the shopper only what the status allows', () => {
    const pending = submitted({ type: 'exchange' });
    expect(staffActionsFor(pending)).toEqual(['approve', 'decline']);
    expect(staffActionsFor({ ...pending, status: 'returning' })).toEqual(['confirm_return']);
    expect(staffActionsFor({ ...pending, status: 'awaiting_replacement' })).toEqual(['ship_replacement']);
    expect(staffActionsFor({ ...pending, type: 'refund_only', status: 'returning' })).toEqual([]);
    expect(staffActionsFor({ ...pending, status: 'refunding' })).toEqual([]);
    expect(shopperActionsFor(pending, now)).toEqual(['withdraw']);
    expect(shopperActionsFor({ ...pending, status: 'awaiting_return', returnDeadlineAt: now + 1 }, now)).toEqual([
      'withdraw',
      'submit_return',
    ]);
    expect(shopperActionsFor({ ...pending, status: 'awaiting_return', returnDeadlineAt: now }, now)).toEqual([
      'withdraw',
    ]);
    expect(shopperActionsFor({ ...pending, status: 'replacement_shipped' }, now)).toEqual(['confirm_replacement']);
  });
});
