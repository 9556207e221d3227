/**
 * The run's report: the invariants first (every count must be 0), then the funnel, what happened after the
 * sale (shipping, receipt, after-sales), the jobs, the weather, and per-function latency, database round
 * trips and cold starts. `formatReport` is what the
 * terminal shows; the object itself is what `bench/results/simulate.json` keeps.
 */
import { cpus } from 'node:os';
import { COMMISSION_SETTLED_STATUSES } from '../../shared/src/domain/commission.machine';
import { WITHDRAWAL_PAID_STATUS } from '../../shared/src/domain/withdrawal.machine';
import type { WeatherTurn } from './chaos';
import { brokenInvariants, INVARIANTS, type InvariantReport, OPS_LISTS, type World } from './invariants';
import type { JobStats } from './jobs';
import type { LeaderTally } from './leaders';
import type { PhaseTally } from './fulfilment';
import type { SimulationOptions } from './options';
import type { ShopperTally } from './shoppers';
import type { ConsoleTally } from './staff';
import type { DatabaseSummary, FunctionRow, WarmUpSummary } from './telemetry';

/** The run's knobs, as the report prints them; `target` is `in-process` or the URL played against. */
export type RunSettings = Pick<
  SimulationOptions,
  'shoppers' | 'minutes' | 'seed' | 'scale' | 'concurrency' | 'refundFailureRate'
> & {
  readonly target: string;
};

/** What the phase after the sale did: its plans, what happened, what the console and the shoppers met. */
export interface AftermathReport {
  /** Orders waiting to ship when it began, by delivery, and what their plans asked for. */
  readonly planned: Record<string, number>;
  readonly events: PhaseTally['events'];
  readonly shoppers: PhaseTally['shoppers'];
  readonly console: ConsoleTally;
  readonly weather: readonly WeatherTurn[];
  readonly wallSeconds: number;
  readonly settleWallSeconds: number;
  readonly settled: boolean;
}

export interface Timing {
  readonly wallSeconds: number;
  readonly saleWallSeconds: number;
  readonly settleWallSeconds: number;
  /** Simulated minutes from the sale's opening to the final snapshot. */
  readonly simulatedMinutes: number;
  /** False when settling hit its bound with work still due. */
  readonly settled: boolean;
}

export interface Funnel {
  readonly shoppers: number;
  readonly opened: number;
  readonly joined: number;
  readonly solo: number;
  readonly paid: number;
  readonly abandoned: number;
  readonly latePaid: number;
  readonly lateRefused: number;
  /** Groups and orders as the run left them. */
  readonly groups: Record<string, number>;
  readonly orders: Record<string, number>;
  readonly refunds: Record<string, number>;
  /** Refunds by what asked for them: a whole refund (a failed group, a late payment), staff, after-sales. */
  readonly refundsBy: Record<string, number>;
  readonly afterSales: Record<string, number>;
  readonly afterSaleTypes: Record<string, number>;
  readonly shippingReports: Record<string, number>;
  /** Shipments WeChat holds for the run's payments (发货信息管理). */
  readonly shippingUploads: number;
  /** In-process only: payments whose notification CloudPay gave up on (every delivery failed). */
  readonly notificationsLost: number | null;
  /** Payments completed by closeUnpaidOrders from CloudPay's answer, their notification lost or late. */
  readonly recovered: number | null;
}

export interface SimulationReport {
  readonly ranAt: string;
  readonly machine: { readonly cpus: number; readonly node: string };
  readonly settings: RunSettings;
  readonly timing: Timing;
  readonly throughput: { readonly callsPerSecond: number; readonly ordersPerSecond: number };
  readonly funnel: Funnel;
  readonly shoppers: ShopperTally;
  /** The phase after the sale, when it was played. */
  readonly aftermath: AftermathReport | null;
  /** The 团长 programme, when it was played. */
  readonly leaders: LeaderReport | null;
  readonly jobs: readonly JobStats[];
  readonly missingJobs: readonly string[];
  readonly weather: readonly WeatherTurn[];
  readonly functions: readonly FunctionRow[];
  readonly database: DatabaseSummary;
  readonly warmUp: WarmUpSummary | null;
  /** In-process only: where the functions' log lines went, and how many per level. */
  readonly functionLogs: { readonly file: string; readonly lines: Readonly<Record<string, number>> } | null;
  /** Median (function's order time − simulator's time when it placed the order); large means a clock mismatch. */
  readonly clockSkewMs: number | null;
  /** What the invariants were checked over (a check over nothing would pass trivially). */
  readonly checked: Checked;
  readonly invariants: InvariantReport;
  readonly broken: number;
  readonly ok: boolean;
}

/** What the run's 团长 did and earned, and what WeChat paid them. */
export interface LeaderReport {
  readonly leaders: number;
  readonly entries: Record<string, number>;
  readonly entriesByKind: Record<string, number>;
  /** Fen: entries made withdrawable (or paid out), net of clawbacks. */
  readonly earned: number;
  readonly withdrawals: Record<string, number>;
  /** Fen: withdrawals WeChat paid. */
  readonly transferred: number;
  readonly bills: Record<string, number>;
  readonly tally: LeaderTally;
}

export interface Checked {
  readonly groups: number;
  readonly orders: number;
  readonly payments: number;
  readonly refunds: number;
  readonly stocks: number;
  readonly afterSales: number;
  readonly shipments: number;
  readonly commissionEntries: number;
  readonly withdrawals: number;
}

export const checkedOf = (world: World): Checked => ({
  groups: world.groups.length,
  orders: world.orders.length,
  payments: world.ledger.filter((p) => p.transactionId).length,
  refunds: world.refunds.length,
  stocks: world.stocks.length,
  afterSales: world.afterSales.length,
  shipments: world.orders.filter((o) => o.shipment).length,
  commissionEntries: world.commissionEntries.length,
  withdrawals: world.withdrawals.length,
});

const SETTLED_ENTRIES = new Set<string>(COMMISSION_SETTLED_STATUSES);

export function leadersOf(world: World, tally: LeaderTally): LeaderReport {
  const paid = world.withdrawals.filter((w) => w.status === WITHDRAWAL_PAID_STATUS);
  return {
    leaders: world.leaders.length,
    entries: countBy(world.commissionEntries, (e) => e.status),
    entriesByKind: countBy(world.commissionEntries, (e) => e.kind),
    earned: world.commissionEntries
      .filter((e) => SETTLED_ENTRIES.has(e.status))
      .reduce((sum, e) => sum + e.amount - e.clawedBack, 0),
    withdrawals: countBy(world.withdrawals, (w) => w.status),
    transferred: paid.reduce((sum, w) => sum + w.amount, 0),
    bills: countBy(world.transferBills, (b) => b.state),
    tally,
  };
}

const countBy = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

export function funnelOf(
  world: World,
  tally: ShopperTally,
  jobs: readonly JobStats[],
  notificationsLost: number | null,
): Funnel {
  const close = jobs.find((j) => j.name === 'closeUnpaidOrders');
  return {
    shoppers: tally.shoppers,
    opened: tally.opened,
    joined: tally.joined,
    solo: tally.solo,
    paid: tally.paid,
    abandoned: tally.abandoned,
    latePaid: tally.latePaid,
    lateRefused: tally.lateAttempted - tally.latePaid,
    groups: countBy(world.groups, (g) => g.status),
    orders: countBy(world.orders, (o) => o.status),
    refunds: countBy(world.refunds, (r) => r.status),
    refundsBy: countBy(world.refunds, (r) =>
      r.afterSaleId ? 'after-sales' : r._id === `R${r.orderId}` ? 'whole (system)' : 'staff',
    ),
    afterSales: countBy(world.afterSales, (a) => a.status),
    afterSaleTypes: countBy(world.afterSales, (a) => a.type),
    shippingReports: countBy(world.shippingReports, (r) => r.status),
    shippingUploads: world.shippingUploads.length,
    notificationsLost,
    recovered: close && !close.missing ? (close.totals.recovered ?? 0) : null,
  };
}

export interface ReportParts {
  readonly settings: RunSettings;
  readonly timing: Timing;
  readonly funnel: Funnel;
  readonly shoppers: ShopperTally;
  readonly aftermath: AftermathReport | null;
  readonly leaders: LeaderReport | null;
  readonly jobs: readonly JobStats[];
  readonly weather: readonly WeatherTurn[];
  readonly functions: readonly FunctionRow[];
  readonly database: DatabaseSummary;
  readonly warmUp: WarmUpSummary | null;
  readonly functionLogs: SimulationReport['functionLogs'];
  readonly clockSkewMs: number | null;
  readonly checked: Checked;
  readonly invariants: InvariantReport;
}

export function buildReport(parts: ReportParts): SimulationReport {
  const calls = parts.functions.reduce((sum, f) => sum + f.calls, 0);
  const orders = parts.shoppers.opened + parts.shoppers.joined + parts.shoppers.solo;
  const perSecond = (n: number) => Number((n / Math.max(parts.timing.saleWallSeconds, 0.001)).toFixed(1));
  const broken = brokenInvariants(parts.invariants);
  return {
    ranAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    ...parts,
    throughput: { callsPerSecond: perSecond(calls), ordersPerSecond: perSecond(orders) },
    missingJobs: parts.jobs.filter((j) => j.missing).map((j) => j.name),
    broken,
    ok: broken === 0,
  };
}

const LABELS: Record<keyof InvariantReport, string> = {
  groupsOverCapacity: 'groups over capacity',
  unitsOversold: 'units oversold',
  paymentsUnaccounted: 'payments unaccounted for',
  refundsOverPaid: 'refunds over what was paid',
  doubleRefunds: 'refunds not issued exactly once',
  afterSalesOpenTwice: 'orders with two after-sales open',
  afterSaleRefundsMismatched: 'after-sales refunds not matching the request',
  shipmentsNotReportedOnce: 'shipments not reported to WeChat exactly once',
  completedWithAfterSaleOpen: 'completed orders with an after-sale open',
  ordersStuck: 'orders stuck past every deadline',
  commissionEarnedTwice: 'commission earned twice',
  commissionLeftOnRefund: 'commission left on a refunded order',
  withdrawalsPaidTwice: 'withdrawals not paid exactly once',
  leadersOverpaid: 'leaders paid out more than earned',
  pickupsVerifiedElsewhere: 'pickups verified at another point',
  refundsFlaggedForOps: 'refunds flagged for ops (not an invariant)',
  shippingReportsFlaggedForOps: 'shipping reports flagged for ops (not an invariant)',
};

const entries = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

/** Past this, the functions' clock and the simulator's disagree (a remote emulator on another clock). */
const SKEW_WARNING_MS = 2 * 60_000;

const cell = (value: number | null) => (value === null ? '-' : String(value));

function functionTable(rows: readonly FunctionRow[]): string[] {
  const header = [
    'function',
    'calls',
    'call p50/p99 ms',
    'invocations',
    'run p50/p99 ms',
    'queue p99',
    'db/inv',
    'cold',
    'init p50',
  ];
  const body = rows.map((r) => [
    r.function,
    String(r.calls),
    r.calls > 0 ? `${cell(r.callP50Ms)}/${cell(r.callP99Ms)}` : '-',
    cell(r.invocations),
    r.invocations ? `${cell(r.p50Ms)}/${cell(r.p99Ms)}` : '-',
    cell(r.queueP99Ms),
    cell(r.dbPerInvocation),
    cell(r.coldStarts),
    cell(r.initP50Ms),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)];
}

export function formatReport(report: SimulationReport): string {
  const { funnel, shoppers: s, timing, settings } = report;
  const out: string[] = [];
  out.push(
    `山城拼团 flash-sale simulation: ${settings.shoppers} shoppers, ${settings.minutes} simulated minutes of sale, ` +
      `seed ${settings.seed}, ${settings.scale}× clock, ${settings.concurrency} requests in flight, ` +
      `refund failure rate ${settings.refundFailureRate}, against ${settings.target}`,
  );
  out.push(
    `wall ${timing.wallSeconds} s (sale ${timing.saleWallSeconds} s, settling ${timing.settleWallSeconds} s), ` +
      `${timing.simulatedMinutes} simulated minutes, ${timing.settled ? 'settled' : 'NOT settled (bound hit)'}; ` +
      `${report.throughput.callsPerSecond} calls/s, ${report.throughput.ordersPerSecond} orders/s during the sale`,
  );
  const c = report.checked;
  out.push(
    '',
    `Invariants (every count must be 0), over ${c.groups} groups, ${c.orders} orders, ${c.payments} payments, ` +
      `${c.refunds} refunds, ${c.stocks} stocks, ${c.shipments} shipments, ${c.afterSales} after-sales requests, ` +
      `${c.commissionEntries} commission entries, ${c.withdrawals} withdrawals:`,
  );
  for (const name of [...INVARIANTS, ...OPS_LISTS] as const) {
    const v = report.invariants[name];
    out.push(`  ${LABELS[name].padEnd(52)} ${v.count}`);
    for (const example of v.examples) out.push(`      ${example}`);
  }
  out.push(
    '',
    'Funnel:',
    `  shoppers ${funnel.shoppers}: opened ${funnel.opened}, joined ${funnel.joined}, solo ${funnel.solo}; ` +
      `paid ${funnel.paid}, abandoned ${funnel.abandoned}; late payments taken ${funnel.latePaid}, refused ${funnel.lateRefused}`,
    `  groups: ${entries(funnel.groups)}`,
    `  orders: ${entries(funnel.orders)}`,
    `  refunds: ${entries(funnel.refunds)}; asked by ${entries(funnel.refundsBy)}`,
    `  payment notifications lost for good: ${funnel.notificationsLost ?? 'n/a (remote)'}; ` +
      `payments recovered by closeUnpaidOrders (notification lost or late): ${funnel.recovered ?? 'n/a (job missing)'}`,
    `  refused: ${entries(s.refused)}`,
    `  errors: ${entries(s.errors)}; payment errors ${s.payErrors}`,
  );
  const after = report.aftermath;
  if (after) {
    out.push(
      '',
      `After the sale: fulfilment and after-sales ${after.wallSeconds} s, settling ${after.settleWallSeconds} s, ` +
        `${after.settled ? 'settled' : 'NOT settled (bound hit)'}`,
      `  planned: ${entries(after.planned)}`,
      `  happened: ${entries(after.events)}`,
      `  after-sales requests: ${entries(funnel.afterSales)}; by type ${entries(funnel.afterSaleTypes)}`,
      `  shipping reports: ${entries(funnel.shippingReports)}; WeChat holds ${funnel.shippingUploads} shipments`,
      `  console actions: ${entries(after.console.actions)}`,
      `  console refused: ${entries(after.console.refused)}`,
      `  console errors: ${entries(after.console.errors)}`,
      `  shoppers refused: ${entries(after.shoppers.refused)}`,
      `  shoppers' errors: ${entries(after.shoppers.errors)}`,
      `  CloudPay and WeChat weather: ${after.weather.map((w) => `${w.atMinute}′ ${w.weather}`).join(', ')}`,
    );
  }
  const l = report.leaders;
  if (l) {
    const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
    out.push(
      '',
      `团长: ${l.leaders} leaders; earned ${yuan(l.earned)} withdrawable, WeChat paid ${yuan(l.transferred)}`,
      `  commission entries: ${entries(l.entries)}; by kind ${entries(l.entriesByKind)}`,
      `  withdrawals: ${entries(l.withdrawals)}; 商家转账 bills ${entries(l.bills)}`,
      `  happened: ${entries(l.tally.events)}`,
      `  refused: ${entries(l.tally.refused)}`,
      `  errors: ${entries(l.tally.errors)}`,
    );
  }
  out.push('', `Jobs (run by hand every simulated minute):`);
  for (const job of report.jobs) {
    out.push(
      job.missing
        ? `  ${job.name}: missing (404), skipped`
        : `  ${job.name}: ${job.runs} runs, ${job.failures} failed${job.lastError ? ` (last: ${job.lastError})` : ''}; ` +
            `${entries(job.totals)}; remaining ${job.remaining ?? '-'}`,
    );
  }
  out.push('', `CloudPay weather: ${report.weather.map((w) => `${w.atMinute}′ ${w.weather}`).join(', ')}`);
  out.push('', 'Functions:', ...functionTable(report.functions).map((l) => `  ${l}`));
  out.push(
    `  database requests ${report.database.requests ?? '-'}, ${report.database.perInvocation ?? '-'} per invocation ` +
      `(${report.database.method})`,
  );
  if (report.warmUp) {
    out.push(
      `  warm-up before the sale: ${report.warmUp.instances} instances started (init p50 ${report.warmUp.initP50Ms ?? '-'} ms) ` +
        `in ${report.warmUp.wallSeconds} s; the table counts the sale and settling only`,
    );
  }
  if (report.functionLogs) {
    out.push(`  function logs: ${entries(report.functionLogs.lines)} → ${report.functionLogs.file}`);
  }
  if (report.clockSkewMs !== null) {
    const off = Math.abs(report.clockSkewMs) > SKEW_WARNING_MS;
    out.push(
      `  clock skew (functions vs simulator): ${report.clockSkewMs} ms simulated` +
        (off ? ' — the functions do not run on the clock given by --scale/--origin; deadlines are misjudged' : ''),
    );
  }
  out.push(
    '',
    report.ok
      ? 'OK: every invariant holds.'
      : `BROKEN: ${report.broken} violation(s)${report.missingJobs.length > 0 ? ` (missing jobs: ${report.missingJobs.join(', ')})` : ''}.`,
  );
  return out.join('\n');
}
