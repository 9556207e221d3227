/**
 * getLeaderDashboard (团长中心): a registered 团长's figures for today, the last 7 days and the last 30, in two rounds
 * of reads: the leader and their user document (their share ref), then five aggregations at once, each answering a
 * few rows per period combination (`leader-dashboard.repository.ts`, `share-event.repository.ts`), added up here per
 * period (`periodsOf`: a row of today counts in all three).
 */
import type { DashboardFigures, getLeaderDashboardContract } from '../../contracts/get-leader-dashboard.contract';
import { COMMISSION_STATUS_LABELS, commissionStatusSchema } from '../../domain/commission.machine';
import {
  DASHBOARD_PERIOD_LABELS,
  DASHBOARD_PERIODS,
  type DashboardPeriod,
  dashboardPeriodStarts,
  groupSuccessRate,
  periodsOf,
} from '../../domain/share-funnel';
import { DomainError } from '../../kernel/errors';
import { fen } from '../../kernel/money';
import {
  countLeaderGroups,
  countReferredOrders,
  sumLeaderEarnings,
  sumLeaderGroupSales,
} from '../repositories/leader-dashboard.repository';
import { getLeader } from '../repositories/leader.repository';
import { countShareVisits } from '../repositories/share-event.repository';
import { getUser } from '../repositories/user.repository';
import type { UseCase } from '../runtime/define-function';

type Tally = {
  opened: number;
  succeeded: number;
  failed: number;
  payers: Set<string>;
  sales: number;
  earnings: Map<string, number>;
  funnel: { opened: number; viewed: number; joined: number; paid: number };
};

const emptyTally = (): Tally => ({
  opened: 0,
  succeeded: 0,
  failed: 0,
  payers: new Set(),
  sales: 0,
  earnings: new Map(),
  funnel: { opened: 0, viewed: 0, joined: 0, paid: 0 },
});

export const getLeaderDashboard: UseCase<typeof getLeaderDashboardContract> = async (_input, ctx) => {
  const [leader, user] = await Promise.all([getLeader(ctx.openid), getUser(ctx.openid)]);
  if (!leader) throw new DomainError('FORBIDDEN', 'not a registered leader');
  const bounds = dashboardPeriodStarts(ctx.clock.now());
  const ref = user?.ref;
  const [groups, sales, earnings, visits, referred] = await Promise.all([
    countLeaderGroups(leader._id, bounds),
    sumLeaderGroupSales(leader._id, bounds),
    sumLeaderEarnings(leader._id, bounds),
    countShareVisits(leader._id, bounds),
    // Nobody can have come through a ref the leader does not have.
    ref ? countReferredOrders({ openid: leader._id, ref }, bounds) : Promise.resolve([]),
  ]);

  const tallies = new Map<DashboardPeriod, Tally>(DASHBOARD_PERIODS.map((p) => [p, emptyTally()]));
  const each = (bucket: { t: boolean; w: boolean }, add: (tally: Tally) => void) => {
    for (const period of periodsOf(bucket)) add(tallies.get(period) as Tally);
  };
  for (const row of groups) {
    each(row._id, (t) => {
      t.opened += row.opened;
      t.succeeded += row.succeeded;
      t.failed += row.failed;
    });
  }
  for (const row of sales) {
    each(row._id, (t) => {
      t.sales += row.sales;
      for (const payer of row.payers) if (payer !== leader._id) t.payers.add(payer);
    });
  }
  for (const row of earnings) {
    each(row._id, (t) => t.earnings.set(row._id.s, (t.earnings.get(row._id.s) ?? 0) + row.amount));
  }
  for (const row of visits) each(row._id, (t) => (t.funnel[row._id.s] += row.n));
  for (const row of referred) {
    each(row._id, (t) => {
      t.funnel.joined += row.joined;
      t.funnel.paid += row.paid;
    });
  }

  const periods = DASHBOARD_PERIODS.map((period): DashboardFigures => {
    const t = tallies.get(period) as Tally;
    return {
      period,
      label: DASHBOARD_PERIOD_LABELS[period],
      since: bounds[period],
      groups: {
        opened: t.opened,
        succeeded: t.succeeded,
        failed: t.failed,
        successRate: groupSuccessRate(t.succeeded, t.failed),
      },
      members: t.payers.size,
      sales: fen(t.sales),
      earnings: commissionStatusSchema.options.map((status) => ({
        status,
        label: COMMISSION_STATUS_LABELS[status],
        amount: t.earnings.get(status) ?? 0,
      })),
      funnel: t.funnel,
    };
  });
  return { periods };
};
