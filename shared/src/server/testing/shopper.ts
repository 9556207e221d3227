/**
 * The shopper's side of the platform tests: calling the functions as the mini-program does, and the short
 * journeys many tests start from (a group opened and paid, seats taken, an order in every status). Each
 * helper takes the platform it runs on.
 */
import { expect } from 'vitest';
import type { Platform } from '../../../../testing/platform';
import type { Envelope } from './envelopes';
import { type CatalogFixture, type CatalogOptions, pickupAt, seedCatalog } from './group-buy.fixtures';

/** What openGroup, joinGroup and buySolo answer. */
export interface Placed {
  readonly orderId: string;
  readonly groupId?: string;
  readonly total: number;
}

/** The envelope a function answers `openid` (or nobody) with. */
export async function answer<T>(
  platform: Platform,
  name: string,
  openid: string | undefined,
  body: unknown,
): Promise<Envelope<T>> {
  return (await platform.call<Envelope<T>>(name, openid, body)).body;
}

/** `answer` on one platform: `const call = caller(platform)`. */
export const caller =
  (platform: Platform) =>
  <T = unknown>(name: string, openid: string | undefined, body: unknown) =>
    answer<T>(platform, name, openid, body);

/** An order placed through `fn` (openGroup, joinGroup, buySolo); a refusal fails the test with its code. */
export async function place(
  platform: Platform,
  fn: string,
  openid: string,
  body: Record<string, unknown>,
): Promise<Placed> {
  const placed = await answer<Placed>(platform, fn, openid, body);
  if (!placed.ok) throw new Error(`${fn}: ${placed.error.code}`);
  return placed.data;
}

/** The shopper pays in WeChat, and the payment notification is applied. */
export async function payAndSettle(platform: Platform, orderId: string): Promise<void> {
  await platform.pay(orderId);
  await platform.settle();
}

/** A group of the fixture's activity opened by `leader` (one unit at its pickup point), paid unless told otherwise. */
export async function openGroupAs(platform: Platform, fx: CatalogFixture, leader: string, pay = true) {
  const opened = await place(platform, 'openGroup', leader, {
    activityId: fx.activityId,
    quantity: 1,
    delivery: pickupAt(fx),
  });
  if (pay) await payAndSettle(platform, opened.orderId);
  return { groupId: opened.groupId as string, orderId: opened.orderId };
}

/** A seat (one unit) in the group taken by `member`, paid unless told otherwise. */
export async function joinGroupAs(platform: Platform, fx: CatalogFixture, groupId: string, member: string, pay = true) {
  const joined = await place(platform, 'joinGroup', member, { groupId, quantity: 1, delivery: pickupAt(fx) });
  if (pay) await payAndSettle(platform, joined.orderId);
  return { orderId: joined.orderId };
}

/** A forming group: opened by `leader` and paid. Answers its id. */
export const formingGroup = async (platform: Platform, fx: CatalogFixture, leader: string): Promise<string> =>
  (await openGroupAs(platform, fx, leader)).groupId;

/**
 * A forming group of a fresh activity (100 units, 5 seats unless `options` say otherwise) with a paid
 * leader, `paidMembers` paid members and `unpaidMembers` who took a seat and never paid.
 */
export async function groupWith(
  platform: Platform,
  paidMembers: number,
  unpaidMembers: number,
  options: CatalogOptions = {},
) {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 100, groupSize: 5, ...options });
  const { groupId, orderId } = await openGroupAs(platform, fx, `o-l-${fx.activityId}`);
  const paid = [orderId];
  const unpaid: string[] = [];
  for (let i = 0; i < paidMembers + unpaidMembers; i++) {
    const member = await joinGroupAs(platform, fx, groupId, `o-m${i}-${fx.activityId}`, false);
    if (i < paidMembers) {
      await platform.pay(member.orderId);
      paid.push(member.orderId);
    } else unpaid.push(member.orderId);
  }
  await platform.settle();
  return { fx, groupId, paid, unpaid };
}

/** A shopper with a profile, as login and updateProfile leave them. */
export async function addUser(platform: Platform, openid: string, nickname: string, avatarUrl = ''): Promise<void> {
  await platform.insert('users', [
    { _id: openid, nickname, avatarUrl, roles: ['shopper'], quota: {}, quotaHolds: {}, createdAt: Date.now() },
  ]);
}

/** A share ref, as login hands it out. */
export const REF = /^[0-9a-z]{8}$/;

/** The orders `me` placed, oldest first, one in each status a shopper can see. */
export interface OrderHistory {
  readonly closed: string;
  readonly completed: string;
  readonly shipped: string;
  /** Paid after it closed: refunded for real through the sandbox. */
  readonly refunded: string;
  readonly toShip: string;
  /** Leader of `group`, paid; another shopper holds a paid seat in it. */
  readonly awaiting: string;
  readonly group: string;
  readonly pending: string;
}

/** Places `me`'s order history on a fresh activity (3 seats a group); `other` joins `me`'s open group. */
export async function orderHistory(platform: Platform, me: string, other: string): Promise<OrderHistory> {
  const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3, stock: 100 });
  const solo = async () =>
    (await place(platform, 'buySolo', me, { skuId: fx.skuId, quantity: 1, delivery: pickupAt(fx) })).orderId;
  const closed = await solo();
  await platform.update('orders', { _id: closed }, { $set: { status: 'closed' } });
  const completed = await solo();
  await payAndSettle(platform, completed);
  await platform.update('orders', { _id: completed }, { $set: { status: 'completed' } });
  const shipped = await solo();
  await payAndSettle(platform, shipped);
  await platform.update('orders', { _id: shipped }, { $set: { status: 'shipped' } });
  const refunded = await solo();
  await platform.update('orders', { _id: refunded }, { $set: { status: 'closed' } });
  await payAndSettle(platform, refunded);
  const toShip = await solo();
  await payAndSettle(platform, toShip);
  const awaiting = await openGroupAs(platform, fx, me);
  const pending = (await openGroupAs(platform, fx, me, false)).orderId;
  // Someone else's orders never show.
  await joinGroupAs(platform, fx, awaiting.groupId, other);
  return { closed, completed, shipped, refunded, toShip, awaiting: awaiting.orderId, group: awaiting.groupId, pending };
}

/** The collections an order touches, to prove a refusal left them as they were. */
const orderState = async (platform: Platform) => ({
  orders: await platform.find('orders'),
  groups: await platform.find('groups'),
  skus: await platform.find('skus'),
  activities: await platform.find('activities'),
  users: await platform.find('users'),
});

/**
 * `expectRefused(fn, openid, body, code)` on one platform: `fn` refuses the call with `code` and a message
 * in Chinese, and nothing an order touches changed.
 */
export const expectRefusedOn =
  (platform: Platform) =>
  async (fn: string, openid: string | undefined, body: unknown, code: string): Promise<void> => {
    const before = await orderState(platform);
    const refused = await answer(platform, fn, openid, body);
    expect(refused).toMatchObject({ ok: false, error: { code } });
    expect(refused.ok || refused.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await orderState(platform)).toEqual(before);
  };
