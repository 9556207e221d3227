/**
 * 团长 commissions in platform tests: an activity with a commission rule, a registered opener and a registered
 * keeper of its pickup point (written straight into the emulator, as an approval leaves them), and reads of the
 * entries an order or a group earned.
 */
import { expect } from 'vitest';
import type { Platform } from '../../../../testing/platform';
import { type CatalogFixture, type CatalogOptions, HOUR, seedCatalog } from './group-buy.fixtures';

/** 10% of what the order paid per kind, and ¥5 per successful group. */
export const RULE = { base: { kind: 'rate', basisPoints: 1_000 }, groupBonus: 500 } as const;

export interface LeaderFixture {
  readonly fx: CatalogFixture;
  /** A registered leader who opens the groups (they run a point of their own). */
  readonly opener: string;
  /** The registered leader who keeps the activity's pickup point. */
  readonly keeper: string;
}

/** A registered leader document, approved an hour ago. */
export function leaderDoc(openid: string, pickupPointId: string, approvedAt = Date.now() - HOUR) {
  return {
    _id: openid,
    applicationId: `LA-${openid}`,
    name: '李秀英',
    phone: '13912345678',
    community: '解放碑社区',
    pickupPointId,
    approvedBy: 'staff:ops',
    approvedAt,
    createdAt: approvedAt,
    updatedAt: approvedAt,
  };
}

/** A fresh activity (3-person groups at ¥29.90 unless told) with `RULE`, its opener and its point's keeper. */
export async function leaderActivity(
  platform: Platform,
  options: CatalogOptions & { rule?: Record<string, unknown> } = {},
): Promise<LeaderFixture> {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 100, groupSize: 3, ...options });
  await platform.update('activities', { _id: fx.activityId }, { $set: { commission: options.rule ?? RULE } });
  const opener = `o-open-${fx.activityId}`;
  const keeper = `o-keep-${fx.activityId}`;
  await platform.insert('leaders', [leaderDoc(opener, `pp-own-${fx.activityId}`), leaderDoc(keeper, fx.pickupPointId)]);
  return { fx, opener, keeper };
}

export interface EntryDoc {
  readonly _id: string;
  readonly kind: string;
  readonly leaderOpenid: string;
  readonly status: string;
  readonly amount: number;
  readonly clawedBack: number;
  readonly history: { event: string; status: string; amount: number }[];
  readonly [field: string]: unknown;
}

/** The entries of an order, by kind: `{ group_opener: [status, amount], ... }`. */
export async function entriesOf(platform: Platform, orderId: string): Promise<Record<string, [string, number]>> {
  const found = (await platform.find('commission_entries', { orderId })) as EntryDoc[];
  return Object.fromEntries(found.map((e) => [e.kind, [e.status, e.amount]]));
}

/** The group's bonus entry, or null. */
export const bonusOf = async (platform: Platform, groupId: string) =>
  (await platform.get('commission_entries', `CB${groupId}`)) as EntryDoc | null;

/** Every entry's history ends in its status and amount, and no id is there twice (a find by id is one). */
export async function expectEntriesSound(platform: Platform, query: Record<string, unknown>): Promise<EntryDoc[]> {
  const found = (await platform.find('commission_entries', query)) as EntryDoc[];
  expect(new Set(found.map((e) => e._id)).size).toBe(found.length);
  for (const entry of found) {
    const last = entry.history[entry.history.length - 1];
    expect(last, entry._id).toMatchObject({ status: entry.status, amount: entry.amount });
    expect(
      entry.history.filter((h) => h.event === 'recorded'),
      entry._id,
    ).toHaveLength(1);
    expect(entry.clawedBack).toBeLessThanOrEqual(entry.amount);
  }
  return found;
}

/** The order has been collected and its after-sales window has just closed (completeOrders has not run yet). */
export const windowClosed = (platform: Platform, orderId: string) =>
  platform.update(
    'orders',
    { _id: orderId },
    { $set: { status: 'picked_up', receivedAt: Date.now() - 8 * 24 * HOUR, afterSaleEndsAt: Date.now() - 1_000 } },
  );
