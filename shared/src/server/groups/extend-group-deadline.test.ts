/**
 * extendGroupDeadline through the emulator: later by at most 24 hours, never past the activity's end, only
 * while the group is forming before its deadline; audited, the members told; raced against joins, payments,
 * expireGroups and another extension.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '../testing/group-buy.fixtures';
import { job } from '../testing/ops';
import { groupWith, joinGroupAs } from '../testing/shopper';
import { dataOf, grantMessages, messagesTo, refusal, staffSession } from '../testing/interventions';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let ops: Awaited<ReturnType<typeof staffSession>>;
beforeAll(async () => {
  ops = await staffSession(platform, 'ops');
});

const deadlineOf = async (groupId: string) => Number((await platform.get('groups', groupId))?.deadlineAt);

describe('extendGroupDeadline', () => {
  it('moves the deadline later, audits the reason and tells the members', async () => {
    const { fx, groupId } = await groupWith(platform, 1, 0, { endAt: Date.now() + 100 * HOUR });
    const leader = `o-l-${fx.activityId}`;
    grantMessages(platform, [leader], 6);
    const before = await deadlineOf(groupId);
    const later = before + 6 * HOUR;
    expect(dataOf(await ops('extendGroupDeadline', { groupId, deadlineAt: later, reason: '周末延长' }))).toEqual({
      groupId,
      deadlineAt: later,
    });
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'forming', deadlineAt: later });
    const [entry] = await platform.find('audit_logs', { action: 'extendGroupDeadline', target: `groups/${groupId}` });
    expect(entry).toMatchObject({ before: { deadlineAt: before }, after: { deadlineAt: later, reason: '周末延长' } });
    await job(platform, 'sendNotifications');
    expect(messagesTo(platform, leader)).toContain('拼团时间已延长，快邀请好友');
    // A second extension is told again.
    const again = later + HOUR;
    dataOf(await ops('extendGroupDeadline', { groupId, deadlineAt: again, reason: '再延一小时' }));
    await job(platform, 'sendNotifications');
    expect(messagesTo(platform, leader).filter((m) => m === '拼团时间已延长，快邀请好友')).toHaveLength(2);
    // Shoppers can still join until the new deadline.
    await joinGroupAs(platform, fx, groupId, 'o-extend-joiner');
  });

  it('refuses more than 24 hours, past the activity’s end, an earlier time, or a group that ended', async () => {
    const { fx, groupId } = await groupWith(platform, 0, 0, { groupSize: 2, endAt: Date.now() + 30 * HOUR });
    const deadline = await deadlineOf(groupId);
    const refused = async (deadlineAt: number, code: string, status = 400) =>
      expect(refusal(await ops('extendGroupDeadline', { groupId, deadlineAt, reason: '延长' }))).toEqual([
        status,
        code,
      ]);
    await refused(deadline + 24 * HOUR + 1, 'DEADLINE_NOT_EXTENDABLE');
    await refused(Date.now() + 30 * HOUR + 1, 'DEADLINE_NOT_EXTENDABLE');
    await refused(deadline, 'DEADLINE_NOT_EXTENDABLE');
    expect(await deadlineOf(groupId)).toBe(deadline);
    // Up to the activity's end is fine.
    const end = Number((await platform.get('activities', fx.activityId))?.endAt);
    dataOf(await ops('extendGroupDeadline', { groupId, deadlineAt: end, reason: '到活动结束' }));
    // Past its deadline (the expiry job has not run yet), or succeeded: no more extensions.
    await platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() - 1000 } });
    await refused(Date.now() + HOUR, 'GROUP_NOT_FORMING', 409);
    const merchant = await staffSession(platform, 'merchant', 'm-test');
    expect(refusal(await merchant('extendGroupDeadline', { groupId, deadlineAt: end, reason: '延长' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
  });

  it('raced against other extensions to the same time: exactly one wins, the others are told why', async () => {
    const { groupId } = await groupWith(platform, 0, 0, { endAt: Date.now() + 100 * HOUR });
    const target = (await deadlineOf(groupId)) + 3 * HOUR;
    const answers = await Promise.all(
      [1, 2, 3].map((i) => ops('extendGroupDeadline', { groupId, deadlineAt: target, reason: `延长第${i}次` })),
    );
    expect(answers.filter((a) => a.body.ok)).toHaveLength(1);
    // Read before the winner's update: CONFLICT; after it: the deadline is already there.
    for (const lost of answers.filter((a) => !a.body.ok)) {
      expect([
        [409, 'CONFLICT'],
        [400, 'DEADLINE_NOT_EXTENDABLE'],
      ]).toContainEqual(refusal(lost));
    }
    expect(await deadlineOf(groupId)).toBe(target);
    expect(
      await platform.find('audit_logs', { action: 'extendGroupDeadline', target: `groups/${groupId}` }),
    ).toHaveLength(1);
  });

  it('raced against expireGroups at the deadline, joins and payments: extended and forming, or failed', async () => {
    for (let round = 0; round < 2; round++) {
      const { fx, groupId, unpaid } = await groupWith(platform, 0, 1, { endAt: Date.now() + 100 * HOUR });
      // The deadline is about to pass as ops extend it.
      const deadline = Date.now() + 150;
      await platform.update('groups', { _id: groupId }, { $set: { deadlineAt: deadline } });
      const [extended] = await Promise.all([
        ops('extendGroupDeadline', { groupId, deadlineAt: deadline + 2 * HOUR, reason: '临近截止延长' }),
        new Promise((resolve) => setTimeout(resolve, 150)).then(() => job(platform, 'expireGroups')),
        platform.pay(unpaid[0] as string),
        joinGroupAs(platform, fx, groupId, `o-extend-race-${round}`, false).catch((error: unknown) => error),
      ]);
      await platform.settle();
      await job(platform, 'expireGroups');
      await platform.settle();
      const group = await platform.get('groups', groupId);
      if (extended.body.ok) {
        expect(group).toMatchObject({ status: 'forming', deadlineAt: deadline + 2 * HOUR });
        expect(group?.seatsPaid).toBe(2);
      } else {
        expect(refusal(extended)).toEqual([409, 'GROUP_NOT_FORMING']);
        expect(group).toMatchObject({ status: 'failed', settled: true });
      }
    }
  });
});
