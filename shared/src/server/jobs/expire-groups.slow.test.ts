/**
 * expireGroups under a soak (npm run test:slow): 10,000 groups past their deadline, cleared tick by tick, each
 * tick inside its time budget and each making progress. How many ticks it takes depends on the machine's speed
 * (the budget is time, not a count), so the test does not pin it; it prints it.
 */
import { describe, expect, it } from 'vitest';
import { job } from '../testing/ops';
import { usePlatform } from '../testing/use-platform';

const platform = usePlatform();

describe('expireGroups', () => {
  it('clears 10,000 expired groups, every tick inside its time budget and making progress', async () => {
    const now = Date.now();
    const groups = Array.from({ length: 10_000 }, (_, i) => ({
      _id: `G-bulk-${i}`,
      activityId: 'a-bulk',
      skuId: 's-bulk',
      productId: 'p-bulk',
      merchantId: 'm-bulk',
      title: '批量过期团',
      status: 'forming',
      size: 3,
      leaderOpenid: `o-bulk-${i}`,
      memberOpenids: [`o-bulk-${i}`],
      paidOpenids: [`o-bulk-${i}`],
      seatsTaken: 1,
      seatsPaid: 1,
      seatsToPay: 2,
      groupPrice: 990,
      soloPrice: 1990,
      spec: '1 份',
      perOrderLimit: 1,
      perUserLimit: 1,
      stockMode: 'shared',
      newCustomerOnly: false,
      district: '渝中区',
      openedAt: now - 3_600_000,
      deadlineAt: now - 1_000 - i,
      updatedAt: now,
    }));
    for (let i = 0; i < groups.length; i += 1000) await platform.insert('groups', groups.slice(i, i + 1000));
    const ticks: { durationMs: number; changed: number }[] = [];
    for (let tick = 0; tick < 10; tick++) {
      const started = performance.now();
      const report = await job(platform, 'expireGroups');
      ticks.push({ durationMs: performance.now() - started, changed: report.changed });
      expect(report.changed).toBeGreaterThan(0);
      if (report.remaining === 0) break;
    }
    console.log(
      `expireGroups soak: ${ticks.length} ticks`,
      ticks.map((t) => `${t.changed} in ${Math.round(t.durationMs)} ms`),
    );
    expect(ticks.reduce((sum, t) => sum + t.changed, 0)).toBe(10_000);
    // Budget 8 s, checked between batches: no tick may run much past it (nor near the 20 s timeout).
    for (const t of ticks) expect(t.durationMs).toBeLessThan(10_000);
    expect(await platform.find('groups', { _id: { $regex: '^G-bulk-' }, status: 'forming' })).toHaveLength(0);
  }, 300_000);
});
