/**
 * 团员管理 through the real pages in local mode: a registered 团长 opens it from 团长中心 and reads their groups,
 * newest first, with each member masked, paid or not, collected or not; a card opens its group's page.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { leaderDoc } from '../../../../../shared/src/server/testing/commissions';
import { seedCatalog } from '../../../../../shared/src/server/testing/group-buy.fixtures';
import { addUser, joinGroupAs, openGroupAs } from '../../../../../shared/src/server/testing/shopper';
import { usePlatform } from '../../../../../shared/src/server/testing/use-platform';
import { tapOn } from '../../../../testing/page-runner';
import { shopperPhone } from '../../../../testing/phone';

const platform = usePlatform();
const phone = shopperPhone(() => platform);
const { open, tap, lastNavigation } = phone;
afterAll(() => phone.putDown());

/** The pages walk several functions end to end, cold at first: like the other page journeys, 90 s. */
const JOURNEY_BUDGET_MS = 90_000;

describe('团员管理, through the pages', { timeout: JOURNEY_BUDGET_MS }, () => {
  it('lists the 团长’s groups with their members masked, who paid and who collected', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 100, groupSize: 3 });
    const leader = `o-members-${fx.activityId}`;
    await platform.insert('leaders', [leaderDoc(leader, fx.pickupPointId)]);
    await platform.update('pickup_points', { _id: fx.pickupPointId }, { $set: { keeperOpenid: leader } });
    await Promise.all([addUser(platform, leader, '陈团长'), addUser(platform, 'o-members-wang', '王小明')]);
    const { groupId } = await openGroupAs(platform, fx, leader);
    await joinGroupAs(platform, fx, groupId, 'o-members-wang');
    await joinGroupAs(platform, fx, groupId, 'o-members-li', false);

    phone.handTo(leader);
    const status = await open('/packages/leader/pages/status/index');
    const centre = (status.data.leader as { centre: { title: string; url: string }[] }).centre;
    await tap(status, 'onOpenCentre', tapOn({ url: centre.find((c) => c.title === '团员管理')?.url }));
    expect(lastNavigation()).toBe('/packages/leader/pages/members/index');
    const page = await open(lastNavigation());
    expect(page.data).toMatchObject({ state: 'ready', hasMore: false, footer: '没有更多了' });
    expect(page.data.groups).toMatchObject([
      {
        groupId,
        title: '老火锅底料 拼团 400g',
        statusLabel: '拼团中，等待付款',
        summary: '已付 2/3 · 已取 0',
        members: [
          { nickname: '陈*长', tag: '团长', paidText: '已付款', collectedText: '未取货', statusLabel: '待成团' },
          { nickname: '王*明', tag: '', paidText: '已付款', statusLabel: '待成团' },
          { nickname: '微信用户', paidText: '未付款', statusLabel: '待付款' },
        ],
      },
    ]);
    expect(JSON.stringify(page.data)).not.toContain('o-members-');

    await tap(page, 'onOpenGroup', tapOn({ groupId }));
    expect(lastNavigation()).toBe(`/packages/group/pages/group/index?groupId=${groupId}`);
  });
});
