/**
 * A shopper's journey through the real pages in local mode: each page's own `index.ts` runs (loading,
 * handlers, navigation), its calls go through services/cloud.ts to the bundled functions behind the
 * emulator's gateway, and paying goes to the emulator's CloudPay sandbox. What is checked is each page's
 * `data`, which is exactly what its template renders.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPlatform, type Platform } from '../../testing/platform';
import { JIEFANGBEI, pickupAt, seedCatalog } from '../../shared/src/server/testing/group-buy.fixtures';
import { initCloud } from '../services/cloud';
import { resetLogin } from '../services/session';
import { call, eventWith, fakeWx, type FakeWx, openPage, type PageInstance, tapOn } from './page-runner';

/** A couple of hundred metres from the fixture's pickup point, where the leader collects. */
const [longitude = 0, latitude = 0] = JIEFANGBEI.coordinates;
const nearJiefangbei = { longitude: longitude + 0.002, latitude };

let platform: Platform;
let phone: FakeWx;
/** Whether the shopper holding the phone allows their location. */
let locationAllowed = false;

beforeAll(async () => {
  platform = await startPlatform();
  phone = fakeWx({
    getSetting: () => Promise.resolve({ authSetting: { 'scope.userLocation': locationAllowed } }),
    getLocation: () => Promise.resolve(nearJiefangbei),
  });
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await platform.stop();
});

/** The phone passes to another shopper: their openid, a fresh login and empty storage. */
function handTo(openid: string, allowsLocation: boolean) {
  initCloud({ mode: 'local', gatewayUrl: platform.emulator.url, openid });
  resetLogin();
  phone.clearStorage();
  locationAllowed = allowsLocation;
}

/** Opens a page and waits until its calls have answered. */
async function open(url: string): Promise<PageInstance> {
  const page = await openPage(url);
  await phone.idle();
  return page;
}

/** Where the last tap navigated. */
const lastNavigation = () => phone.navigations[phone.navigations.length - 1] ?? '';

const ids = (items: unknown) =>
  (items as { groupId?: string; activityId?: string }[]).map((i) => i.groupId ?? i.activityId);

/** On the checkout page: pick the pickup point, pay, and wait for CloudPay's notification to land. */
async function payAtCheckout(checkout: PageInstance, pickupPointId: string) {
  await call(checkout, 'onPickupPoint', eventWith({ value: pickupPointId }));
  expect(checkout.data).toMatchObject({ reason: '', pay: { disabled: false } });
  await call(checkout, 'onPay');
  await phone.idle();
  await platform.settle();
}

/** A journey walks many pages and functions end to end (~8 s idle): like the browser stories, 90 s each. */
const JOURNEY_BUDGET_MS = 90_000;

describe('a shopper journey through the pages, in local mode', () => {
  it(
    'home → activity → open and pay → share → a friend joins and pays → 待发货 in 订单 and the detail',
    async () => {
      const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 2 });

      // The leader, location refused: home lists the activity; the nearby section offers the district picker.
      handTo('o-journey-leader', false);
      const home = await open('/pages/home/index');
      expect(home.data.hot).toMatchObject({ state: 'ready' });
      expect(ids((home.data.hot as { items: unknown }).items)).toContain(fx.activityId);
      expect(home.data.nearby).toMatchObject({ by: 'district', district: '' });

      await call(home, 'onOpenActivity', tapOn({ activityId: fx.activityId }));
      const activity = await open(lastNavigation());
      expect(activity.data.state).toBe('ready');
      await call(activity, 'onOpen');
      expect(lastNavigation()).toContain('mode=open');

      const checkout = await open(lastNavigation());
      expect(checkout.data).toMatchObject({ state: 'ready', reason: '请选择收货方式', pay: { disabled: true } });
      await payAtCheckout(checkout, pickupAt(fx).pickupPointId);
      expect(lastNavigation()).toMatch(/^\/packages\/group\/pages\/group\/index\?groupId=G/);

      const group = await open(lastNavigation());
      const groupId = (group.data.group as { groupId: string }).groupId;
      expect(group.data.status).toMatchObject({ actions: [{ kind: 'share' }, { kind: 'poster' }] });
      const card = (await call(group, 'onShareAppMessage')) as { title: string; path: string };
      expect(card.title).toContain('还差1人');
      expect(card.path).toContain(`groupId=${groupId}&from=`);
      await call(group, 'onUnload'); // stops following the group

      // The friend taps the card, location allowed: home now shows the leader's group twice over.
      handTo('o-journey-friend', true);
      const landing = await open(card.path);
      expect(landing.data.status).toMatchObject({ actions: [{ kind: 'join', text: '立即参团' }] });
      const friendsHome = await open('/pages/home/index');
      expect(ids((friendsHome.data.friends as { items: unknown }).items)).toEqual([groupId]);
      expect(ids((friendsHome.data.nearby as { items: unknown }).items)).toContain(groupId);

      await call(landing, 'onAction', tapOn({ kind: 'join' }));
      await call(landing, 'onUnload');
      expect(lastNavigation()).toContain('mode=join');
      const join = await open(lastNavigation());
      await payAtCheckout(join, pickupAt(fx).pickupPointId);

      const orders = await open('/pages/orders/index');
      const [order] = orders.data.orders as { orderId: string; statusLabel: string }[];
      expect(order?.statusLabel).toBe('待发货');
      await call(orders, 'onOrderAction', eventWith({ action: 'detail', orderId: order?.orderId }));
      const detail = await open(lastNavigation());
      expect(detail.data.order).toMatchObject({
        statusLabel: '待发货',
        explanation: expect.stringContaining('拼团成功'),
      });

      // Back to the leader: 我的 knows them, 我的拼团 shows the group as succeeded.
      handTo('o-journey-leader', false);
      const me = await open('/pages/me/index');
      expect(me.data).toMatchObject({ state: 'ready', profile: { nickname: '微信用户' } });
      await call(me, 'onSaveProfile', { detail: { value: { nickname: '山城老王' } } });
      expect(me.data).toMatchObject({ editing: false, profile: { nickname: '山城老王' } });
      const seenByOthers = await open(`/packages/group/pages/group/index?groupId=${groupId}`);
      expect((seenByOthers.data.group as { members: { nickname: string }[] }).members[0]?.nickname).toBe('山**王');
      await call(seenByOthers, 'onUnload');
      const myGroups = await open('/packages/me/pages/my-groups/index');
      expect(myGroups.data.groups).toMatchObject([{ groupId, statusText: expect.stringContaining('拼团成功') }]);
      expect(phone.toasts).toEqual(['已保存']); // and no error anywhere on the way
    },
    JOURNEY_BUDGET_MS,
  );

  it(
    'a group that runs out of time: both see 已退款 in the 退款 tab, the detail and the group page',
    async () => {
      const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3 });
      handTo('o-late-leader', false);
      const opened = await open(`/packages/order/pages/checkout/index?mode=open&activityId=${fx.activityId}`);
      await payAtCheckout(opened, pickupAt(fx).pickupPointId);
      const groupUrl = lastNavigation();
      handTo('o-late-friend', false);
      const landing = await open(groupUrl);
      await call(landing, 'onAction', tapOn({ kind: 'join' }));
      await call(landing, 'onUnload');
      await payAtCheckout(await open(lastNavigation()), pickupAt(fx).pickupPointId);

      const groupId = new URLSearchParams(groupUrl.split('?')[1]).get('groupId') ?? '';
      await platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() - 1000 } });
      await platform.emulator.runner.invoke('expireGroups', {}, { source: 'scf' });
      await platform.settle();

      for (const openid of ['o-late-leader', 'o-late-friend']) {
        handTo(openid, false);
        const orders = await open('/pages/orders/index');
        await call(orders, 'onTabChange', eventWith({ value: 'refund' }));
        await phone.idle();
        const rows = orders.data.orders as { orderId: string; statusLabel: string }[];
        expect(rows.map((o) => o.statusLabel)).toEqual(['已退款']);
        await call(orders, 'onOrderAction', eventWith({ action: 'detail', orderId: rows[0]?.orderId }));
        const detail = await open(lastNavigation());
        expect(detail.data.order).toMatchObject({
          statusLabel: '已退款',
          refundRows: expect.arrayContaining([expect.objectContaining({ value: '已原路退回' })]),
        });
        const group = await open(groupUrl);
        expect(group.data.status).toMatchObject({ headline: expect.stringContaining('未成功') });
        await call(group, 'onUnload');
      }
    },
    JOURNEY_BUDGET_MS,
  );
});
