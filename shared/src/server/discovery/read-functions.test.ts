/**
 * The read functions end to end: getGroup, getActivity, listActivities, listMyOrders and getOrder, bundled,
 * in the emulator's runner, called through the gateway, over groups and orders made by the real write
 * functions and paid through the CloudPay sandbox. Database round trips are counted by the emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../../../testing/platform';
import { type CatalogFixture, type CatalogOptions, pickupAt, seedCatalog } from '../testing/group-buy.fixtures';
import { data, type Envelope, refusal } from '../testing/envelopes';

let platform: Platform;
/** Every `/admin` action the emulator served, in order. */
const actions: string[] = [];

beforeAll(async () => {
  platform = await startPlatform({ onRequest: (record) => actions.push(record.action) });
});
afterAll(async () => {
  await platform.stop();
});

type Profile = { nickname: string; avatarUrl: string };
type GroupView = {
  groupId: string;
  status: string;
  title: string;
  spec: string;
  image: string;
  groupPrice: number;
  soloPrice: number;
  size: number;
  seatsPaid: number;
  seatsLeft: number;
  members: (Profile & { isLeader: boolean })[];
  deadlineAt: number;
  shareTitle: string;
  joinable: boolean;
  viewer: string;
};
type ActivityView = {
  activityId: string;
  status: string;
  onSale: boolean;
  stockLeft: number;
  product: { title: string; images: string[]; origin: string; subtitle: string };
  sku: { skuId: string; spec: string };
  openGroups: { groupId: string; seatsLeft: number; deadlineAt: number; leader: Profile }[];
};
type ActivityItem = { activityId: string; image: string; sold: number; endAt: number; groupPrice: number };
type OrderItem = { orderId: string; status: string; statusLabel: string; createdAt: number; total: number };
type OrderView = OrderItem & {
  payable: boolean;
  payDeadlineAt: number;
  paidAt?: number;
  group?: { groupId: string; status: string; size: number; seatsPaid: number; seatsLeft: number };
  refund?: { status: string; amount: number };
};
type Page<T> = { items: T[]; hasMore: boolean };

const call = async <T>(name: string, openid: string | undefined, body: unknown) =>
  (await platform.call<Envelope<T>>(name, openid, body)).body;
const seed = (options: CatalogOptions = {}) => seedCatalog((c, d) => platform.insert(c, d), options);

const HOUR = 3_600_000;

async function addUser(openid: string, nickname: string, avatarUrl = '') {
  await platform.insert('users', [
    { _id: openid, nickname, avatarUrl, roles: ['shopper'], quota: {}, quotaHolds: {}, createdAt: Date.now() },
  ]);
}

/** Opens a group as `leader` (paid unless told otherwise). */
async function openGroup(fx: CatalogFixture, leader: string, pay = true) {
  const opened = data(
    await call<{ groupId: string; orderId: string }>('openGroup', leader, {
      activityId: fx.activityId,
      quantity: 1,
      delivery: pickupAt(fx),
    }),
  );
  if (pay) await payAndSettle(opened.orderId);
  return opened;
}

async function joinGroup(fx: CatalogFixture, groupId: string, member: string, pay = true) {
  const joined = data(
    await call<{ orderId: string }>('joinGroup', member, { groupId, quantity: 1, delivery: pickupAt(fx) }),
  );
  if (pay) await payAndSettle(joined.orderId);
  return joined;
}

async function payAndSettle(orderId: string) {
  await platform.pay(orderId);
  await platform.settle();
}

/** Runs `fn` and counts the database requests it made (after letting background deliveries finish). */
async function countingRoundTrips<T>(fn: () => Promise<T>): Promise<{ result: T; trips: number }> {
  await platform.settle();
  const start = actions.length;
  const result = await fn();
  const trips = actions.slice(start).filter((a) => a.startsWith('database.')).length;
  return { result, trips };
}

describe('getGroup', () => {
  it('shows the public view: masked members who paid, seats, share title; a pending group only to its leader', async () => {
    const fx = await seed({ groupSize: 4, groupPrice: 2990, soloPrice: 3990 });
    await addUser('o-gg-lead', '解放碑吃货', 'https://img/lead.png');
    await addUser('o-gg-m1', '张三', 'https://img/m1.png');
    await addUser('o-gg-m2', '');

    const { groupId } = await openGroup(fx, 'o-gg-lead', false);
    // Pending: the leader sees it; nobody else can tell it exists.
    expect(refusal(await call('getGroup', 'o-gg-visitor', { groupId }))).toBe('NOT_FOUND');
    expect(await call('getGroup', 'o-gg-visitor', { groupId })).toEqual(
      await call('getGroup', 'o-gg-visitor', { groupId: 'G-missing' }),
    );
    expect(data(await call<GroupView>('getGroup', 'o-gg-lead', { groupId }))).toMatchObject({
      status: 'pending',
      viewer: 'leader',
      joinable: false,
      members: [{ nickname: '解**货', avatarUrl: 'https://img/lead.png', isLeader: true }],
    });

    const [leaderOrder] = await platform.find('orders', { groupId, openid: 'o-gg-lead' });
    await payAndSettle(String(leaderOrder?._id));
    await joinGroup(fx, groupId, 'o-gg-m1');
    await joinGroup(fx, groupId, 'o-gg-m2', false);

    const { result, trips } = await countingRoundTrips(() => call<GroupView>('getGroup', 'o-gg-visitor', { groupId }));
    const view = data(result);
    console.log(`getGroup: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(2);
    const stored = await platform.get('groups', groupId);
    expect(view).toEqual({
      groupId,
      activityId: fx.activityId,
      status: 'forming',
      title: '老火锅底料 拼团',
      spec: '400g',
      image: 'cloud://test/p.jpg',
      groupPrice: 2990,
      soloPrice: 3990,
      size: 4,
      seatsPaid: 2,
      seatsLeft: 1,
      // o-gg-m2 holds a seat but has not paid: not shown.
      members: [
        { nickname: '解**货', avatarUrl: 'https://img/lead.png', isLeader: true },
        { nickname: '张*', avatarUrl: 'https://img/m1.png', isLeader: false },
      ],
      deadlineAt: stored?.deadlineAt,
      shareTitle: '【还差1人】29.9元拼老火锅底料 拼团',
      joinable: true,
      viewer: 'visitor',
    });
    expect(data(await call<GroupView>('getGroup', 'o-gg-m2', { groupId }))).toMatchObject({
      viewer: 'member',
      joinable: false,
    });

    // The unpaid member pays: shown as 微信用户 (no nickname). A member never seen before joins the last seat.
    const [m2Order] = await platform.find('orders', { groupId, openid: 'o-gg-m2' });
    await payAndSettle(String(m2Order?._id));
    await joinGroup(fx, groupId, 'o-gg-m3');
    const done = data(await call<GroupView>('getGroup', 'o-gg-visitor', { groupId }));
    expect(done).toMatchObject({ status: 'succeeded', seatsPaid: 4, seatsLeft: 0, joinable: false });
    expect(done.shareTitle).toBe('【已成团】29.9元拼老火锅底料 拼团');
    expect(done.members.map((m) => m.nickname)).toEqual(['解**货', '张*', '微信用户', '微信用户']);
  });

  it('hides an abandoned group from everyone but its leader; refuses bad input and unknown groups', async () => {
    const fx = await seed();
    const { groupId } = await openGroup(fx, 'o-gg-abandoner', false);
    await platform.update('groups', { _id: groupId }, { $set: { status: 'abandoned' } });
    expect(refusal(await call('getGroup', 'o-gg-someone', { groupId }))).toBe('NOT_FOUND');
    expect(data(await call<GroupView>('getGroup', 'o-gg-abandoner', { groupId })).shareTitle).toMatch(/^【已结束】/);

    expect(refusal(await call('getGroup', 'o-gg-someone', { groupId: 'G-nope' }))).toBe('NOT_FOUND');
    expect(refusal(await call('getGroup', 'o-gg-someone', {}))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('getGroup', 'o-gg-someone', { groupId: 42 }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('getGroup', 'o-gg-someone', { groupId: '' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('getGroup', undefined, { groupId }))).toBe('UNAUTHENTICATED');
  });
});

describe('getActivity', () => {
  it('shows rules, product, stock left and the groups to join, fewest seats left then soonest deadline', async () => {
    const fx = await seed({ groupSize: 3, stockMode: 'dedicated', pool: 40, stock: 100 });
    await addUser('o-ga-1', '李四', 'https://img/li.png');
    const g1 = await openGroup(fx, 'o-ga-1'); // 2 seats left
    const g2 = await openGroup(fx, 'o-ga-2');
    await joinGroup(fx, g2.groupId, 'o-ga-2m', false); // 1 left (a reserved seat counts)
    const g3 = await openGroup(fx, 'o-ga-3');
    await joinGroup(fx, g3.groupId, 'o-ga-3m'); // 1 left, deadline sooner than g2's
    await openGroup(fx, 'o-ga-4', false); // pending: not offered
    const full = await openGroup(fx, 'o-ga-5');
    await joinGroup(fx, full.groupId, 'o-ga-5a', false);
    await joinGroup(fx, full.groupId, 'o-ga-5b', false); // full: not offered
    const late = await openGroup(fx, 'o-ga-6');
    const failed = await openGroup(fx, 'o-ga-7');
    const now = Date.now();
    await platform.update('groups', { _id: g3.groupId }, { $set: { deadlineAt: now + HOUR } });
    await platform.update('groups', { _id: g2.groupId }, { $set: { deadlineAt: now + 2 * HOUR } });
    await platform.update('groups', { _id: late.groupId }, { $set: { deadlineAt: now - 1000 } }); // past, not yet expired
    await platform.update('groups', { _id: failed.groupId }, { $set: { status: 'failed' } });

    const { result, trips } = await countingRoundTrips(() =>
      call<ActivityView>('getActivity', 'o-ga-visitor', { activityId: fx.activityId }),
    );
    const view = data(result);
    console.log(`getActivity: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(5);
    const pool = (await platform.get('activities', fx.activityId))?.pool as { available: number };
    expect(view).toMatchObject({
      activityId: fx.activityId,
      status: 'active',
      onSale: true,
      groupPrice: 2990,
      soloPrice: 3990,
      groupSize: 3,
      stockMode: 'dedicated',
      stockLeft: pool.available,
      newCustomerOnly: false,
      product: { title: '重庆老火锅底料', images: ['cloud://test/p.jpg'], origin: '渝中区', subtitle: '' },
      sku: { skuId: fx.skuId, spec: '400g' },
    });
    expect(pool.available).toBeLessThan(40);
    expect(view.openGroups.map((g) => [g.groupId, g.seatsLeft])).toEqual([
      [g3.groupId, 1],
      [g2.groupId, 1],
      [g1.groupId, 2],
    ]);
    expect(view.openGroups[2]?.leader).toEqual({ nickname: '李*', avatarUrl: 'https://img/li.png' });
    expect(view.openGroups[0]?.leader).toEqual({ nickname: '微信用户', avatarUrl: '' });
  });

  it('offers at most 10 groups; a shared activity counts the SKU stock; drafts and unknown ids are not found', async () => {
    const fx = await seed({ groupSize: 3, stock: 60 });
    const { groupId } = await openGroup(fx, 'o-ga-many');
    const template = (await platform.get('groups', groupId)) as Record<string, unknown>;
    const now = Date.now();
    await platform.insert(
      'groups',
      Array.from({ length: 12 }, (_, i) => ({
        ...template,
        _id: `G-many-${String(i).padStart(2, '0')}`,
        leaderOpenid: `o-ga-many-${i}`,
        memberOpenids: [`o-ga-many-${i}`],
        paidOpenids: [`o-ga-many-${i}`],
        deadlineAt: now + (i + 1) * HOUR,
      })),
    );
    const view = data(await call<ActivityView>('getActivity', 'o-ga-visitor', { activityId: fx.activityId }));
    expect(view.openGroups).toHaveLength(10);
    expect(view.openGroups.map((g) => g.groupId).slice(0, 3)).toEqual(['G-many-00', 'G-many-01', 'G-many-02']);
    const sku = (await platform.get('skus', fx.skuId))?.stock as { available: number };
    expect(view.stockLeft).toBe(sku.available);
    expect(view.stockLeft).toBe(59);

    await platform.update('activities', { _id: fx.activityId }, { $set: { status: 'draft' } });
    expect(refusal(await call('getActivity', 'o-ga-visitor', { activityId: fx.activityId }))).toBe('NOT_FOUND');
    expect(refusal(await call('getActivity', 'o-ga-visitor', { activityId: 'a-nope' }))).toBe('NOT_FOUND');
    expect(refusal(await call('getActivity', 'o-ga-visitor', { activity: fx.activityId }))).toBe('INVALID_ARGUMENT');
  });
});

describe('listMyOrders and getOrder', () => {
  const me = 'o-orders-me';
  const ids: Record<string, string> = {};
  let fx: CatalogFixture;

  beforeAll(async () => {
    fx = await seed({ groupSize: 3, stock: 100 });
    const solo = async () =>
      data(await call<{ orderId: string }>('buySolo', me, { skuId: fx.skuId, quantity: 1, delivery: pickupAt(fx) }))
        .orderId;
    ids.closed = await solo();
    await platform.update('orders', { _id: ids.closed }, { $set: { status: 'closed' } });
    ids.completed = await solo();
    await payAndSettle(ids.completed);
    await platform.update('orders', { _id: ids.completed }, { $set: { status: 'completed' } });
    ids.shipped = await solo();
    await payAndSettle(ids.shipped);
    await platform.update('orders', { _id: ids.shipped }, { $set: { status: 'shipped' } });
    // Paid after it closed: refunded for real through the sandbox.
    ids.refunded = await solo();
    await platform.update('orders', { _id: ids.refunded }, { $set: { status: 'closed' } });
    await payAndSettle(ids.refunded);
    ids.toShip = await solo();
    await payAndSettle(ids.toShip);
    const awaiting = await openGroup(fx, me);
    ids.awaiting = awaiting.orderId;
    ids.group = awaiting.groupId;
    ids.pending = (await openGroup(fx, me, false)).orderId;
    // Someone else's orders never show.
    await joinGroup(fx, awaiting.groupId, 'o-orders-other');
  });

  it('lists the caller’s orders newest first, by tab, a page at a time', async () => {
    const { result, trips } = await countingRoundTrips(() => call<Page<OrderItem>>('listMyOrders', me, {}));
    const all = data(result);
    console.log(`listMyOrders: ${trips} database round trips`);
    expect(trips).toBe(1);
    const newestFirst = [ids.pending, ids.awaiting, ids.toShip, ids.refunded, ids.shipped, ids.completed, ids.closed];
    expect(all.items.map((o) => o.orderId)).toEqual(newestFirst);
    expect(all.hasMore).toBe(false);
    expect(all.items.map((o) => o.statusLabel)).toEqual([
      '待付款',
      '待成团',
      '待发货',
      '已退款',
      '已发货',
      '已完成',
      '已关闭',
    ]);

    const tab = async (status: string) =>
      data(await call<Page<OrderItem>>('listMyOrders', me, { status })).items.map((o) => o.orderId);
    expect(await tab('all')).toEqual(newestFirst);
    expect(await tab('pending_payment')).toEqual([ids.pending]);
    expect(await tab('awaiting_group')).toEqual([ids.awaiting]);
    expect(await tab('to_ship')).toEqual([ids.toShip]);
    expect(await tab('shipped')).toEqual([ids.shipped]);
    expect(await tab('completed')).toEqual([ids.completed]);
    expect(await tab('refund')).toEqual([ids.refunded]);

    const first = data(await call<Page<OrderItem>>('listMyOrders', me, { limit: 3 }));
    const last = data(await call<Page<OrderItem>>('listMyOrders', me, { limit: 3, offset: 6 }));
    expect(first).toMatchObject({ hasMore: true });
    expect(first.items.map((o) => o.orderId)).toEqual(newestFirst.slice(0, 3));
    expect(last).toMatchObject({ hasMore: false });
    expect(last.items.map((o) => o.orderId)).toEqual([ids.closed]);
    expect(data(await call<Page<OrderItem>>('listMyOrders', 'o-orders-nobody', {}))).toEqual({
      items: [],
      hasMore: false,
    });

    expect(refusal(await call('listMyOrders', me, { status: 'closed' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listMyOrders', me, { limit: 51 }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listMyOrders', me, { offset: -1 }))).toBe('INVALID_ARGUMENT');
  });

  it('shows an order to its owner only, with its group, payment deadline and refund', async () => {
    const { result, trips } = await countingRoundTrips(() =>
      call<OrderView>('getOrder', me, { orderId: ids.awaiting }),
    );
    console.log(`getOrder (group order): ${trips} database round trips`);
    expect(trips).toBe(2);
    expect(data(result)).toMatchObject({
      orderId: ids.awaiting,
      status: 'awaiting_group',
      statusLabel: '待成团',
      payable: false,
      paidAt: expect.any(Number),
      group: { groupId: ids.group, status: 'forming', size: 3, seatsPaid: 2, seatsLeft: 1 },
    });
    expect(data(result).refund).toBeUndefined();

    const pending = data(await call<OrderView>('getOrder', me, { orderId: ids.pending }));
    expect(pending).toMatchObject({ status: 'pending_payment', payable: true, group: { status: 'pending' } });
    expect(pending.payDeadlineAt - pending.createdAt).toBe(15 * 60_000);

    const refunded = await countingRoundTrips(() => call<OrderView>('getOrder', me, { orderId: ids.refunded }));
    console.log(`getOrder (refunded solo order): ${refunded.trips} database round trips`);
    expect(data(refunded.result)).toMatchObject({
      status: 'refunded',
      statusLabel: '已退款',
      refund: { status: 'succeeded', amount: 3990 },
    });
    expect(data(refunded.result).group).toBeUndefined();

    const solo = await countingRoundTrips(() => call<OrderView>('getOrder', me, { orderId: ids.toShip }));
    console.log(`getOrder (solo order): ${solo.trips} database round trips`);
    expect(solo.trips).toBe(1);
    expect(data(solo.result)).toMatchObject({ status: 'to_ship', payable: false, total: 3990 });

    // Another shopper's order reads exactly like one that does not exist.
    const stranger = await call('getOrder', 'o-orders-other', { orderId: ids.awaiting });
    expect(refusal(stranger)).toBe('NOT_FOUND');
    expect(stranger).toEqual(await call('getOrder', 'o-orders-other', { orderId: 'O-missing' }));
    expect(refusal(await call('getOrder', me, { orderId: '' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('getOrder', me, { orderId: ['x'] }))).toBe('INVALID_ARGUMENT');
  });
});

describe('listActivities', () => {
  const key: Record<string, string> = {};

  beforeAll(async () => {
    platform.emulator.reset();
    const now = Date.now();
    const live = async (name: string, options: CatalogOptions, sold: number) => {
      const fx = await seed(options);
      key[name] = fx.activityId;
      key[fx.activityId] = name;
      await platform.update('products', { _id: fx.productId }, { $set: { images: [`cloud://test/${name}.jpg`] } });
      if (options.stockMode === 'dedicated') {
        await platform.update('activities', { _id: fx.activityId }, { $set: { 'pool.sold': sold } });
      } else {
        await platform.update('skus', { _id: fx.skuId }, { $set: { 'stock.sold': sold } });
      }
      return fx;
    };
    await live('A1', { endAt: now + 5 * HOUR }, 40);
    await live('A2', { endAt: now + 2 * HOUR, stockMode: 'dedicated', pool: 200, stock: 300 }, 100);
    const a3 = await live('A3', { endAt: now + 3 * HOUR }, 0);
    await live('A4', { endAt: now + 1 * HOUR }, 40);
    const paused = await live('paused', { endAt: now + 4 * HOUR }, 999);
    await platform.update('activities', { _id: paused.activityId }, { $set: { status: 'paused' } });
    await live('future', { startAt: now + HOUR, endAt: now + 9 * HOUR }, 500);
    await live('ended', { startAt: now - 2 * HOUR, endAt: now - HOUR }, 500);
    // A real sale on A3's SKU counts too.
    const { orderId } = data(
      await call<{ orderId: string }>('buySolo', 'o-la-buyer', {
        skuId: a3.skuId,
        quantity: 2,
        delivery: pickupAt(a3),
      }),
    );
    await payAndSettle(orderId);
  });

  const names = (page: Page<ActivityItem>) => page.items.map((i) => key[i.activityId]);

  it('ranks live activities by units sold (hot), ties to the one ending sooner', async () => {
    const { result, trips } = await countingRoundTrips(() =>
      call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'hot' }),
    );
    const hot = data(result);
    console.log(`listActivities hot: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(3);
    expect(names(hot)).toEqual(['A2', 'A4', 'A1', 'A3']);
    expect(hot.items.map((i) => i.sold)).toEqual([100, 40, 40, 2]);
    expect(hot.items[0]).toMatchObject({
      image: 'cloud://test/A2.jpg',
      groupPrice: 2990,
      soloPrice: 3990,
      groupSize: 3,
      title: '老火锅底料 拼团',
    });
    expect(hot.hasMore).toBe(false);

    const page1 = data(await call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'hot', limit: 2 }));
    const page2 = data(await call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'hot', limit: 2, offset: 2 }));
    expect([names(page1), page1.hasMore]).toEqual([['A2', 'A4'], true]);
    expect([names(page2), page2.hasMore]).toEqual([['A1', 'A3'], false]);
  });

  it('lists live activities ending soonest first, a page at a time', async () => {
    const { result, trips } = await countingRoundTrips(() =>
      call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'ending_soon', limit: 3 }),
    );
    console.log(`listActivities ending_soon: ${trips} database round trips`);
    expect(trips).toBeLessThanOrEqual(3);
    expect([names(data(result)), data(result).hasMore]).toEqual([['A4', 'A2', 'A3'], true]);
    expect(data(result).items.map((i) => i.image)).toEqual([
      'cloud://test/A4.jpg',
      'cloud://test/A2.jpg',
      'cloud://test/A3.jpg',
    ]);
    const rest = data(await call<Page<ActivityItem>>('listActivities', 'o-la', { sort: 'ending_soon', offset: 3 }));
    expect([names(rest), rest.hasMore]).toEqual([['A1'], false]);
    expect(rest.items[0]?.sold).toBe(40);
  });

  it('refuses a bad sort or page size', async () => {
    expect(refusal(await call('listActivities', 'o-la', {}))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listActivities', 'o-la', { sort: 'newest' }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listActivities', 'o-la', { sort: 'hot', limit: 51 }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listActivities', 'o-la', { sort: 'hot', limit: 0 }))).toBe('INVALID_ARGUMENT');
    expect(refusal(await call('listActivities', 'o-la', { sort: 'hot', limit: 2.5 }))).toBe('INVALID_ARGUMENT');
  });
});
