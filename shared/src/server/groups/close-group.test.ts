/**
 * closeGroup through the emulator: ops close a forming group with a reason; its paid members are refunded
 * once through the refund pipeline, its unpaid seats closed, its stock released, the close audited and the
 * members told once their refunds are out; raced against joins, payments and expireGroups.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expire, job, ledgerRefunds, stockOf } from '../testing/ops';
import { groupWith, joinGroupAs } from '../testing/shopper';
import { dataOf, expectSettled, grantMessages, messagesTo, refusal, staffSession } from '../testing/interventions';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();
let ops: Awaited<ReturnType<typeof staffSession>>;
beforeAll(async () => {
  ops = await staffSession(platform, 'ops');
});

describe('closeGroup', () => {
  it('refunds every paid member once, closes the unpaid seats, releases the stock, audits and tells', async () => {
    const { fx, groupId, paid, unpaid } = await groupWith(platform, 1, 1);
    const leader = `o-l-${fx.activityId}`;
    grantMessages(platform, [leader, `o-m0-${fx.activityId}`]);
    const closed = dataOf(await ops('closeGroup', { groupId, reason: '商家缺货，关闭本团' }));
    expect(closed).toEqual({ groupId, refundsRequested: 2, refundsFailed: 0, settled: true });
    await platform.settle();
    expect(await platform.get('groups', groupId)).toMatchObject({
      status: 'failed',
      closedBy: 'platform',
      settled: true,
    });
    for (const id of paid) {
      expect(await platform.get('orders', id)).toMatchObject({ status: 'refunded' });
      expect(ledgerRefunds(platform, id)).toBe(1);
      expect((await platform.find('refunds', { orderId: id }))[0]).toMatchObject({
        reason: 'group closed by the platform',
      });
    }
    for (const id of unpaid) {
      expect(await platform.get('orders', id)).toMatchObject({
        status: 'closed',
        closeReason: 'group closed by the platform',
      });
    }
    expect(await stockOf(platform, fx.skuId)).toMatchObject({ available: 100, reserved: 0, sold: 0, holds: {} });
    const [entry] = await platform.find('audit_logs', { action: 'closeGroup', target: `groups/${groupId}` });
    expect(entry).toMatchObject({ role: 'ops', after: { closed: true, reason: '商家缺货，关闭本团' } });

    await job(platform, 'sendNotifications');
    expect(messagesTo(platform, leader)).toContain('平台已关闭本团，已原路退款');
    expect(messagesTo(platform, `o-m0-${fx.activityId}`)).toContain('平台已关闭本团，已原路退款');
    // Closed once: a second close, or the expiry job, changes nothing.
    expect(refusal(await ops('closeGroup', { groupId, reason: '再关一次' }))).toEqual([409, 'GROUP_NOT_FORMING']);
    await expire(platform, groupId);
    expect(await job(platform, 'expireGroups')).toMatchObject({ changed: 0 });
    for (const id of paid) expect(ledgerRefunds(platform, id)).toBe(1);
  });

  it('needs a reason, ops, and a forming group', async () => {
    const { fx, groupId } = await groupWith(platform, 0, 0, { groupSize: 2 });
    const before = await platform.get('groups', groupId);
    expect(refusal(await ops('closeGroup', { groupId, reason: ' ' }))).toEqual([400, 'INVALID_ARGUMENT']);
    expect((await ops('closeGroup', { groupId, reason: '' })).body).toMatchObject({
      ok: false,
      error: { message: '请填写原因（至少 2 个字）' },
    });
    const merchant = await staffSession(platform, 'merchant', `m-test-${fx.activityId.slice('a-test-'.length)}`);
    const service = await staffSession(platform, 'service');
    for (const other of [merchant, service]) {
      expect(refusal(await other('closeGroup', { groupId, reason: '想关掉' }))).toEqual([403, 'FORBIDDEN']);
    }
    expect(refusal(await ops('closeGroup', { groupId: 'g-nope', reason: '不存在' }))).toEqual([404, 'NOT_FOUND']);
    expect(await platform.get('groups', groupId)).toEqual(before);
    // A group that filled cannot be closed.
    await joinGroupAs(platform, fx, groupId, 'o-close-filler');
    expect(refusal(await ops('closeGroup', { groupId, reason: '已成团' }))).toEqual([409, 'GROUP_NOT_FORMING']);
    expect(await platform.get('groups', groupId)).toMatchObject({ status: 'succeeded' });
  });

  it('raced against joins and payments: whoever wins, each payment ends kept or refunded once', async () => {
    for (let round = 0; round < 2; round++) {
      const { fx, groupId, unpaid } = await groupWith(platform, 1, 2, { groupSize: 5 });
      const joins = [0, 1].map((i) => `o-close-race-${round}-${i}-${fx.activityId}`);
      const answers = await Promise.all([
        ops('closeGroup', { groupId, reason: '运营关闭' }),
        ...unpaid.map((id) => platform.pay(id)),
        ...joins.map((openid) => joinGroupAs(platform, fx, groupId, openid).catch((error: unknown) => error)),
      ]);
      const closed = answers[0] as Awaited<ReturnType<typeof ops>>;
      const { group } = await expectSettled(platform, groupId, fx.skuId, 100);
      if (closed.body.ok) expect(group).toMatchObject({ status: 'failed', closedBy: 'platform', settled: true });
      else expect(refusal(closed)).toEqual([409, 'GROUP_NOT_FORMING']);
    }
  });

  it('raced against expireGroups past the deadline: the group fails once and refunds once', async () => {
    for (let round = 0; round < 2; round++) {
      const { fx, groupId, unpaid } = await groupWith(platform, 1, 1);
      await expire(platform, groupId);
      const [closed] = await Promise.all([
        ops('closeGroup', { groupId, reason: '到期前关闭' }),
        job(platform, 'expireGroups'),
        platform.pay(unpaid[0] as string),
      ]);
      const { group } = await expectSettled(platform, groupId, fx.skuId, 100);
      expect(group).toMatchObject({ status: 'failed', settled: true });
      expect(group?.closedBy === 'platform').toBe(closed.body.ok);
    }
  });
});
