/**
 * Many payouts at once through the adapter, against a 商家转账 sandbox that loses answers after keeping the bill,
 * duplicates notifications and crashes their receiver: each payout keeps its number and asks again until
 * answered, then its user confirms, its merchant cancels, both at once, or neither. Whatever happened, each
 * number is one bill, the money that left is exactly what succeeded (and what still waits), and every final
 * bill's notifications, verified and decrypted, all say the state a query says.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePlatform } from '../testing/use-platform';
import { type PayoutBill, PayoutProviderError, type SignedNotification } from './payouts';
import { wechatpayTransferClient, wechatpayTransferConfig } from './wechatpay-transfer';

const BILLS = Number(process.env.PAYOUT_BILLS ?? 300);
/** Payouts under way at once (each call signs and verifies with RSA on both sides: 300 at once time out). */
const CONCURRENCY = 16;
const platform = usePlatform({ transfer: { hangMs: 1500 } });
const received: SignedNotification[] = [];
let receiver: Server;
let notifyUrl = '';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
      );
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/payout-callback`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

/** Asks until answered, as a payout job would: the same number every time, after any failure that passes. */
async function untilAnswered<T>(ask: () => Promise<T>, attempts: { count: number }): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    attempts.count += 1;
    try {
      return await ask();
    } catch (error) {
      if (!(error instanceof PayoutProviderError) || !(error.transient || error.outcomeUnknown)) throw error;
      if (attempt >= 30) throw new Error(`still failing after 30 attempts: ${error.failure} ${error.message}`);
    }
  }
}

describe('payouts under faults', () => {
  it('pay each number once and exactly what succeeded', { timeout: 300_000 }, async () => {
    const sandbox = platform.emulator.transfer;
    const gateway = wechatpayTransferClient({
      ...wechatpayTransferConfig(sandbox.functionEnv(platform.emulator.url)),
      timeoutMs: 1000,
    });
    sandbox.configure({ rateLimitPerSecond: 10_000 });
    const balance = sandbox.currentSettings().balanceFen;
    sandbox.setFaults({
      failureRate: 0.3,
      failureMode: 'after',
      failureAnswer: 'timeout',
      failureApis: ['create', 'cancel'],
      duplicateCallbacks: 1,
      crashDeliveries: 1,
      crashMode: 'after',
      seed: 17,
    });
    const attempts = { count: 0 };
    const plans = ['confirm', 'cancel', 'both', 'neither'] as const;
    const payout = async (i: number) => {
      const outBillNo = `SLOW${String(i).padStart(5, '0')}`;
      const amountFen = 10 + ((i * 7919) % 5000);
      const bill: PayoutBill = await untilAnswered(
        () =>
          gateway.create({
            outBillNo,
            openid: `o-leader-${i % 17}`,
            amountFen,
            remark: '团长佣金提现',
            sceneId: '1005',
            reportInfos: [
              { type: '岗位类型', content: '社区团长' },
              { type: '报酬说明', content: '拼团佣金' },
            ],
            notifyUrl,
          }),
        attempts,
      );
      const plan = plans[i % plans.length] ?? 'neither';
      const confirm = async () => {
        await fetch(`${platform.emulator.url}/_emulator/wechatpay/transfer/confirm`, {
          method: 'POST',
          body: JSON.stringify({ package: bill.packageInfo, openid: `o-leader-${i % 17}` }),
        });
      };
      const cancel = async () => {
        try {
          await untilAnswered(() => gateway.cancel(outBillNo), attempts);
        } catch (error) {
          // Refused once the user confirmed first: the transfer runs.
          if (!(error instanceof PayoutProviderError && error.failure === 'rejected')) throw error;
        }
      };
      if (plan === 'confirm') await confirm();
      else if (plan === 'cancel') await cancel();
      else if (plan === 'both') await Promise.all([confirm(), cancel()]);
      return { outBillNo, amountFen };
    };
    const runs: { outBillNo: string; amountFen: number }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < BILLS; i = next++) runs.push(await payout(i));
      }),
    );
    sandbox.setFaults({});
    await platform.settle();

    expect(attempts.count).toBeGreaterThan(BILLS); // the faults did fail calls
    const bills = sandbox.list();
    expect(bills).toHaveLength(BILLS);
    let out = 0;
    const notices = received.map((n) => gateway.readNotification(n));
    for (const { outBillNo, amountFen } of runs) {
      const final = await untilAnswered(() => gateway.query(outBillNo), attempts);
      expect(final?.amountFen).toBe(amountFen);
      const states = new Set(notices.filter((n) => n.bill.outBillNo === outBillNo).map((n) => n.bill.state));
      if (final?.state === 'WAIT_USER_CONFIRM') {
        out += amountFen;
        expect(states.size).toBe(0);
      } else {
        if (final?.state === 'SUCCESS') out += amountFen;
        else expect(final?.state).toBe('CANCELLED');
        expect([...states]).toEqual([final?.state]);
      }
    }
    expect(sandbox.currentSettings().balanceFen).toBe(balance - out);
    expect(bills.filter((b) => b.notifications > 0).every((b) => b.notified)).toBe(true);
  });
});
