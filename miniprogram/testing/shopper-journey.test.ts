/**
 * A shopper's journey through the real pages in local mode: each page's own `index.ts` runs (loading,
 * handlers, navigation), its calls go through services/cloud.ts to the bundled functions behind the
 * emulator's gateway, and paying goes to the emulator's CloudPay sandbox. What is checked is each page's
 * `data`, which is exactly what its template renders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAct } from '../../shared/src/server/testing/after-sales';
import { act, orderDoc, staffToken } from '../../shared/src/server/testing/fulfilment';
import { pickupAt, seedCatalog } from '../../shared/src/server/testing/group-buy.fixtures';
import { usePlatform } from '../../shared/src/server/testing/use-platform';
import { call, eventWith, tapOn } from './page-runner';
import { shopperPhone } from './phone';

const platform = usePlatform();
const phone = shopperPhone(() => platform);
const { open, lastNavigation, payAtCheckout } = phone;
const handTo = (openid: string, allowsLocation: boolean) => phone.handTo(openid, { allowsLocation });

afterAll(() => phone.putDown());

const ids = (items: unknown) =>
  (items as { groupId?: string; activityId?: string }[]).map((i) => i.groupId ?? i.activityId);

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

describe('after 成团, through the pages, in local mode', { timeout: JOURNEY_BUDGET_MS }, () => {
  const M = 'm-journey';
  let merchant = '';
  beforeAll(async () => {
    merchant = await staffToken(platform, 'journey-merchant', M);
  });

  it('a parcel by express: its track on the order, 确认收货, then a return with a photo and its waybill', async () => {
    const shopper = 'o-journey-parcel';
    const order = orderDoc({ merchantId: M, openid: shopper, title: '奉节脐橙 5kg', spec: '5kg' });
    await platform.insert('orders', [order]);
    await act(
      platform,
      'shipOrders',
      { shipments: [{ orderId: order._id, carrier: 'zhongtong', trackingNo: '78900001' }] },
      merchant,
    );
    // The carrier scanned it yesterday; it has reached the 重庆转运中心 since.
    platform.emulator.kuaidi100.register({ com: 'zhongtong', num: '78900001', journeyMs: 24 * 3_600_000 });
    platform.emulator.kuaidi100.advance('zhongtong', '78900001', 10 * 3_600_000);

    handTo(shopper, false);
    const detail = await open(`/packages/order/pages/detail/index?orderId=${order._id}`);
    expect(detail.data.order).toMatchObject({
      statusLabel: '已发货',
      shipmentRows: [{ label: '快递公司', value: '中通快递' }, expect.anything()],
      trackingNo: '78900001',
      canConfirmReceipt: true,
      canApplyAfterSale: true,
      afterSale: null,
    });
    const track = detail.data.track as { stateLabel: string; steps: { text: string; latest: boolean }[]; note: string };
    expect(track.stateLabel).toBe('运输中');
    expect(track.steps.length).toBeGreaterThanOrEqual(3);
    expect(track.steps[0]).toMatchObject({ text: expect.stringContaining('重庆转运中心'), latest: true });
    expect(track.steps.at(-1)?.text).toContain('已揽收');
    expect(track.note).toBe('');

    await call(detail, 'onConfirmReceipt');
    await phone.idle();
    expect(detail.data.order).toMatchObject({
      statusLabel: '已收货',
      explanation: expect.stringContaining('前如有问题可申请售后'),
      canConfirmReceipt: false,
      canApplyAfterSale: true,
    });
    expect(phone.toasts.at(-1)).toBe('已确认收货');

    // 申请售后: 退货退款 for a quality problem, with a photo taken, for the whole amount.
    await call(detail, 'onApplyAfterSale');
    const apply = await open(lastNavigation());
    expect(apply.data).toMatchObject({
      state: 'ready',
      view: { typeOptions: [{ label: '仅退款' }, { label: '退货退款' }, { label: '换货' }], showAmount: true },
    });
    await call(apply, 'onType', eventWith({ value: 'return_refund' }));
    await call(apply, 'onReason', eventWith({ value: 2 })); // 质量问题
    await call(apply, 'onDescription', eventWith({ value: '有三个橙子坏了' }));
    await call(apply, 'onAddPhoto');
    await phone.idle();
    const photos = (apply.data.form as { photos: { fileId: string }[] }).photos;
    expect(photos).toEqual([
      { path: 'http://tmp/after-sale-photo.png', fileId: expect.stringMatching(`/after-sales/${shopper}/`) },
    ]);
    await call(apply, 'onSubmit');
    await phone.idle();
    expect(lastNavigation()).toMatch(/^\/packages\/after-sale\/pages\/detail\/index\?afterSaleId=/);
    const progress = await open(lastNavigation());
    expect(progress.data.afterSale).toMatchObject({
      statusLabel: '待商家处理',
      rows: expect.arrayContaining([
        { label: '售后类型', value: '退货退款' },
        { label: '申请金额', value: '¥19.90' },
      ]),
      description: '有三个橙子坏了',
      photos: [expect.stringContaining(`/after-sales/${shopper}/`)],
      canWithdraw: true,
      canSubmitReturn: false,
    });

    // The merchant agrees: the shopper sends the oranges back and enters the waybill.
    const { afterSaleId } = progress.data.afterSale as { afterSaleId: string };
    const approved = await staffAct(platform, 'approveAfterSale', afterSaleId, merchant);
    expect(approved.body.ok).toBe(true);
    await call(progress, 'onShow');
    await phone.idle();
    expect(progress.data.afterSale).toMatchObject({ statusLabel: '待寄回商品', canSubmitReturn: true });
    await call(progress, 'onCarrierChange', eventWith({ value: 2 })); // 圆通速递
    await call(progress, 'onTrackingNoInput', eventWith({ value: 'YT 9876 5432 10' }));
    await call(progress, 'onSubmitReturn');
    expect(progress.data.afterSale).toMatchObject({
      statusLabel: '商品寄回中',
      returnRows: [
        { label: '快递公司', value: '圆通速递' },
        { label: '运单号', value: 'YT9876543210' },
        expect.anything(),
      ],
      canSubmitReturn: false,
      canWithdraw: false,
    });
    expect(phone.toasts.at(-1)).toBe('已提交运单号');

    // The order shows the request under way and offers no second one; 我的售后 lists it.
    await call(detail, 'onShow');
    await phone.idle();
    expect(detail.data.order).toMatchObject({
      afterSale: { afterSaleId, text: '退货退款 · 商品寄回中' },
      canApplyAfterSale: false,
    });
    const mine = await open('/packages/after-sale/pages/list/index');
    expect(mine.data.rows).toMatchObject([{ afterSaleId, statusLabel: '商品寄回中', open: true }]);
  });

  it('an order on its way to the pickup point, then waiting there with its pickup code (what the QR code draws)', async () => {
    const shopper = 'o-journey-pickup';
    const order = orderDoc({ merchantId: M, openid: shopper, pickupPointId: 'pp-journey' });
    await platform.insert('orders', [order]);
    const { batchId } = await act<{ batchId: string }>(
      platform,
      'dispatchToPickupPoint',
      { pickupPointId: 'pp-journey', orderIds: [order._id], requestKey: 'journey-batch-01' },
      merchant,
    );

    handTo(shopper, false);
    const detail = await open(`/packages/order/pages/detail/index?orderId=${order._id}`);
    expect(detail.data.order).toMatchObject({ statusLabel: '已发货', pickup: null, canConfirmReceipt: false });
    expect(detail.data.track).toBeNull();

    await act(platform, 'markBatchArrived', { batchId }, merchant);
    await call(detail, 'onShow');
    await phone.idle();
    const code = String((await platform.get('orders', order._id))?.pickupCode);
    expect(code).toMatch(/^\d{6}$/);
    expect(detail.data.order).toMatchObject({
      statusLabel: '待取货',
      pickup: { code, codeText: `${code.slice(0, 3)} ${code.slice(3)}`, pointName: '自提点pp-journey' },
      shipmentRows: [{ label: '发往自提点' }, { label: '到达自提点' }],
      canConfirmReceipt: false,
      canApplyAfterSale: true,
    });
  });
});
