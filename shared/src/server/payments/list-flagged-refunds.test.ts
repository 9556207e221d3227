/**
 * Flagged refunds through the console: listed for ops and customer service, asked again now (retryRefund),
 * or settled outside the system with a reference (settleRefundOffline, ops only); each once.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { receivedOrder, requested, staffAct } from '../testing/after-sales';
import { job, refunding } from '../testing/ops';
import { adminCall, addStaff, signIn } from '../testing/staff';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
const PASSWORD = 'Flagged2026x';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  await addStaff(platform, 'flag-ops', PASSWORD);
  await addStaff(platform, 'flag-service', PASSWORD, { role: 'service' });
  await addStaff(platform, 'flag-merchant', PASSWORD, { role: 'merchant', merchantId: 'm-x' });
  for (const account of ['ops', 'service', 'merchant'])
    tokens[account] = await signIn(platform, `flag-${account}`, PASSWORD);
});
beforeEach(() => platform.emulator.pay.setFaults({}));

/** A failed group's refund that CloudPay refused until the retry job handed it to ops. */
async function flaggedRefund(): Promise<string> {
  const orderId = await refunding(platform, { refundFailureRate: 1 });
  await platform.update('refunds', { orderId }, { $set: { attempts: 4, nextAttemptAt: 0 } });
  await job(platform, 'retryRefunds');
  const [refund] = await platform.find('refunds', { orderId });
  expect(refund).toMatchObject({ status: 'flagged' });
  return refund?._id as string;
}

type Listed = { items: { outRefundNo: string; status: string }[] };

describe('flagged refunds', () => {
  it('are listed for ops and customer service, not for a merchant', async () => {
    const no = await flaggedRefund();
    const listed = await adminCall<Listed>(platform, 'listFlaggedRefunds', {}, tokens.service);
    expect(listed.body.ok && listed.body.data.items.map((i) => i.outRefundNo)).toContain(no);
    expect((await adminCall(platform, 'listFlaggedRefunds', {}, tokens.merchant)).status).toBe(403);
  });

  it('are asked again now once CloudPay takes refunds again, and complete the order', async () => {
    const no = await flaggedRefund();
    platform.emulator.pay.setFaults({});
    const retried = await Promise.all(
      [1, 2].map(() => adminCall(platform, 'retryRefund', { outRefundNo: no }, tokens.ops)),
    );
    expect(retried.map((r) => (r.body.ok ? 'ok' : r.body.error.code)).sort()).toEqual(['CONFLICT', 'ok']);
    await platform.settle();
    const [refund] = await platform.find('refunds', { _id: no });
    expect(refund).toMatchObject({ status: 'succeeded' });
    expect(await platform.get('orders', refund?.orderId as string)).toMatchObject({ status: 'refunded' });
    expect(platform.emulator.pay.order(refund?.orderId as string)?.refunds.size).toBe(1);
  });

  it('are settled outside the system by ops with a reference, once; customer service may not', async () => {
    const no = await flaggedRefund();
    const service = await adminCall(
      platform,
      'settleRefundOffline',
      { outRefundNo: no, reference: 'BANK-20261202-01' },
      tokens.service,
    );
    expect(service.status).toBe(403);
    const settled = await adminCall(
      platform,
      'settleRefundOffline',
      { outRefundNo: no, reference: 'BANK-20261202-01' },
      tokens.ops,
    );
    expect(settled.body).toMatchObject({
      ok: true,
      data: { refund: { status: 'settled_offline', offlineReference: 'BANK-20261202-01' } },
    });
    const again = await adminCall(
      platform,
      'settleRefundOffline',
      { outRefundNo: no, reference: 'BANK-2' },
      tokens.ops,
    );
    expect([again.status, again.body.ok || again.body.error.code]).toEqual([409, 'CONFLICT']);
    const [refund] = await platform.find('refunds', { _id: no });
    expect(await platform.get('orders', refund?.orderId as string)).toMatchObject({ status: 'refunded' });
    const audit = await platform.find('audit_logs', { target: `refund/${no}` });
    expect(audit.map((a) => [a.action, a.account])).toEqual([['settleRefundOffline', 'flag-ops']]);
  });

  it("settled offline, an after-sales request's refund refunds the request and frees its order", async () => {
    const { orderId } = await receivedOrder(platform, 'o-flag-as');
    const afterSaleId = await requested(platform, 'o-flag-as', orderId, { amount: 1_000 });
    platform.emulator.pay.setFaults({ refundFailureRate: 1 });
    await staffAct(platform, 'approveAfterSale', afterSaleId, tokens.service ?? '');
    await platform.update('refunds', { orderId }, { $set: { attempts: 4, nextAttemptAt: 0 } });
    await job(platform, 'retryRefunds');
    expect(await platform.get('refunds', `R${orderId}-1`)).toMatchObject({ status: 'flagged', afterSaleId });
    const settled = await adminCall(
      platform,
      'settleRefundOffline',
      { outRefundNo: `R${orderId}-1`, reference: 'BANK-20261202-02' },
      tokens.ops,
    );
    expect(settled.status).toBe(200);
    const afterSale = await platform.get('after_sales', afterSaleId);
    expect(afterSale).toMatchObject({ status: 'refunded' });
    expect((afterSale?.history as { by: string }[]).at(-1)).toMatchObject({ by: 'staff:flag-ops' });
    const order = await platform.get('orders', orderId);
    expect(order).toMatchObject({ status: 'received', refundedAmount: 1_000 });
    expect(order?.openAfterSaleId).toBeUndefined();
  });
});
