/**
 * The shopper's flows in local mode, as the pages run them against `npm start`: every call goes through
 * `services/cloud.ts` to the real functions behind the emulator's gateway; paying and accepting messages go
 * through `services/payment.ts` to the emulator's stand-ins for WeChat; what the shopper reads comes from the
 * pages' own view logic (group page, 订单 tab, order detail, home).
 */
import type { Envelope, payOrderContract, ResponseOf } from '@shared/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pickupAt, seedCatalog } from '../../shared/src/server/testing/group-buy.fixtures';
import { usePlatform } from '../../shared/src/server/testing/use-platform';
import { orderCardView } from '../components/order-card/view';
import { groupPageView, groupTarget, shareMessage } from '../packages/group/pages/group/view';
import { orderDetailLoaded } from '../packages/order/pages/detail/view';
import { friendsSection } from '../pages/home/view';
import { ordersRequest } from '../pages/orders/view';
import { callFunction, initCloud } from './cloud';
import { askForMessages, pay } from './payment';
import { login, rememberSharer, resetLogin, sharer } from './session';

const platform = usePlatform();

/** `wx.request` over fetch: the transport local mode uses. JSON answers only, as the gateway gives. */
const request = (options: WechatMiniprogram.RequestOption) => {
  fetch(options.url, {
    method: options.method ?? 'GET',
    headers: options.header as Record<string, string>,
    body: JSON.stringify(options.data),
  })
    .then(async (res) => options.success?.({ statusCode: res.status, data: await res.json() } as never))
    .catch((error: unknown) => options.fail?.({ errMsg: String(error) } as never));
};

/** One phone's storage: each shopper in a flow has their own. */
let storage = new Map<string, unknown>();

beforeAll(() => {
  vi.stubGlobal('wx', {
    request,
    cloud: { init: () => undefined },
    setStorageSync: (key: string, value: unknown) => storage.set(key, value),
    getStorageSync: (key: string) => storage.get(key) ?? '',
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});
beforeEach(() => {
  storage = new Map();
});

/** The phone in the shopper's hand: local mode as this openid, a fresh login and storage. */
function pickUp(openid: string) {
  initCloud({ mode: 'local', gatewayUrl: platform.emulator.url, openid });
  resetLogin();
  storage = new Map();
}

async function ok<T>(answer: Promise<{ ok: true; data: T } | { ok: false; error: { code: string } }>): Promise<T> {
  const envelope = await answer;
  if (!envelope.ok) throw new Error(envelope.error.code);
  return envelope.data;
}

/** What the 订单 tab shows on a tab: each card's status as the shopper reads it. */
async function orderCards(tab: Parameters<typeof ordersRequest>[0] = 'all') {
  const { items } = await ok(callFunction('listMyOrders', ordersRequest(tab, 0)));
  return items.map((item) => orderCardView(item, Date.now()).statusText);
}

/** The pay tap: messages first, then the order function, then WeChat Pay (the sandbox here). */
async function payTap<T extends ResponseOf<typeof payOrderContract>>(place: () => Promise<Envelope<T>>) {
  expect(await askForMessages()).toHaveLength(2);
  const placed = await ok(place());
  expect(await pay(placed.orderId, placed.payment)).toBe('paid');
  await platform.settle();
  return placed;
}

/** The query of a share path, as the page's `onLoad` receives it. */
const queryOf = (path: string) => Object.fromEntries(new URLSearchParams(path.split('?')[1] ?? ''));

describe('shopper flows in local mode', () => {
  it('open, share, a friend joins, both pay: the group succeeds and both orders show 待发货', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 2 });

    pickUp('o-flow-leader');
    const leader = await ok(login());
    const opened = await payTap(() =>
      callFunction('openGroup', { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) }),
    );
    const page = groupPageView(await callFunction('getGroup', { groupId: opened.groupId }), Date.now());
    expect(page.status?.actions.map((a) => a.text)).toEqual(['邀请好友参团', '生成海报']);
    const card = shareMessage(opened.groupId, page.group, leader.ref);
    expect(card.title).toContain('还差1人');

    // The friend taps the card in the chat: the group page opens with the card's query.
    pickUp('o-flow-friend');
    const target = groupTarget(queryOf(card.path));
    expect(target).toEqual({ groupId: opened.groupId, ref: leader.ref });
    rememberSharer(target?.ref);
    const friends = friendsSection(await callFunction('listGroups', { by: 'leader', ref: sharer() ?? '' }));
    expect(friends.items.map((g) => g.groupId)).toContain(opened.groupId);
    const landing = groupPageView(await callFunction('getGroup', { groupId: opened.groupId }), Date.now());
    expect(landing.status?.actions.map((a) => a.text)).toEqual(['立即参团']);
    await payTap(() => callFunction('joinGroup', { groupId: opened.groupId, quantity: 1, delivery: pickupAt(fx) }));

    expect(await orderCards()).toEqual(['待发货']);
    expect(await orderCards('to_ship')).toEqual(['待发货']);
    pickUp('o-flow-leader');
    expect(await orderCards()).toEqual(['待发货']);
    const after = groupPageView(await callFunction('getGroup', { groupId: opened.groupId }), Date.now());
    expect(after.status?.headline).toContain('拼团成功');

    // Both accepted the messages at the pay tap: the group's result reaches each of them once.
    await platform.emulator.runner.invoke('sendNotifications', {}, { source: 'scf' });
    const results = platform.emulator.openapi.outbox().filter((m) => m.templateId === 'TPL_GROUP_RESULT');
    expect(results.map((m) => m.touser).sort()).toEqual(['o-flow-friend', 'o-flow-leader']);
  });

  it('a group that expires: both paid orders show the refund', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3 });
    pickUp('o-exp-leader');
    const opened = await payTap(() =>
      callFunction('openGroup', { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) }),
    );
    pickUp('o-exp-friend');
    const joined = await payTap(() =>
      callFunction('joinGroup', { groupId: opened.groupId, quantity: 1, delivery: pickupAt(fx) }),
    );

    await platform.update('groups', { _id: opened.groupId }, { $set: { deadlineAt: Date.now() - 1000 } });
    await platform.emulator.runner.invoke('expireGroups', {}, { source: 'scf' });
    await platform.settle();

    for (const [openid, orderId] of [
      ['o-exp-leader', opened.orderId],
      ['o-exp-friend', joined.orderId],
    ] as const) {
      pickUp(openid);
      expect(await orderCards()).toEqual(['已退款']);
      expect(await orderCards('refund')).toEqual(['已退款']);
      const detail = orderDetailLoaded(await callFunction('getOrder', { orderId }), Date.now());
      if (detail.state !== 'ready') throw new Error(detail.message);
      expect(detail.order.statusLabel).toBe('已退款');
      expect(detail.order.refundRows.map((r) => r.value)).toContain('已原路退回');
      const page = groupPageView(await callFunction('getGroup', { groupId: opened.groupId }), Date.now());
      expect(page.status?.headline).toContain('未成功');
    }
  });

  it('a cancelled payment is paid later from the order, once', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d));
    pickUp('o-later');
    const opened = await ok(
      callFunction('openGroup', { activityId: fx.activityId, quantity: 1, delivery: pickupAt(fx) }),
    );
    expect(await orderCards('pending_payment')).toEqual(['待付款']);
    const again = await ok(callFunction('payOrder', { orderId: opened.orderId }));
    expect(await pay(again.orderId, again.payment)).toBe('paid');
    await platform.settle();
    expect(await orderCards()).toEqual(['待成团']);
    expect(await pay(opened.orderId, opened.payment)).toBe('failed'); // the sandbox refuses a second payment
  });

  it('turns a gateway failure into UNAVAILABLE', async () => {
    initCloud({ mode: 'local', gatewayUrl: 'http://127.0.0.1:9', openid: 'o-x' });
    expect(await callFunction('ping', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});
