/**
 * The console's interventions in the platform tests (运营干预): staff sessions for each role, and the
 * money check every race ends with: each order that CloudPay took money for is either kept by a group that
 * succeeded with its payer as a paid member, or refunded exactly once; every other order is closed; every
 * unit is back, or sold to exactly the kept orders.
 */
import { expect } from 'vitest';
import { SUBSCRIBE_TEMPLATES } from '../../domain/notification';
import type { Platform } from '../../../../testing/platform';
import type { Stock } from './group-buy.fixtures';
import { job, ledgerRefunds } from './ops';
import { adminCall, type AdminAnswer, addStaff, signIn } from './staff';

export const PASSWORD = 'Chongqing2026';

let accounts = 0;

/** A signed-in member of staff (a merchant of `merchantId`): answers a caller of adminApi with their token. */
export async function staffSession(
  platform: Platform,
  role: 'ops' | 'merchant' | 'service' = 'ops',
  merchantId?: string,
): Promise<<T = unknown>(action: string, body: unknown) => Promise<AdminAnswer<T>>> {
  const account = `${role}-${++accounts}-${Math.random().toString(36).slice(2, 6)}`;
  await addStaff(platform, account, PASSWORD, { role, ...(merchantId ? { merchantId } : {}) });
  const token = await signIn(platform, account, PASSWORD);
  return <T = unknown>(action: string, body: unknown) => adminCall<T>(platform, action, body, token);
}

/** The data of a successful answer; a refusal fails the test with its code. */
export function dataOf<T>(answer: AdminAnswer<T>): T {
  if (!answer.body.ok) throw new Error(`${answer.status} ${answer.body.error.code}: ${answer.body.error.message}`);
  return answer.body.data;
}

/** The code and HTTP status of a refused answer. */
export const refusal = (answer: AdminAnswer) => [answer.status, answer.body.ok ? 'ok' : answer.body.error.code];

/** Lets shoppers receive every subscription template a few times. */
export const grantMessages = (platform: Platform, openids: readonly string[], times = 3) => {
  for (const openid of openids)
    platform.emulator.openapi.grant(openid, Array(times).fill(Object.values(SUBSCRIBE_TEMPLATES)).flat());
};

/** The subscription messages a shopper received: each one's text. */
export const messagesTo = (platform: Platform, openid: string) =>
  platform.emulator.openapi
    .outbox()
    .filter((m) => m.touser === openid)
    .map((m) => {
      const data = m.data as Record<string, { value: string }>;
      return data.thing3?.value ?? data.thing2?.value ?? '';
    });

const KEPT = new Set(['to_ship', 'shipped', 'completed']);

/**
 * Closes what a race left in flight the way the jobs would (orders whose placement was still running wait
 * for their payment window: it is made to end now), then checks the money and the stock of the group.
 */
export async function expectSettled(platform: Platform, groupId: string, skuId: string, initialStock: number) {
  await platform.settle();
  await platform.update(
    'orders',
    { groupId, status: 'pending_payment' },
    { $set: { payDeadlineAt: Date.now() - 1_000 } },
  );
  await job(platform, 'closeUnpaidOrders');
  await job(platform, 'expireGroups');
  await platform.settle();
  const group = await platform.get('groups', groupId);
  const orders = await platform.find('orders', { groupId });
  let sold = 0;
  let kept = 0;
  for (const order of orders) {
    const id = String(order._id);
    const ledger = platform.emulator.pay.order(id)?.state;
    const moneyTaken = ledger === 'SUCCESS' || ledger === 'REFUND';
    const what = `${id} ${String(order.status)} ledger ${ledger ?? 'none'} group ${String(group?.status)}`;
    if (moneyTaken && KEPT.has(String(order.status))) {
      expect(group?.status, what).toBe('succeeded');
      expect(group?.paidOpenids, what).toContain(order.openid);
      expect(ledgerRefunds(platform, id), what).toBe(0);
      sold += Number(order.quantity);
      kept += 1;
    } else if (moneyTaken) {
      expect(order.status, what).toBe('refunded');
      expect(ledgerRefunds(platform, id), what).toBe(1);
      expect(await platform.find('refunds', { orderId: id }), what).toHaveLength(1);
    } else {
      expect(order.status, what).toBe('closed');
    }
  }
  // Never a made-up member or count: the group's paid seats are its paid members, each with a kept order.
  expect(group?.seatsPaid).toBe((group?.paidOpenids as unknown[]).length);
  if (group?.status === 'succeeded') expect(kept).toBe(group.seatsPaid);
  const stock = (await platform.get('skus', skuId))?.stock as Stock & { holds: Record<string, number> };
  expect(stock).toMatchObject({ available: initialStock - sold, reserved: 0, sold, holds: {} });
  return { group, orders };
}
