/**
 * completeGroup (成团保障) through the emulator: only where the activity guarantees it and enough seats are
 * paid; the group succeeds with exactly its paid members (no member and no count made up), unpaid seats are
 * closed and released, paid orders ship and their units are sold, every member's page says 平台成团;
 * raced against joins, payments and expireGroups.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogOptions } from '../testing/group-buy.fixtures';
import { expire, job, lostPayment, stockOf } from '../testing/ops';
import { answer, groupWith, joinGroupAs } from '../testing/shopper';
import { dataOf, expectSettled, grantMessages, messagesTo, refusal, staffSession } from '../testing/interventions';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let ops: Awaited<ReturnType<typeof staffSession>>;
beforeAll(async () => {
  ops = await staffSession(platform, 'ops');
});

/** A forming 5-seat group of an activity guaranteeing 60% (3 paid seats). */
async function guaranteed(paidMembers: number, unpaidMembers: number, options: CatalogOptions = {}) {
  const made = await groupWith(platform, paidMembers, unpaidMembers, options);
  await platform.update('activities', { _id: made.fx.activityId }, { $set: { guarantee: { minPaidShare: 0.6 } } });
  return made;
}

describe('completeGroup', () => {
  it('succeeds the group with its paid members, closes the unpaid seat, ships and sells, says 平台成团', async () => {
    const { fx, groupId, paid, unpaid } = await guaranteed(2, 1);
    const leader = `o-l-${fx.activityId}`;
    grantMessages(platform, [leader]);
    expect(dataOf(await ops('completeGroup', { groupId, reason: '差两人，平台补贴成团' }))).toEqual({
      groupId,
      seatsPaid: 3,
      size: 5,
    });
    const group = await platform.get('groups', groupId);
    expect(group).toMatchObject({
      status: 'succeeded',
      completedBy: 'platform',
      settled: true,
      size: 5,
      seatsPaid: 3,
      seatsTaken: 3,
    });
    expect(group?.memberOpenids).toEqual(group?.paidOpenids);
    for (const id of paid) expect(await platform.get('orders', id)).toMatchObject({ status: 'to_ship' });
    expect(await platform.get('orders', unpaid[0] as string)).toMatchObject({
      status: 'closed',
      closeReason: 'group completed by the platform',
    });
    expect(platform.emulator.pay.order(unpaid[0] as string)?.state).toBe('CLOSED');
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 97, reserved: 0, sold: 3, holds: {} });
    const [entry] = await platform.find('audit_logs', { action: 'completeGroup', target: `groups/${groupId}` });
    expect(entry).toMatchObject({ after: { completedBy: 'platform', seatsPaid: 3, size: 5 } });

    // The shoppers' pages and messages say so.
    const page = await answer<{ completedBy?: string; seatsPaid: number }>(platform, 'getGroup', leader, {
      groupId,
    });
    expect(page).toMatchObject({ ok: true, data: { status: 'succeeded', completedBy: 'platform', seatsPaid: 3 } });
    const order = await answer(platform, 'getOrder', leader, { orderId: paid[0] });
    expect(order).toMatchObject({ ok: true, data: { group: { completedBy: 'platform' } } });
    await job(platform, 'sendNotifications');
    expect(messagesTo(platform, leader)).toContain('平台成团，商家将尽快发货');
    await expectSettled(platform, groupId, fx.skuId, 100);
  });

  it('refuses an activity without a guarantee, too few paid seats, a group that ended, and non-ops', async () => {
    const plain = await groupWith(platform, 3, 0);
    expect(refusal(await ops('completeGroup', { groupId: plain.groupId, reason: '试试' }))).toEqual([
      409,
      'GUARANTEE_NOT_MET',
    ]);
    const few = await guaranteed(1, 1);
    expect(refusal(await ops('completeGroup', { groupId: few.groupId, reason: '试试' }))).toEqual([
      409,
      'GUARANTEE_NOT_MET',
    ]);
    const late = await guaranteed(2, 0);
    await expire(platform, late.groupId);
    expect(refusal(await ops('completeGroup', { groupId: late.groupId, reason: '过期了' }))).toEqual([
      409,
      'GROUP_NOT_FORMING',
    ]);
    const service = await staffSession(platform, 'service');
    expect(refusal(await service('completeGroup', { groupId: late.groupId, reason: '客服' }))).toEqual([
      403,
      'FORBIDDEN',
    ]);
    for (const g of [plain, few, late])
      expect(await platform.get('groups', g.groupId)).toMatchObject({ status: 'forming' });
  });

  it('counts a payment whose notification was lost as a member', async () => {
    const { groupId, orderId } = await lostPayment(platform);
    const group = await platform.get('groups', groupId);
    await platform.update('activities', { _id: group?.activityId }, { $set: { guarantee: { minPaidShare: 0.4 } } });
    dataOf(await ops('completeGroup', { groupId, reason: '补单成团' }));
    expect(await platform.get('orders', orderId)).toMatchObject({ status: 'to_ship' });
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'succeeded', seatsPaid: 2 });
  });

  it('raced against joins, payments and expireGroups: paid members kept, every other payment refunded once', async () => {
    for (let round = 0; round < 2; round++) {
      const { fx, groupId, unpaid } = await guaranteed(2, 2);
      if (round === 1) await platform.update('groups', { _id: groupId }, { $set: { deadlineAt: Date.now() + 200 } });
      const joins = [0, 1].map((i) => `o-complete-race-${round}-${i}-${fx.activityId}`);
      const [completed] = await Promise.all([
        ops('completeGroup', { groupId, reason: '平台成团' }),
        ...unpaid.map((id) => platform.pay(id)),
        ...joins.map((openid) => joinGroupAs(platform, fx, groupId, openid).catch((error: unknown) => error)),
        new Promise((resolve) => setTimeout(resolve, 200)).then(() => job(platform, 'expireGroups')),
      ]);
      const { group } = await expectSettled(platform, groupId, fx.skuId, 100);
      if (completed.body.ok) expect(group).toMatchObject({ status: 'succeeded', completedBy: 'platform' });
      else expect(group?.completedBy).toBeUndefined();
      // A succeeded group keeps exactly its paying members (in whatever order they paid).
      if (group?.status === 'succeeded') {
        expect([...(group.memberOpenids as string[])].sort()).toEqual([...(group.paidOpenids as string[])].sort());
      }
    }
  });

  it('asked twice at once, and again after: completes once, the others are told, the job changes nothing', async () => {
    const { fx, groupId, paid } = await guaranteed(2, 0);
    const answers = await Promise.all([0, 1, 2].map(() => ops('completeGroup', { groupId, reason: '平台成团' })));
    expect(answers.filter((a) => a.body.ok)).toHaveLength(1);
    for (const other of answers.filter((a) => !a.body.ok)) {
      expect(['GROUP_NOT_FORMING', 'CONFLICT']).toContain(refusal(other)[1]);
    }
    expect(refusal(await ops('completeGroup', { groupId, reason: '再来一次' }))).toEqual([409, 'GROUP_NOT_FORMING']);
    expect(await job(platform, 'expireGroups')).toMatchObject({ changed: 0 });
    expect(await job(platform, 'expireGroups')).toMatchObject({ changed: 0 });
    for (const id of paid) expect(await platform.get('orders', id)).toMatchObject({ status: 'to_ship' });
    expect(await platform.find('audit_logs', { action: 'completeGroup', target: `groups/${groupId}` })).toHaveLength(1);
    await expectSettled(platform, groupId, fx.skuId, 100);
  });
});
