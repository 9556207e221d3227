/**
 * The console's activity tests: merchants with a SKU to build activities on, staff of every role signed in,
 * a valid form, calls that answer `[status, code]`, and the stock invariants every test checks: a SKU's
 * units are available, reserved, sold or allocated to a pool, and what is allocated is exactly what the
 * SKU's dedicated pools hold.
 */
import { expect } from 'vitest';
import type { Platform } from '../../../../testing/platform';
import { answer } from './shopper';
import { adminCall, addStaff, type AdminAnswer, signIn } from './staff';

export const PASSWORD = 'Chongqing2026';
export const HOUR = 3_600_000;

let sequence = 0;

export interface SkuFixture {
  readonly merchantId: string;
  readonly productId: string;
  readonly skuId: string;
  readonly pickupPointId: string;
}

/** A merchant's product with one SKU of `available` units (and a pickup point shoppers collect at). */
export async function seedSku(platform: Platform, merchantId: string, available = 100): Promise<SkuFixture> {
  const n = ++sequence;
  const now = Date.now();
  const ids = { merchantId, productId: `p-act-${n}`, skuId: `s-act-${n}`, pickupPointId: `pp-act-${n}` };
  if ((await platform.find('merchants', { _id: merchantId })).length === 0) {
    await platform.insert('merchants', [
      { _id: merchantId, name: `商户${merchantId}`, district: '渝中区', phone: '023-0000000', createdAt: now },
    ]);
  }
  await platform.insert('products', [
    {
      _id: ids.productId,
      merchantId,
      title: `江津花椒 ${n} 号`,
      subtitle: '青花椒',
      category: '调味',
      origin: '江津',
      images: [`cloud://test/p${n}.jpg`, `cloud://test/p${n}-2.jpg`],
      status: 'on_sale',
      createdAt: now + n,
    },
  ]);
  await platform.insert('skus', [
    {
      _id: ids.skuId,
      productId: ids.productId,
      merchantId,
      spec: '250g',
      price: 3990,
      stock: { available, reserved: 0, sold: 0, allocated: 0, holds: {} },
      createdAt: now,
    },
  ]);
  await platform.insert('pickup_points', [
    {
      _id: ids.pickupPointId,
      name: '解放碑便民驿站',
      district: '渝中区',
      address: '渝中区民权路 28 号',
      location: { type: 'Point', coordinates: [106.5775, 29.5577] },
      openHours: '09:00-21:00',
    },
  ]);
  return ids;
}

export interface Staff {
  readonly ops: string;
  /** A merchant of `m-a` and one of `m-b`. */
  readonly merchantA: string;
  readonly merchantB: string;
  readonly service: string;
}

/** Staff of every role, signed in: their session tokens. */
export async function signInStaff(platform: Platform, tag: string): Promise<Staff> {
  await addStaff(platform, `ops-${tag}`, PASSWORD);
  await addStaff(platform, `ma-${tag}`, PASSWORD, { role: 'merchant', merchantId: 'm-a' });
  await addStaff(platform, `mb-${tag}`, PASSWORD, { role: 'merchant', merchantId: 'm-b' });
  await addStaff(platform, `sv-${tag}`, PASSWORD, { role: 'service' });
  const [ops, merchantA, merchantB, service] = await Promise.all(
    [`ops-${tag}`, `ma-${tag}`, `mb-${tag}`, `sv-${tag}`].map((account) => signIn(platform, account, PASSWORD)),
  );
  return { ops: ops!, merchantA: merchantA!, merchantB: merchantB!, service: service! };
}

/** A valid createActivity request: a 3-person group on the SKU, selling from an hour ago for a day. */
export function draft(skuId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    skuId,
    title: '江津青花椒 3 人团',
    groupPrice: 2990,
    soloPrice: 3990,
    groupSize: 3,
    validityHours: 24,
    startAt: now - HOUR,
    endAt: now + 24 * HOUR,
    perOrderLimit: 2,
    perUserLimit: 5,
    stockMode: 'shared',
    newCustomerOnly: false,
    ...overrides,
  };
}

/** `[HTTP status, 'ok' | error code]` of an answer. */
export const outcome = (answer: AdminAnswer): [number, string] => [
  answer.status,
  answer.body.ok ? 'ok' : answer.body.error.code,
];

/** The answer's data; a refusal fails the test with its code. */
export function ok<T>(answer: AdminAnswer<T>): T {
  if (!answer.body.ok) throw new Error(`expected ok, got ${answer.status} ${answer.body.error.code}`);
  return answer.body.data;
}

export interface ConsoleActivityAnswer {
  readonly activity: Record<string, unknown> & { activityId: string; status: string; phase: string };
}

/** Creates an activity as `token`; answers its id. */
export async function create(
  platform: Platform,
  token: string,
  skuId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  return ok(await adminCall<ConsoleActivityAnswer>(platform, 'createActivity', draft(skuId, overrides), token)).activity
    .activityId;
}

export interface Counters {
  available: number;
  reserved: number;
  sold: number;
  allocated?: number;
}

/** The SKU's counters and those of every activity on it with a pool. */
export async function stockOf(platform: Platform, skuId: string) {
  const sku = (await platform.get('skus', skuId)) as { stock: Counters & { allocated: number } };
  const activities = (await platform.find('activities', { skuId })) as { _id: string; pool?: Counters }[];
  const pools = new Map(activities.filter((a) => a.pool).map((a) => [a._id, a.pool!]));
  return { sku: sku.stock, pools };
}

const total = (c: Counters) => c.available + c.reserved + c.sold;

/**
 * Stock is conserved on the SKU: `initial` units in all, available, reserved, sold or allocated; what is
 * allocated is exactly what its pools hold; nothing is negative. Answers the counters.
 */
export async function expectConserved(platform: Platform, skuId: string, initial: number) {
  const state = await stockOf(platform, skuId);
  const { sku, pools } = state;
  for (const counters of [sku, ...pools.values()]) {
    for (const value of Object.values(counters)) if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(0);
  }
  expect(total(sku) + sku.allocated, 'the SKU’s units').toBe(initial);
  expect(
    [...pools.values()].reduce((sum, pool) => sum + total(pool), 0),
    'allocated = what the pools hold',
  ).toBe(sku.allocated);
  return state;
}

/** What a refused call could have touched: activities, SKUs, the audit log. */
export const consoleState = async (platform: Platform) => ({
  activities: await platform.find('activities'),
  skus: await platform.find('skus'),
  audit: (await platform.find('audit_logs')).length,
});

/** The call is refused with this status and code, in Chinese, and changes nothing. */
export async function expectRefused(
  platform: Platform,
  action: string,
  body: unknown,
  token: string,
  expected: [number, string],
): Promise<void> {
  const before = await consoleState(platform);
  const answer = await adminCall(platform, action, body, token);
  expect(outcome(answer), action).toEqual(expected);
  if (!answer.body.ok) expect(answer.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  expect(await consoleState(platform)).toEqual(before);
}

/** A published activity on the SKU, created and published by `token`; answers the shopper's fixture for it. */
export async function published(
  platform: Platform,
  token: string,
  sku: SkuFixture,
  overrides: Record<string, unknown> = {},
) {
  const activityId = await create(platform, token, sku.skuId, overrides);
  ok(await adminCall(platform, 'publishActivity', { activityId }, token));
  return { activityId, skuId: sku.skuId, productId: sku.productId, pickupPointId: sku.pickupPointId };
}

/**
 * Shoppers rushing a published activity, started and not awaited, so a console action can race them: `joins`
 * join the `forming` groups in turn and `opens` open groups of their own, each one unit at its pickup point.
 * Answers their calls (placed orders or refusals); openids are `o-<tag>j-<i>` and `o-<tag>o-<i>`.
 */
export function rushShoppers(
  platform: Platform,
  fx: { activityId: string; pickupPointId: string },
  rush: { tag: string; forming: readonly { groupId: string }[]; joins: number; opens: number },
) {
  const delivery = { kind: 'pickup', pickupPointId: fx.pickupPointId };
  return [
    ...Array.from({ length: rush.joins }, (_, i) =>
      answer<{ orderId: string }>(platform, 'joinGroup', `o-${rush.tag}j-${i}`, {
        groupId: rush.forming[i % rush.forming.length]!.groupId,
        quantity: 1,
        delivery,
      }),
    ),
    ...Array.from({ length: rush.opens }, (_, i) =>
      answer<{ orderId: string }>(platform, 'openGroup', `o-${rush.tag}o-${i}`, {
        activityId: fx.activityId,
        quantity: 1,
        delivery,
      }),
    ),
  ];
}

interface GroupDoc {
  _id: string;
  status: string;
  size: number;
  seatsTaken: number;
  seatsPaid: number;
  memberOpenids: string[];
  paidOpenids: string[];
}
interface OrderDoc {
  _id: string;
  openid: string;
  status: string;
  groupId?: string;
  quantity: number;
  stock: { kind: string; id: string };
}

const HOLDING = ['pending_payment', 'awaiting_group'];
const PAID_KEPT = ['awaiting_group', 'to_ship', 'shipped', 'completed'];
const REFUNDED = ['refunding', 'refunded'];

/**
 * Every group of the activity is consistent with itself and its orders: seats taken are its members, seats
 * paid its paid members (all members, never more than its size); each member holds one live order, each paid
 * member a paid one; an order refunded lost its seat and has a refund; and the activity's pool (if any)
 * counts exactly what its orders hold and sold. Answers the orders by status.
 */
export async function expectGroupsConsistent(platform: Platform, activityId: string): Promise<Record<string, number>> {
  const groups = (await platform.find('groups', { activityId })) as unknown as GroupDoc[];
  const orders = (await platform.find('orders', { activityId })) as unknown as OrderDoc[];
  const refunds = new Set((await platform.find('refunds')).map((r) => r.orderId as string));
  for (const g of groups) {
    const mine = orders.filter((o) => o.groupId === g._id);
    const where = `group ${g._id} (${g.status})`;
    expect(new Set(g.memberOpenids).size, where).toBe(g.memberOpenids.length);
    expect(g.seatsTaken, where).toBe(g.memberOpenids.length);
    expect(g.seatsPaid, where).toBe(g.paidOpenids.length);
    expect(g.seatsTaken, where).toBeLessThanOrEqual(g.size);
    for (const openid of g.paidOpenids) expect(g.memberOpenids, where).toContain(openid);
    const holding = mine.filter((o) => HOLDING.includes(o.status) || PAID_KEPT.includes(o.status));
    if (!['failed', 'abandoned'].includes(g.status)) {
      expect(holding.map((o) => o.openid).sort(), `${where}: members hold the live orders`).toEqual(
        [...g.memberOpenids].sort(),
      );
    }
    for (const o of mine.filter((x) => PAID_KEPT.includes(x.status))) expect(g.paidOpenids, where).toContain(o.openid);
    for (const o of mine.filter((x) => REFUNDED.includes(x.status))) {
      expect(g.memberOpenids, `${where}: refunded ${o._id} keeps no seat`).not.toContain(o.openid);
      expect(refunds.has(o._id), `${o._id} has its refund`).toBe(true);
    }
  }
  const activity = (await platform.get('activities', activityId)) as {
    pool?: Counters & { holds?: Record<string, number> };
  };
  if (activity.pool) {
    const onPool = orders.filter((o) => o.stock.kind === 'pool');
    const units = (statuses: string[]) =>
      onPool.filter((o) => statuses.includes(o.status)).reduce((sum, o) => sum + o.quantity, 0);
    expect(activity.pool.reserved, 'pool reserved = held orders').toBe(units(HOLDING));
    expect(activity.pool.sold, 'pool sold = orders of succeeded groups').toBe(
      units(['to_ship', 'shipped', 'completed']),
    );
    expect(Object.values(activity.pool.holds ?? {}).reduce((a, b) => a + b, 0)).toBe(activity.pool.reserved);
  }
  const byStatus: Record<string, number> = {};
  for (const o of orders) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  return byStatus;
}
