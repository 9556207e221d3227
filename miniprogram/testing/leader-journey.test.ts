/**
 * A 团长's journey through the real leader pages in local mode: 开团工具 lists the live activity and 一键开团 opens
 * and pays a group at the leader's point, the group page shares the card, neighbours open it (the group page reports
 * their visits) and one joins and pays through checkout (the order carries the leader's ref), and 团长中心 shows the
 * group, the sales and the funnel.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { leaderDoc, RULE } from '../../shared/src/server/testing/commissions';
import { pickupAt, seedCatalog } from '../../shared/src/server/testing/group-buy.fixtures';
import { usePlatform } from '../../shared/src/server/testing/use-platform';
import { call, tapOn } from './page-runner';
import { shopperPhone } from './phone';

const platform = usePlatform();
const phone = shopperPhone(() => platform);
const { open, lastNavigation, payAtCheckout } = phone;

afterAll(() => phone.putDown());

/** Like the shopper's journeys: many pages and functions end to end. */
const JOURNEY_BUDGET_MS = 90_000;

describe('a 团长 through 开团工具 and 团长中心, in local mode', () => {
  it(
    '一键开团 → share the card → two neighbours open it, one joins and pays → the dashboard counts it',
    async () => {
      const fx = await seedCatalog((c, d) => platform.insert(c, d), { groupSize: 3 });
      await platform.update('activities', { _id: fx.activityId }, { $set: { commission: RULE } });
      const leader = 'o-lj-leader';
      await platform.insert('leaders', [leaderDoc(leader, fx.pickupPointId)]);

      phone.handTo(leader);
      const tool = await open('/packages/leader/pages/open/index');
      expect(tool.data).toMatchObject({ state: 'ready', pickupPointId: fx.pickupPointId });
      expect(tool.data.cards).toContainEqual(
        expect.objectContaining({ activityId: fx.activityId, commission: '佣金：实付 10%，成团奖励 ¥5.00' }),
      );
      await phone.tap(tool, 'onOpenGroup', tapOn({ activityId: fx.activityId }));
      await platform.settle();
      expect(phone.toasts).toContain('开团成功，快分享给邻居吧');
      const group = await open(lastNavigation());
      const card = (await call(group, 'onShareAppMessage')) as { path: string };
      await call(group, 'onUnload');
      expect(card.path).toMatch(/from=[0-9a-z]{8}/);

      for (const neighbour of ['o-lj-n1', 'o-lj-n2']) {
        phone.handTo(neighbour);
        const landing = await open(card.path);
        expect(landing.data.status).toMatchObject({ actions: [{ kind: 'join' }] });
        if (neighbour === 'o-lj-n1') {
          await call(landing, 'onAction', tapOn({ kind: 'join' }));
          await payAtCheckout(await open(lastNavigation()), pickupAt(fx).pickupPointId);
        }
        await call(landing, 'onUnload');
      }

      phone.handTo(leader);
      const dashboard = await open('/packages/leader/pages/dashboard/index');
      expect(dashboard.data).toMatchObject({ state: 'ready', period: 'today' });
      const view = dashboard.data.view as {
        tabs: { period: string; active: boolean }[];
        figures: { label: string; value: string }[];
        earnings: { label: string; value: string }[];
        funnel: { label: string; count: number; rate: string }[];
      };
      expect(view.figures).toEqual([
        { label: '开团数', value: '1' },
        { label: '成团率', value: '—' },
        { label: '付款团员', value: '1' },
        { label: '成交金额', value: '¥59.80' },
      ]);
      // The leader opened the group and keeps its point: both orders earn them 10% twice, waiting for the group.
      expect(view.earnings).toEqual([{ label: '待成团', value: '¥11.96' }]);
      expect(view.funnel.map((s) => [s.label, s.count, s.rate])).toEqual([
        ['打开分享', 2, ''],
        ['查看详情', 2, '100%'],
        ['下单', 1, '50%'],
        ['支付', 1, '100%'],
      ]);
      await call(dashboard, 'onPeriod', tapOn({ period: 'days30' }));
      expect((dashboard.data.view as typeof view).tabs.find((t) => t.active)?.period).toBe('days30');
      await call(dashboard, 'onOpen');
      expect(lastNavigation()).toBe('/packages/leader/pages/open/index');
    },
    JOURNEY_BUDGET_MS,
  );

  it('tells a shopper who is not a 团长 so on both pages', async () => {
    phone.handTo('o-lj-shopper');
    for (const page of ['dashboard', 'open']) {
      const opened = await open(`/packages/leader/pages/${page}/index`);
      expect(opened.data).toMatchObject({ state: 'error', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    }
  });
});
