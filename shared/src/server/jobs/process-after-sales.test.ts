/**
 * processAfterSales through the emulator: a request unanswered for 48 hours is approved by the system (a
 * refund-only one refunded once, however many runs race), a return unsent for 7 days closes, a replacement
 * is received 10 days after it shipped; a refund whose completion was cut short is finished by the job, one
 * still under way is looked at later; a dry run changes nothing; a run twice does nothing twice.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { receivedOrder, refundedOn, requested, staffAct } from '../testing/after-sales';
import { data } from '../testing/envelopes';
import { job } from '../testing/ops';
import { answer } from '../testing/shopper';
import { addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let token = '';
beforeAll(async () => {
  await addStaff(platform, 'pas-ops', 'Process2026xx');
  token = await signIn(platform, 'pas-ops', 'Process2026xx');
});
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

/** The request's time has come (its review, its return, its replacement, its refund check). */
const due = (afterSaleId: string) =>
  platform.update(
    'after_sales',
    { _id: afterSaleId },
    { $set: { dueAt: Date.now() - 1, returnDeadlineAt: Date.now() - 1 } },
  );
const events = async (afterSaleId: string) =>
  ((await platform.get('after_sales', afterSaleId))?.history as { event: string; by: string }[]).map((h) => [
    h.event,
    h.by,
  ]);

describe('processAfterSales', () => {
  it('approves requests unanswered for 48 hours: a refund once however many runs race, a return waits for the goods', async () => {
    const refundOnly = await receivedOrder(platform, 'o-pas-a');
    const refundId = await requested(platform, 'o-pas-a', refundOnly.orderId, { amount: 2_500 });
    const ret = await receivedOrder(platform, 'o-pas-b');
    const returnId = await requested(platform, 'o-pas-b', ret.orderId, { type: 'return_refund' });
    expect(await job(platform, 'processAfterSales', { dryRun: true })).toMatchObject({ changed: 0 });
    await Promise.all([due(refundId), due(returnId)]);
    const dry = await job(platform, 'processAfterSales', { dryRun: true });
    expect(dry).toMatchObject({ scanned: 2, changed: 0, remaining: 2 });
    expect((await platform.get('after_sales', refundId))?.status).toBe('pending_review');

    const reports = await Promise.all([1, 2, 3].map(() => job(platform, 'processAfterSales')));
    expect(reports.reduce((sum, r) => sum + (r.approved as number), 0)).toBe(2);
    expect(reports.map((r) => r.remaining)).toEqual([0, 0, 0]);
    await platform.settle();
    expect(await events(refundId)).toEqual([
      ['submitted', 'shopper'],
      ['refund_approved', 'system'],
      ['refund_confirmed', 'cloudpay'],
    ]);
    expect(await refundedOn(platform, refundOnly.orderId)).toEqual({
      recorded: 2_500,
      count: 1,
      ledger: 2_500,
      ledgerCount: 1,
    });
    expect(await platform.get('refunds', `R${refundOnly.orderId}-1`)).toMatchObject({ requestedBy: 'system' });
    expect(await platform.get('after_sales', returnId)).toMatchObject({
      status: 'awaiting_return',
      returnDeadlineAt: expect.any(Number),
    });
    expect(await job(platform, 'processAfterSales')).toMatchObject({ scanned: 0, changed: 0 });
  });

  it('closes a return not sent in 7 days and receives a replacement 10 days after it shipped', async () => {
    const ret = await receivedOrder(platform, 'o-pas-c');
    const unsent = await requested(platform, 'o-pas-c', ret.orderId, { type: 'return_refund' });
    await staffAct(platform, 'approveAfterSale', unsent, token);
    const ex = await receivedOrder(platform, 'o-pas-d');
    const exchange = await requested(platform, 'o-pas-d', ex.orderId, { type: 'exchange' });
    await staffAct(platform, 'approveAfterSale', exchange, token);
    data(
      await answer(platform, 'submitReturnParcel', 'o-pas-d', {
        afterSaleId: exchange,
        carrier: 'yuantong',
        trackingNo: 'YT1234567890',
      }),
    );
    await staffAct(platform, 'confirmReturnReceived', exchange, token);
    await staffAct(platform, 'shipReplacement', exchange, token, { carrier: 'yuantong', trackingNo: 'YT0987654321' });
    expect(await job(platform, 'processAfterSales')).toMatchObject({ scanned: 0 });
    await Promise.all([due(unsent), due(exchange)]);

    expect(await job(platform, 'processAfterSales')).toMatchObject({
      closed: 1,
      exchanged: 1,
      changed: 2,
      remaining: 0,
    });
    expect(await job(platform, 'processAfterSales')).toMatchObject({ scanned: 0, changed: 0 });
    expect((await events(unsent)).at(-1)).toEqual(['return_expired', 'system']);
    expect((await events(exchange)).at(-1)).toEqual(['replacement_received', 'system']);
    for (const orderId of [ret.orderId, ex.orderId]) {
      expect((await platform.get('orders', orderId))?.openAfterSaleId).toBeUndefined();
    }
  });

  it('finishes a request whose refund completed without moving it, and looks again later at one still under way', async () => {
    const { orderId } = await receivedOrder(platform, 'o-pas-e');
    const afterSaleId = await requested(platform, 'o-pas-e', orderId, { amount: 1_000 });
    // Refund notifications never arrive: the refund stays processing with CloudPay done.
    platform.emulator.pay.setFaults({ crashDeliveries: 10, crashMode: 'before' });
    await staffAct(platform, 'approveAfterSale', afterSaleId, token);
    await platform.settle();
    platform.emulator.pay.setFaults({});
    expect((await platform.get('refunds', `R${orderId}-1`))?.status).toBe('processing');

    await due(afterSaleId);
    expect(await job(platform, 'processAfterSales')).toMatchObject({ scanned: 1, changed: 0 });
    const postponed = await platform.get('after_sales', afterSaleId);
    expect(postponed).toMatchObject({ status: 'refunding' });
    expect(postponed?.dueAt as number).toBeGreaterThan(Date.now());

    // Crash halfway through completing it: the refund says succeeded, the request never moved.
    await platform.update('refunds', { _id: `R${orderId}-1` }, { $set: { status: 'succeeded' } });
    await due(afterSaleId);
    const runs = await Promise.all([job(platform, 'processAfterSales'), job(platform, 'processAfterSales')]);
    expect(runs.reduce((sum, r) => sum + (r.refunded as number), 0)).toBe(1);
    expect((await events(afterSaleId)).at(-1)).toEqual(['refund_confirmed', 'system']);
    expect((await platform.get('orders', orderId))?.openAfterSaleId).toBeUndefined();
    const outbox = (await platform.get('after_sales', afterSaleId))?.outbox as { event: string }[];
    expect(outbox.filter((m) => m.event === 'after_sale_refunded')).toHaveLength(1);
  });

  it('leaves a refund CloudPay refused to retryRefunds, which completes the request when it goes through', async () => {
    const { orderId } = await receivedOrder(platform, 'o-pas-f');
    const afterSaleId = await requested(platform, 'o-pas-f', orderId, { amount: 800 });
    platform.emulator.pay.setFaults({ refundFailureRate: 1 });
    await staffAct(platform, 'approveAfterSale', afterSaleId, token);
    expect((await platform.get('refunds', `R${orderId}-1`))?.status).toBe('failed');
    platform.emulator.pay.setFaults({});
    await platform.update('refunds', { _id: `R${orderId}-1` }, { $set: { nextAttemptAt: Date.now() - 1 } });
    await job(platform, 'retryRefunds');
    await platform.settle();
    expect((await platform.get('after_sales', afterSaleId))?.status).toBe('refunded');
    expect(await refundedOn(platform, orderId)).toEqual({ recorded: 800, count: 1, ledger: 800, ledgerCount: 1 });
  });
});
