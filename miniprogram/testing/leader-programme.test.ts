/**
 * The 团长 programme end to end in local mode (issue 17's done-when), on the real pages and functions through the
 * emulator: a shopper applies on 申请成为团长 with their own shop as a new point, ops approve (the console's
 * call), the merchant sets the activity's commission rule; the new 团长 opens a group from 开团工具 and shares the
 * card; three neighbours open it, join and pay at checkout (two collect at the 团长's point, one at another); the
 * group succeeds; the merchant sends each point its batch and marks it arrived; the 团长 scans each pickup QR at
 * 自提点工作台 (the other point's code is refused; its shopper collects there) and 团员管理 shows everyone collected;
 * the after-sales window passes and the jobs settle; 我的收益 shows what the rule gives on what was paid, computed
 * here; the 团长 withdraws all of it, ops approve, WeChat pays, 确认收款, 已到账; the dashboard counts the funnel.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, staffToken } from '../../shared/src/server/testing/fulfilment';
import { seedCatalog } from '../../shared/src/server/testing/group-buy.fixtures';
import { answerApplication } from '../../shared/src/server/testing/leaders';
import { job } from '../../shared/src/server/testing/ops';
import { arriveAtPoint } from '../../shared/src/server/testing/pickup-desk';
import { usePlatform } from '../../shared/src/server/testing/use-platform';
import { payoutNow } from '../../shared/src/server/testing/withdrawals';
import { call, eventWith, type PageInstance, tapOn } from './page-runner';
import { shopperPhone } from './phone';

const platform = usePlatform();
const phone = shopperPhone(() => platform);
const { open, tap, lastNavigation, payAtCheckout } = phone;
afterAll(() => phone.putDown());

/** Like the other journeys, but the whole programme: many pages, functions, jobs and both sandboxes. */
const STORY_BUDGET_MS = 120_000;

const STATUS_PAGE = '/packages/leader/pages/status/index';
const GROUP_PRICE = 2_990;
/** 12.5% of what each order paid (so halves of a fen are rounded down), and ¥6 for the group's success. */
const RULE = { base: { kind: 'rate', basisPoints: 1_250 }, groupBonus: 600 } as const;

let ops = '';
beforeAll(async () => {
  ops = await staffToken(platform, 'programme-ops');
});

const figures = (page: PageInstance) =>
  Object.fromEntries(
    ((page.data.balance as { figures: { label: string; value: string }[] }).figures ?? []).map((f) => [
      f.label,
      f.value,
    ]),
  );
const withdrawalRows = (page: PageInstance) =>
  page.data.withdrawals as { withdrawalId: string; statusLabel: string; canConfirm: boolean }[];
const yuan = (fenAmount: number) => `¥${(fenAmount / 100).toFixed(2)}`;

/** The holder of the phone opens 团长中心's entry `title` from their status page; answers the page it opens. */
async function fromCentre(title: string): Promise<PageInstance> {
  const status = await open(STATUS_PAGE);
  const centre = (status.data.leader as { centre: { title: string; url: string }[] }).centre;
  await tap(status, 'onOpenCentre', tapOn({ url: centre.find((c) => c.title === title)?.url }));
  return open(lastNavigation());
}

/** The pickup code the holder's order page draws as its QR. */
async function qrOnOrderPage(orderId: string): Promise<string> {
  const detail = await open(`/packages/order/pages/detail/index?orderId=${orderId}`);
  return (detail.data.order as { pickup: { code: string } }).pickup.code;
}

describe('the 团长 programme, in local mode', () => {
  it(
    'apply → approved → 开团 and share → neighbours pay → arrived → 核销 → window closes → withdraw what was earned',
    async () => {
      const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 4, groupPrice: GROUP_PRICE });
      const merchantId = String((await platform.get('activities', fx.activityId))?.merchantId);
      const merchant = await staffToken(platform, 'programme-m', merchantId);
      const otherPoint = fx.pickupPointId;

      // 1. 李姐 applies on the pages with her own shop, placed on WeChat's map; ops approve her.
      const leader = 'o-programme-li';
      phone.handTo(leader);
      const status = await open(STATUS_PAGE);
      await tap(status, 'onApply');
      const form = await open(lastNavigation());
      await tap(form, 'onName', eventWith({ value: '李秀英' }));
      await tap(form, 'onPhone', eventWith({ value: '13912345678' }));
      await tap(form, 'onCommunity', eventWith({ value: '民族路社区' }));
      await tap(form, 'onMode', eventWith({ value: 'new_shop' }));
      await tap(form, 'onShopName', eventWith({ value: '李姐便利店' }));
      await tap(form, 'onChooseLocation');
      await tap(form, 'onShopAddress', eventWith({ value: '渝中区民族路 1 号' }));
      await tap(form, 'onSubmit');
      expect(phone.toasts.at(-1)).toBe('已提交团长申请');
      const applied = await open(STATUS_PAGE);
      const { applicationId } = applied.data.leader as { applicationId: string };
      const approval = await answerApplication(platform, 'approveLeaderApplication', applicationId, ops);
      expect(approval.body.ok).toBe(true);
      await tap(applied, 'onShow');
      expect(applied.data.leader).toMatchObject({ title: '已通过' });
      const leaderPoint = String((await platform.get('leaders', leader))?.pickupPointId);
      expect(await platform.get('pickup_points', leaderPoint)).toMatchObject({
        name: '李姐便利店',
        keeperOpenid: leader,
      });

      // 2. The merchant sets the activity's commission rule in the console.
      await act(
        platform,
        'setCommissionRule',
        { activityId: fx.activityId, rule: RULE, requestKey: randomUUID() },
        merchant,
      );

      // 3. 开团工具: 一键开团 at her point, paid; the group page's card carries her ref.
      const tool = await fromCentre('开团工具');
      expect(tool.data).toMatchObject({ state: 'ready', pickupPointId: leaderPoint });
      await tap(tool, 'onOpenGroup', tapOn({ activityId: fx.activityId }));
      await platform.settle();
      expect(phone.toasts).toContain('开团成功，快分享给邻居吧');
      const groupPage = await open(lastNavigation());
      const card = (await call(groupPage, 'onShareAppMessage')) as { path: string };
      await call(groupPage, 'onUnload');
      expect(card.path).toMatch(/from=[0-9a-z]{8}/);

      // 4. Three neighbours open the card, join and pay: two collect at her point (one buys two), one elsewhere.
      const neighbours = [
        { openid: 'o-programme-n1', quantity: 1, point: leaderPoint },
        { openid: 'o-programme-n2', quantity: 2, point: leaderPoint },
        { openid: 'o-programme-n3', quantity: 1, point: otherPoint },
      ];
      for (const n of neighbours) {
        phone.handTo(n.openid);
        const landing = await open(card.path);
        await tap(landing, 'onAction', tapOn({ kind: 'join' }));
        const checkout = await open(lastNavigation());
        if (n.quantity > 1) await tap(checkout, 'onQuantity', eventWith({ value: n.quantity }));
        await payAtCheckout(checkout, n.point);
        await call(landing, 'onUnload');
      }
      const groupId = String(new URL(card.path, 'https://x').searchParams.get('groupId'));
      expect(await platform.get('groups', groupId)).toMatchObject({ status: 'succeeded' });

      // Every order as paid: who, how many, where, and the total WeChat took.
      const buyers = [{ openid: leader, quantity: 1, point: leaderPoint }, ...neighbours];
      const orders = await Promise.all(
        buyers.map(async (b) => {
          const [order] = await platform.find('orders', { openid: b.openid, groupId });
          expect(order).toMatchObject({
            status: 'to_ship',
            quantity: b.quantity,
            delivery: { pickupPointId: b.point },
          });
          const paid = platform.emulator.pay.order(String(order?._id));
          expect(paid?.totalFee).toBe(GROUP_PRICE * b.quantity);
          return { ...b, orderId: String(order?._id), paid: paid?.totalFee ?? 0 };
        }),
      );
      const atHers = orders.filter((o) => o.point === leaderPoint);
      const atOther = orders.filter((o) => o.point === otherPoint);

      // 5. The merchant sends each point its batch and marks it arrived.
      await arriveAtPoint(
        platform,
        merchant,
        leaderPoint,
        atHers.map((o) => o.orderId),
      );
      await arriveAtPoint(
        platform,
        merchant,
        otherPoint,
        atOther.map((o) => o.orderId),
      );

      // 6. The 团长's desk: the arrivals; each shopper's QR scanned; the other point's code refused.
      const codes = new Map<string, string>();
      for (const o of orders) {
        phone.handTo(o.openid);
        codes.set(o.orderId, await qrOnOrderPage(o.orderId));
      }
      phone.handTo(leader);
      const desk = await fromCentre('自提点工作台');
      expect(desk.data).toMatchObject({
        state: 'ready',
        desk: { pointName: '李姐便利店', arrivals: [{ units: '4 件（3 单）', waiting: '待取 4 件' }] },
      });
      expect((desk.data.desk as { due: unknown[] }).due).toHaveLength(atHers.length);
      for (const o of atOther) {
        phone.aimAt(codes.get(o.orderId) ?? '');
        await tap(desk, 'onScan');
        expect(phone.toasts.at(-1)).toBe('取货码不正确，或该订单不在本自提点');
        expect((await platform.get('orders', o.orderId))?.status).toBe('at_pickup_point');
      }
      for (const o of atHers) {
        phone.aimAt(codes.get(o.orderId) ?? '');
        await tap(desk, 'onScan');
        expect(phone.toasts.at(-1)).toBe('核销成功，请交付商品');
      }
      expect(desk.data.desk).toMatchObject({ arrivals: [{ waiting: '已取完' }], due: [] });
      // The other point's shopper collects there, checked by the merchant in the console.
      for (const o of atOther) {
        await act(platform, 'verifyPickup', { pickupPointId: otherPoint, code: codes.get(o.orderId) }, merchant);
      }
      const members = await fromCentre('团员管理');
      expect(members.data.groups).toMatchObject([
        { groupId, summary: `已付 ${orders.length}/4 · 已取 ${orders.length}` },
      ]);

      // 7. Seven days pass: each collected order's after-sales window closes (its dates move back, as time
      // passing would), then the jobs complete the orders and settle the commissions.
      for (const o of orders) {
        const doc = await platform.get('orders', o.orderId);
        expect(doc?.status).toBe('picked_up');
        const shift = (doc?.afterSaleEndsAt as number) - Date.now() + 1_000;
        await platform.update(
          'orders',
          { _id: o.orderId },
          {
            $set: {
              receivedAt: (doc?.receivedAt as number) - shift,
              afterSaleEndsAt: (doc?.afterSaleEndsAt as number) - shift,
            },
          },
        );
      }
      expect(await job(platform, 'completeOrders')).toMatchObject({ completed: orders.length });
      await job(platform, 'settleCommissions');

      // What the rule gives, computed here: 12.5% of each order's payment, rounded down to the fen, once for
      // opening the group (every order) and once for keeping the point (the orders collected there), and the bonus.
      const rate = (paid: number) => Math.floor((paid * RULE.base.basisPoints) / 10_000);
      const earned =
        orders.reduce((sum, o) => sum + rate(o.paid), 0) +
        atHers.reduce((sum, o) => sum + rate(o.paid), 0) +
        RULE.groupBonus;
      expect(earned).toBe(3_959);

      // 8. 我的收益: all of it withdrawable; withdrawn whole, approved, paid, confirmed, arrived.
      const earnings = await fromCentre('我的收益');
      expect(figures(earnings)).toEqual({ 可提现: yuan(earned), 待结算: '¥0.00', 已提现: '¥0.00', 提现中: '¥0.00' });
      await tap(earnings, 'onAll');
      expect(earnings.data.amountText).toBe((earned / 100).toFixed(2));
      await tap(earnings, 'onWithdraw');
      expect(phone.toasts.at(-1)).toBe('已提交提现申请，等待平台审核');
      const [asked] = withdrawalRows(earnings);
      const withdrawalId = asked?.withdrawalId ?? '';
      expect(asked).toMatchObject({ statusLabel: '待审核' });
      await act(platform, 'approveWithdrawal', { withdrawalId, requestKey: `approve-${withdrawalId}` }, ops);
      await payoutNow(platform, withdrawalId);
      await tap(earnings, 'onShow');
      expect(withdrawalRows(earnings)[0]).toMatchObject({ withdrawalId, canConfirm: true });
      await tap(earnings, 'onConfirm', tapOn({ withdrawalId }));
      await platform.settle();
      await tap(earnings, 'onShow');
      expect(withdrawalRows(earnings)[0]).toMatchObject({ withdrawalId, statusLabel: '已到账' });
      expect(platform.emulator.transfer.bill(withdrawalId)).toMatchObject({ openid: leader, amountFen: earned });
      expect(figures(earnings)).toEqual({ 可提现: '¥0.00', 待结算: '¥0.00', 已提现: yuan(earned), 提现中: '¥0.00' });

      // 9. 团长中心's dashboard counts it: one group, succeeded, its three members besides her (her own order is in the
      // sales); the three neighbours through the card, from opening it to paying.
      const dashboard = await fromCentre('数据看板');
      const view = dashboard.data.view as {
        figures: { label: string; value: string }[];
        funnel: { label: string; count: number }[];
      };
      const sales = orders.reduce((sum, o) => sum + o.paid, 0);
      expect(view.figures).toEqual([
        { label: '开团数', value: '1' },
        { label: '成团率', value: '100%' },
        { label: '付款团员', value: String(neighbours.length) },
        { label: '成交金额', value: yuan(sales) },
      ]);
      expect(view.funnel.map((s) => [s.label, s.count])).toEqual([
        ['打开分享', neighbours.length],
        ['查看详情', neighbours.length],
        ['下单', neighbours.length],
        ['支付', neighbours.length],
      ]);
    },
    STORY_BUDGET_MS,
  );
});
