/**
 * The demo data obeys the rules real data does (issue 12: seeded paid orders could never be refunded). The seed
 * `npm start` runs opens every demo group through the bundled openGroup as its leader and pays it through the
 * CloudPay sandbox; when such a group fails, its leader is refunded exactly once, like anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GROUPS } from '../emulator/seed/chongqing';
import { type DemoSeed, seedDemo } from '../emulator/seed/seed-demo';
import { startPlatform, type Platform } from './platform';

let platform: Platform;
let seeded: DemoSeed;
beforeAll(async () => {
  platform = await startPlatform();
  seeded = await seedDemo(platform.emulator);
});
afterAll(() => platform.stop());

describe('the demo seed', () => {
  it('opens each demo group through openGroup and pays it in the CloudPay sandbox', async () => {
    expect(seeded.groups).toHaveLength(DEMO_GROUPS.length);
    for (const [i, demo] of DEMO_GROUPS.entries()) {
      const { groupId, orderId, leaderOpenid } = seeded.groups[i] ?? {};
      expect(leaderOpenid).toBe(demo.leader.openid);
      const group = await platform.get('groups', groupId ?? '');
      expect(group).toMatchObject({
        status: 'forming',
        activityId: demo.activityId,
        leaderOpenid,
        paidOpenids: [leaderOpenid],
        seatsPaid: 1,
      });
      const order = await platform.get('orders', orderId ?? '');
      const trade = platform.emulator.pay.order(orderId ?? '');
      expect(order).toMatchObject({ status: 'awaiting_group', role: 'leader', openid: leaderOpenid });
      expect(trade).toMatchObject({ state: 'SUCCESS', totalFee: order?.total, transactionId: order?.transactionId });
    }
    // A second start on the same data keeps it: nothing is opened twice.
    expect((await seedDemo(platform.emulator)).groups).toEqual([]);
    expect(await platform.emulator.count('groups')).toBe(DEMO_GROUPS.length);
  });

  it('refunds the leader of a demo group that fails, exactly once', async () => {
    const [failing, ...others] = seeded.groups;
    if (!failing) throw new Error('no demo group');
    await platform.update('groups', { _id: failing.groupId }, { $set: { deadlineAt: Date.now() - 1000 } });

    const run = await platform.emulator.scheduler.runNow('expireGroups');
    expect(run.result).toMatchObject({ ok: true });
    await platform.settle();

    expect(await platform.get('groups', failing.groupId)).toMatchObject({ status: 'failed' });
    expect(await platform.get('orders', failing.orderId)).toMatchObject({ status: 'refunded' });
    const trade = platform.emulator.pay.order(failing.orderId);
    expect([...(trade?.refunds.values() ?? [])]).toEqual([
      expect.objectContaining({ refundFee: trade?.totalFee, status: 'SUCCESS' }),
    ]);
    for (const other of others)
      expect(await platform.get('groups', other.groupId)).toMatchObject({ status: 'forming' });
  });
});
