/**
 * refundCallback through the emulator: CloudPay's refund notification completes the order once, however
 * often it comes; a refund CloudPay could not complete is left failed for the retry job, and a later success
 * still completes it; a shopper calling the function directly is refused.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { job, ledgerRefunds, refunding } from '../testing/ops';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

/** CloudPay's notification about the order's refund (the decrypted req_info, as the sandbox sends it). */
function notification(orderId: string, refundStatus: string): Record<string, unknown> {
  const refund = platform.emulator.pay.order(orderId)?.refunds.get(`R${orderId}`);
  return {
    returnCode: 'SUCCESS',
    outTradeNo: orderId,
    outRefundNo: `R${orderId}`,
    refundId: refund?.refundId,
    refundFee: refund?.refundFee,
    refundStatus,
    ...(refundStatus === 'SUCCESS' ? { successTime: '2026-11-25 12:00:00' } : {}),
  };
}

/** Delivers a notification as the payment platform does, and answers the function's reply. */
async function deliver(event: Record<string, unknown>) {
  const { result } = await platform.emulator.runner.invoke('refundCallback', event, { source: 'wx_paycallback' });
  return result as { errcode: number };
}

/** Everything a refund notification could touch. */
const snapshot = async (orderId: string) => ({
  order: await platform.get('orders', orderId),
  refunds: await platform.find('refunds', { orderId }),
  ledgerRefunds: ledgerRefunds(platform, orderId),
});

describe('refundCallback', () => {
  it('completes the order once when the success notification is delivered 5 times', async () => {
    const orderId = await refunding(platform, { duplicateCallbacks: 4 });
    const deliveries = platform.emulator.pay.delivery
      .history()
      .filter((h) => h.kind === 'refund' && h.key === `R${orderId}`);
    expect(deliveries.map((d) => d.outcome)).toEqual(Array(5).fill('acknowledged'));
    const refundId = platform.emulator.pay.order(orderId)?.refunds.get(`R${orderId}`)?.refundId;
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded', refundedAt: expect.any(Number) });
    expect(await platform.find('refunds', { orderId })).toEqual([
      expect.objectContaining({ status: 'succeeded', refundId, successTime: expect.any(String) }),
    ]);
    expect(ledgerRefunds(platform, orderId)).toBe(1);

    // A sixth delivery, later, changes nothing either.
    const after = await snapshot(orderId);
    expect(await deliver(notification(orderId, 'SUCCESS'))).toMatchObject({ errcode: 0 });
    expect(await snapshot(orderId)).toEqual(after);
  });

  it('leaves a refund CloudPay could not complete failed for the retry job; a later success still completes it', async () => {
    // The sandbox's own notification is lost: the refund waits, `processing`, for CloudPay's word.
    const orderId = await refunding(platform, { crashDeliveries: 10, crashMode: 'before' });
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({ status: 'processing' });
    platform.emulator.pay.setFaults({});

    expect(await deliver(notification(orderId, 'CHANGE'))).toMatchObject({ errcode: 0 });
    const failed = await platform.get('refunds', `R${orderId}`);
    expect(failed).toMatchObject({ status: 'failed', lastError: 'CHANGE' });
    expect(failed?.nextAttemptAt).toBeLessThanOrEqual(Date.now()); // due for the retry job now
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunding' });

    expect(await deliver(notification(orderId, 'SUCCESS'))).toMatchObject({ errcode: 0 });
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({
      status: 'succeeded',
      refundId: expect.any(String),
    });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded', refundedAt: expect.any(Number) });
    // Nothing is left for the retry job, and the shopper was refunded once.
    expect(await job(platform, 'retryRefunds')).toMatchObject({ changed: 0 });
    expect(ledgerRefunds(platform, orderId)).toBe(1);
  });

  it('refuses a shopper (or anyone) calling it directly, and nothing changes', async () => {
    const orderId = await refunding(platform, { crashDeliveries: 10, crashMode: 'before' });
    platform.emulator.pay.setFaults({});
    const before = await snapshot(orderId);
    const forged = notification(orderId, 'SUCCESS');
    const shopper = await platform.call<{ errcode: number }>('refundCallback', 'o-forger', forged);
    expect(shopper.body.errcode).not.toBe(0);
    const nobody = await platform.call<{ errcode: number }>('refundCallback', undefined, forged);
    expect(nobody.body.errcode).not.toBe(0);
    expect(await snapshot(orderId)).toEqual(before);
    expect(before.order).toMatchObject({ status: 'refunding' });
  });
});
