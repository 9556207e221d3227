/**
 * A flash sale and what follows it, with its 团长, end to end through the emulator (`npm run test:slow`): every
 * invariant holds. The run needs the timed jobs (without them unpaid orders and expired groups are never cleaned up);
 * its size is set by SIMULATE_TEST_SHOPPERS, SIMULATE_TEST_MINUTES and SIMULATE_TEST_SCALE, and defaults to
 * about 15 minutes on a slow 2-core host (the sale about three, what follows it runs on the 40× clock); it may take
 * 40 before it counts as hung.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INVARIANTS } from './invariants';
import { formatReport } from './report';
import { DEFAULTS } from './options';
import { runSimulation } from './scenario';

const functionsRoot = fileURLToPath(new URL('../../cloudfunctions/', import.meta.url));
const jobsExist = ['expireGroups', 'closeUnpaidOrders'].every((job) =>
  existsSync(`${functionsRoot}${job}/src/index.ts`),
);
const size = {
  shoppers: Number(process.env.SIMULATE_TEST_SHOPPERS ?? 800),
  minutes: Number(process.env.SIMULATE_TEST_MINUTES ?? 90),
  // 40×: at 120× a host three times slower than usual (2026-12-03) served the sale over three times its planned
  // simulated time, and the one-hour groups expired before neighbours came (joined 25 of 800, none succeeded).
  scale: Number(process.env.SIMULATE_TEST_SCALE ?? 40),
};

describe('a flash sale and its after-sales through the emulator', () => {
  it.skipIf(!jobsExist)(
    `${size.shoppers} shoppers, ${size.minutes} simulated minutes at ${size.scale}×: every invariant holds`,
    async () => {
      const report = await runSimulation({
        ...DEFAULTS,
        ...size,
        seed: 20261125,
        concurrency: 16,
        settleHours: 3,
        build: false, // the global setup bundled the functions
      });
      console.log(formatReport(report));
      expect(report.timing.settled).toBe(true);
      expect(Object.fromEntries(INVARIANTS.map((n) => [n, report.invariants[n].count]))).toEqual(
        Object.fromEntries(INVARIANTS.map((n) => [n, 0])),
      );
      // It did play the day: orders, payments, groups that succeeded and failed, refunds.
      expect(report.checked.payments).toBeGreaterThan(size.shoppers / 3);
      expect(report.funnel.groups.succeeded ?? 0).toBeGreaterThan(0);
      expect(report.funnel.groups.failed ?? 0).toBeGreaterThan(0);
      expect(report.checked.refunds).toBeGreaterThan(0);
      // Notifications were lost for good, and the money still ended in an order or a refund.
      expect(report.funnel.notificationsLost).toBeGreaterThan(0);
      // Then the goods left and some came back: shipped and reported to WeChat, received or collected,
      // completed; after-sales requests refunded through the pipeline, beside staff refunds.
      expect(report.aftermath?.settled).toBe(true);
      expect(report.checked.shipments).toBeGreaterThan(0);
      expect(report.funnel.shippingUploads).toBeGreaterThan(0);
      expect(report.funnel.orders.completed ?? 0).toBeGreaterThan(0);
      expect(report.checked.afterSales).toBeGreaterThan(0);
      expect(report.funnel.refundsBy['after-sales'] ?? 0).toBeGreaterThan(0);
      // 团长 were approved, earned commission that became withdrawable, and were paid some of it by WeChat.
      expect(report.leaders?.leaders ?? 0).toBeGreaterThan(0);
      expect(report.checked.commissionEntries).toBeGreaterThan(0);
      expect(report.leaders?.earned ?? 0).toBeGreaterThan(0);
      expect(report.leaders?.withdrawals.transferred ?? 0).toBeGreaterThan(0);
      expect(report.leaders?.transferred ?? 0).toBeGreaterThan(0);
    },
    40 * 60_000, // 920 s alone at 40× on that slow host: under half of this budget
  );
});
