/**
 * retryRefunds through the emulator: a refund CloudPay refused is asked again until it succeeds, once; a
 * refund whose notification was lost is confirmed with CloudPay; after 5 failed attempts ops are told.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { job, ledgerRefunds, refunding } from '../testing/ops';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
beforeEach(() => {
  platform.emulator.pay.setFaults({});
});

describe('retryRefunds', () => {
  it('a refund API that fails 3 times and then succeeds: one refund', async () => {
    const orderId = await refunding(platform, { refundFailureRate: 1 });
    const retryNow = () => platform.update('refunds', { orderId }, { $set: { nextAttemptAt: Date.now() - 1 } });
    for (let attempt = 2; attempt <= 3; attempt++) {
      await retryNow();
      await job(platform, 'retryRefunds');
      expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({ status: 'failed', attempts: attempt });
    }
    platform.emulator.pay.setFaults({});
    await retryNow();
    expect(await job(platform, 'retryRefunds')).toMatchObject({ changed: 1 });
    await platform.settle();
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({ status: 'succeeded', attempts: 4 });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded' });
    expect(ledgerRefunds(platform, orderId)).toBe(1);
  });

  it('confirms with CloudPay a refund whose notification was lost', async () => {
    const orderId = await refunding(platform, { crashDeliveries: 10, crashMode: 'before' });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunding' });
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({ status: 'processing' });
    await platform.update('refunds', { orderId }, { $set: { nextAttemptAt: Date.now() - 1 } });
    expect(await job(platform, 'retryRefunds')).toMatchObject({ changed: 1 });
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'refunded' });
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({
      status: 'succeeded',
      refundId: expect.any(String),
    });
    expect(ledgerRefunds(platform, orderId)).toBe(1);
  });

  it('flags a refund for ops after 5 failed attempts, with the reason', async () => {
    const orderId = await refunding(platform, { refundFailureRate: 1 });
    for (let i = 0; i < 4; i++) {
      await platform.update('refunds', { orderId }, { $set: { nextAttemptAt: Date.now() - 1 } });
      await job(platform, 'retryRefunds');
    }
    expect(await platform.get('refunds', `R${orderId}`)).toMatchObject({
      status: 'flagged',
      attempts: 5,
      lastError: expect.any(String),
    });
    expect(ledgerRefunds(platform, orderId)).toBe(0);
  });
});
