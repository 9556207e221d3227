/**
 * settleCommissions through the bundled job in the emulator: it records the entries of a paid order whose hook
 * never ran, moves an entry whose order completed without it, changes nothing on a second run, and ten runs at
 * once over orders no hook synced record each entry once (their `recorded` adding up to the entries made).
 */
import { describe, expect, it } from 'vitest';
import { entriesOf, expectEntriesSound, leaderActivity } from '../testing/commissions';
import { orderDoc } from '../testing/fulfilment';
import { job, type Report } from '../testing/ops';
import { joinGroupAs, openGroupAs } from '../testing/shopper';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

/** Paid solo orders of the activity, collected at its point, written as if no commission hook had run. */
async function unsyncedOrders(activityId: string, pickupPointId: string, count: number): Promise<string[]> {
  const docs = Array.from({ length: count }, () =>
    orderDoc({ merchantId: 'm-settle', activityId, pickupPointId, extra: { updatedAt: Date.now() } }),
  );
  await platform.insert('orders', docs);
  return docs.map((d) => d._id);
}

describe('settleCommissions', () => {
  it('fixes what a crash left: entries never recorded, and an entry its order’s completion never moved', async () => {
    const { fx, opener, keeper } = await leaderActivity(platform);
    const [solo] = (await unsyncedOrders(fx.activityId, fx.pickupPointId, 1)) as [string];
    const { groupId, orderId } = await openGroupAs(platform, fx, opener);
    await joinGroupAs(platform, fx, groupId, `o-m1-${groupId}`);
    await joinGroupAs(platform, fx, groupId, `o-m2-${groupId}`);
    // completeOrders completed the order and died before its commissions followed.
    await platform.update('orders', { _id: orderId }, { $set: { status: 'completed', updatedAt: Date.now() } });
    expect(await entriesOf(platform, solo)).toEqual({});

    const report = await job(platform, 'settleCommissions');
    expect(report).toMatchObject({ recorded: 1, stepped: 2, remaining: 0 });
    // A solo order earns its point's keeper alone: 10% of ¥19.90.
    expect(await entriesOf(platform, solo)).toEqual({ pickup_point: ['earned', 199] });
    expect((await platform.get('commission_entries', `CP${solo}`))?.leaderOpenid).toBe(keeper);
    expect(await entriesOf(platform, orderId)).toEqual({
      group_opener: ['withdrawable', 299],
      pickup_point: ['withdrawable', 299],
    });
    expect(await job(platform, 'settleCommissions')).toMatchObject({ changed: 0, recorded: 0, stepped: 0 });
    await expectEntriesSound(platform, {});
  });

  it('records nothing for a leader approved after the order was paid', async () => {
    const { fx, keeper } = await leaderActivity(platform);
    await platform.update('leaders', { _id: keeper }, { $set: { approvedAt: Date.now() + 60_000 } });
    const [solo] = (await unsyncedOrders(fx.activityId, fx.pickupPointId, 1)) as [string];
    await job(platform, 'settleCommissions');
    expect(await entriesOf(platform, solo)).toEqual({});
  });

  it('ten runs at once record each entry once', async () => {
    const { fx } = await leaderActivity(platform);
    const ids = await unsyncedOrders(fx.activityId, fx.pickupPointId, 6);
    const reports: Report[] = await Promise.all(Array.from({ length: 10 }, () => job(platform, 'settleCommissions')));
    expect(reports.reduce((sum, r) => sum + Number(r.recorded), 0)).toBe(6);
    for (const id of ids) expect(await entriesOf(platform, id)).toEqual({ pickup_point: ['earned', 199] });
    await expectEntriesSound(platform, { activityId: fx.activityId });
  });
});
