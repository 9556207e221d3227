/**
 * listLeaderGroups through the bundled function in the emulator: the groups a registered 团长 opened, newest first
 * and paged, each with its status and its members masked (no openid), who paid and who has their goods; another
 * shopper's groups are not theirs, and a shopper who is not a leader is refused.
 */
import { describe, expect, it } from 'vitest';
import { leaderDoc } from '../testing/commissions';
import { refusal } from '../testing/envelopes';
import { act, staffToken } from '../testing/fulfilment';
import { seedCatalog } from '../testing/group-buy.fixtures';
import { arriveAtPoint } from '../testing/pickup-desk';
import { addUser, answer, joinGroupAs, openGroupAs } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

interface Member {
  nickname: string;
  isOpener: boolean;
  quantity: number;
  paid: boolean;
  collected: boolean;
  statusLabel: string;
}
interface LeaderGroups {
  items: {
    groupId: string;
    status: string;
    statusLabel: string;
    members: Member[];
    paidCount: number;
    collectedCount: number;
  }[];
  hasMore: boolean;
}

const groupsOf = (openid: string, body: Record<string, unknown> = {}) =>
  answer<LeaderGroups>(platform, 'listLeaderGroups', openid, body);

describe('listLeaderGroups', () => {
  it('lists the groups the leader opened, newest first, with members masked, paid and collected', async () => {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 100, groupSize: 3 });
    const leader = `o-lg-leader-${fx.activityId}`;
    await platform.insert('leaders', [leaderDoc(leader, `pp-lg-${fx.activityId}`)]);
    const names: [string, string][] = [
      [leader, '陈团长'],
      ['o-lg-1', '王小明'],
      ['o-lg-2', '李四'],
      ['o-lg-3', '赵大宝'],
      ['o-lg-4', ''],
    ];
    await Promise.all(names.map(([openid, nickname]) => addUser(platform, openid, nickname)));

    // The first group forms: one member paid, one holds a seat unpaid.
    const first = await openGroupAs(platform, fx, leader);
    await joinGroupAs(platform, fx, first.groupId, 'o-lg-1');
    await joinGroupAs(platform, fx, first.groupId, 'o-lg-2', false);
    // The second succeeds; its orders reach the point and one member collects.
    const second = await openGroupAs(platform, fx, leader);
    const zhao = await joinGroupAs(platform, fx, second.groupId, 'o-lg-3');
    await joinGroupAs(platform, fx, second.groupId, 'o-lg-4');
    // Another shopper's group is not the leader's.
    await openGroupAs(platform, fx, 'o-lg-1');

    const { merchantId } = (await platform.get('activities', fx.activityId)) as { merchantId: string };
    const merchant = await staffToken(platform, `lg-${fx.activityId}`, merchantId);
    const [code = ''] = await arriveAtPoint(platform, merchant, fx.pickupPointId, [zhao.orderId]);
    await act(platform, 'verifyPickup', { pickupPointId: fx.pickupPointId, code }, merchant);

    const all = await groupsOf(leader);
    if (!all.ok) throw new Error(all.error.code);
    expect(all.data.hasMore).toBe(false);
    expect(all.data.items.map((g) => [g.groupId, g.status, g.statusLabel, g.paidCount, g.collectedCount])).toEqual([
      [second.groupId, 'succeeded', '已成团', 3, 1],
      [first.groupId, 'forming', '拼团中，等待付款', 2, 0],
    ]);
    const [succeeded, forming] = all.data.items;
    expect(succeeded?.members).toEqual([
      { nickname: '陈*长', isOpener: true, quantity: 1, paid: true, collected: false, statusLabel: '待发货' },
      { nickname: '赵*宝', isOpener: false, quantity: 1, paid: true, collected: true, statusLabel: '已取货' },
      { nickname: '微信用户', isOpener: false, quantity: 1, paid: true, collected: false, statusLabel: '待发货' },
    ]);
    expect(forming?.members.map((m) => [m.nickname, m.paid, m.statusLabel])).toEqual([
      ['陈*长', true, '待成团'],
      ['王*明', true, '待成团'],
      ['李*', false, '待付款'],
    ]);
    const text = JSON.stringify(all.data);
    for (const [openid] of names) expect(text).not.toContain(openid);

    const page = await groupsOf(leader, { limit: 1 });
    expect(page.ok && page.data.items.map((g) => g.groupId)).toEqual([second.groupId]);
    expect(page.ok && page.data.hasMore).toBe(true);
    const rest = await groupsOf(leader, { limit: 1, offset: 1 });
    expect(rest.ok && [rest.data.items.map((g) => g.groupId), rest.data.hasMore]).toEqual([[first.groupId], false]);
  });

  it('refuses a shopper who is not a registered leader', async () => {
    expect(refusal(await groupsOf('o-lg-nobody'))).toBe('FORBIDDEN');
  });
});
