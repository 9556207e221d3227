/**
 * What ops do and see behind the shopper's back, in the platform tests: run a timed job by hand, let a
 * group's deadline pass, read a SKU's stock and CloudPay's ledger. Each helper takes the platform it runs on.
 */
import type { Platform } from '../../../../testing/platform';
import type { Envelope } from './envelopes';
import type { Stock } from './group-buy.fixtures';
import { groupWith } from './shopper';

/** The CloudPay sandbox's faults (duplicated, crashed or failed deliveries and refunds). */
export type Faults = Parameters<Platform['emulator']['pay']['setFaults']>[0];

/** What a job reports. */
export type Report = { scanned: number; changed: number; remaining: number; [k: string]: unknown };

/** Runs a job as ops would from the console, and answers its report; a refusal fails the test. */
export async function job(platform: Platform, name: string, event: Record<string, unknown> = {}): Promise<Report> {
  const { result } = await platform.emulator.runner.invoke(name, event, { source: 'scf' });
  const envelope = result as Envelope<Report>;
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.code}`);
  return envelope.data;
}

/** The group's deadline has just passed (the expiry job has not run yet). */
export const expire = (platform: Platform, groupId: string) =>
  platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() - 1_000 } });

/** The SKU's stock counters. */
export const stockOf = async (platform: Platform, skuId: string) => (await platform.get('skus', skuId))?.stock as Stock;

/** How many refunds CloudPay's ledger holds for the order. */
export const ledgerRefunds = (platform: Platform, orderId: string) =>
  platform.emulator.pay.order(orderId)?.refunds.size ?? 0;

/**
 * A paid order whose group failed: its leader paid, the deadline passed, and the expiry job asked CloudPay
 * for the refund with these faults set (they stay set). Answers the order's id.
 */
export async function refunding(platform: Platform, faults: Faults = {}): Promise<string> {
  const { groupId, paid } = await groupWith(platform, 0, 0);
  const [orderId] = paid as [string];
  platform.emulator.pay.setFaults(faults);
  await expire(platform, groupId);
  await job(platform, 'expireGroups');
  await platform.settle();
  return orderId;
}

/**
 * A member's seat paid in WeChat whose payment notification never arrived: CloudPay holds the money, the
 * order is still unpaid. No faults are left set.
 */
export async function lostPayment(platform: Platform): Promise<{ groupId: string; orderId: string }> {
  const { groupId, unpaid } = await groupWith(platform, 0, 1);
  const [orderId] = unpaid as [string];
  platform.emulator.pay.setFaults({ crashDeliveries: 10, crashMode: 'before' });
  await platform.pay(orderId);
  await platform.settle();
  platform.emulator.pay.setFaults({});
  return { groupId, orderId };
}
