/**
 * getGroupDetail and searchGroups through the emulator: seats, deadline, members, orders and payments,
 * refunds and messages; ops and customer service see shoppers in full, a merchant masked and only its own
 * groups (another merchant's reads as not found).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { GroupDetail, GroupSummary } from '../../contracts/admin';
import { HOUR } from '../testing/group-buy.fixtures';
import { job } from '../testing/ops';
import { addUser, groupWith } from '../testing/shopper';
import { dataOf, grantMessages, refusal, staffSession } from '../testing/interventions';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let made: Awaited<ReturnType<typeof groupWith>>;
let leader: string;
let merchantId: string;

beforeAll(async () => {
  made = await groupWith(platform, 1, 1, { endAt: Date.now() + 50 * HOUR });
  const { fx } = made;
  leader = `o-l-${fx.activityId}`;
  merchantId = `m-test-${fx.activityId.slice('a-test-'.length)}`;
  await platform.update('users', { _id: leader }, { $set: { nickname: '解放碑吃货' } });
  await addUser(platform, 'o-unused', '路人');
  grantMessages(platform, [leader]);
  await job(platform, 'sendNotifications');
});

describe('getGroupDetail', () => {
  it('shows ops the group, its members and orders in full, payments, messages and what may be done', async () => {
    const ops = await staffSession(platform, 'ops');
    const detail = dataOf(await ops<GroupDetail>('getGroupDetail', { groupId: made.groupId }));
    expect(detail.masked).toBe(false);
    expect(detail.group).toMatchObject({
      groupId: made.groupId,
      status: 'forming',
      size: 5,
      seatsTaken: 3,
      seatsPaid: 2,
    });
    expect(detail.members.map((m) => [m.nickname, m.openid, m.isLeader, m.paid])).toEqual([
      ['解放碑吃货', leader, true, true],
      [expect.any(String), `o-m0-${made.fx.activityId}`, false, true],
      [expect.any(String), `o-m1-${made.fx.activityId}`, false, false],
    ]);
    expect(detail.orders.map((o) => [o.orderId, o.status])).toEqual([
      [made.paid[0], 'awaiting_group'],
      [made.paid[1], 'awaiting_group'],
      [made.unpaid[0], 'pending_payment'],
    ]);
    expect(detail.orders[0]).toMatchObject({ paidAt: expect.any(Number), transactionId: expect.any(String) });
    expect(detail.messages.map((m) => [m.event, m.nickname, m.status])).toContainEqual([
      'group_opened',
      '解放碑吃货',
      'sent',
    ]);
    expect(detail.interventions).toMatchObject({ extend: { allowed: true }, close: { allowed: true } });
    expect(detail.interventions.complete).toEqual({ allowed: false });
    expect(detail.activity).toMatchObject({ activityId: made.fx.activityId, status: 'active' });
  });

  it('shows the merchant its own group with shoppers masked; another merchant nothing', async () => {
    const merchant = await staffSession(platform, 'merchant', merchantId);
    const detail = dataOf(await merchant<GroupDetail>('getGroupDetail', { groupId: made.groupId }));
    expect(detail.masked).toBe(true);
    expect(detail.members[0]).toEqual({ nickname: '解**货', avatarUrl: '', isLeader: true, paid: true });
    expect(JSON.stringify(detail)).not.toContain(leader);
    expect(detail.orders.every((o) => o.openid === undefined && o.transactionId === undefined)).toBe(true);
    const other = await staffSession(platform, 'merchant', 'm-another');
    expect(refusal(await other('getGroupDetail', { groupId: made.groupId }))).toEqual([404, 'NOT_FOUND']);
    const service = await staffSession(platform, 'service');
    expect(dataOf(await service<GroupDetail>('getGroupDetail', { groupId: made.groupId })).masked).toBe(false);
  });

  it('shows a refund with its number once a group is closed', async () => {
    const ops = await staffSession(platform, 'ops');
    const { groupId, paid } = await groupWith(platform, 0, 0);
    dataOf(await ops('closeGroup', { groupId, reason: '测试退款' }));
    await platform.settle();
    const detail = dataOf(await ops<GroupDetail>('getGroupDetail', { groupId }));
    expect(detail.group).toMatchObject({ status: 'failed', closedBy: 'platform', settled: true });
    expect(detail.orders[0]).toMatchObject({
      orderId: paid[0],
      status: 'refunded',
      refunds: [{ outRefundNo: `R${paid[0] ?? ''}`, status: 'succeeded', amount: 2990 }],
    });
  });
  it('lists a staff refund of part of an order beside the order', async () => {
    const ops = await staffSession(platform, 'ops');
    const { groupId, paid } = await groupWith(platform, 1, 0, { groupSize: 2 });
    const orderId = paid[0] ?? '';
    dataOf(await ops('refundOrder', { orderId, amount: 100, reason: '少发一包', requestKey: 'detail-refund-1' }));
    await platform.settle();
    const detail = dataOf(await ops<GroupDetail>('getGroupDetail', { groupId }));
    expect(detail.group.status).toBe('succeeded');
    expect(detail.orders.find((o) => o.orderId === orderId)?.refunds).toMatchObject([
      { amount: 100, reason: '少发一包' },
    ]);
  });
});

describe('searchGroups', () => {
  it('finds groups by number, activity and status; a merchant only its own', async () => {
    const ops = await staffSession(platform, 'ops');
    const byId = dataOf(await ops<{ items: GroupSummary[] }>('searchGroups', { groupId: made.groupId }));
    expect(byId.items.map((g) => g.groupId)).toEqual([made.groupId]);
    const byActivity = dataOf(
      await ops<{ items: GroupSummary[] }>('searchGroups', { activityId: made.fx.activityId, status: 'forming' }),
    );
    expect(byActivity.items.map((g) => g.groupId)).toEqual([made.groupId]);
    const other = await staffSession(platform, 'merchant', 'm-another');
    expect(dataOf(await other<{ items: GroupSummary[] }>('searchGroups', {})).items).toEqual([]);
    const merchant = await staffSession(platform, 'merchant', merchantId);
    expect(dataOf(await merchant<{ items: GroupSummary[] }>('searchGroups', {})).items).toHaveLength(1);
  });
});
