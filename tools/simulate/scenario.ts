/**
 * One flash-sale day and what follows it: seed the catalogue, start the jobs and CloudPay's weather, let
 * the crowd in on the simulated clock, then stop the crowd and keep the jobs running until nothing is due
 * (every group over, every unpaid order closed, every refund in CloudPay's hands). Then, unless told not to,
 * the goods leave and come back: the merchants ship and the shoppers receive or collect (`fulfilment.ts`),
 * and ask for after-sales, which the merchants answer (`after-sales.ts`), in a second turn of weather; the
 * jobs settle again. Beside it all, unless told not to, 团长 (`leaders.ts`): approved before the sale, selling to
 * their neighbours during it, verifying pickups at their desks after it; once the windows close they withdraw
 * what they earned and WeChat pays it. The invariants are checked on what is left.
 */
import { AfterSales } from './after-sales';
import { buildCatalog, seedCatalog, type SimCatalog } from './catalog';
import { FaultSchedule } from './chaos';
import { EmulatorClient } from './client';
import { HOUR_MS, MINUTE_MS, SimClock, sleep } from './clock';
import { Fulfilment, newPhaseTally } from './fulfilment';
import { type OrderPlan, type OrderToFulfil, planFulfilment } from './fulfilment-plan';
import { checkInvariants, type Tolerances } from './invariants';
import { AFTER_SALE_JOBS, type JobName, JobRunner, SALE_JOBS } from './jobs';
import { LeaderProgramme, leadersFor } from './leaders';
import type { SimulationOptions } from './options';
import { Limiter, Tracker } from './limiter';
import { type LocalEmulator, startLocalEmulator } from './local';
import { type AftermathReport, buildReport, checkedOf, funnelOf, leadersOf, type SimulationReport } from './report';
import { planShoppers, Shop } from './shoppers';
import { type Backlog, readBacklog, readWorld } from './snapshot';
import { StaffDesk } from './staff';
import { Telemetry } from './telemetry';

/** Past a deadline, the jobs get this long (several of their ticks) before an order counts as stuck. */
export const TOLERANCES: Tolerances = { graceMs: 10 * MINUTE_MS, refundWindowMs: 2 * HOUR_MS };

/** Which job clears which backlog. */
const CLEARS: Record<keyof Backlog, JobName> = {
  formingGroups: 'expireGroups',
  pendingGroups: 'closeUnpaidOrders',
  unpaidOrders: 'closeUnpaidOrders',
  refundsToRetry: 'retryRefunds',
  shipmentsToReport: 'reportShipments',
  afterSalesDue: 'processAfterSales',
  ordersToComplete: 'completeOrders',
  withdrawalsDue: 'payoutWithdrawals',
};

const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const startedAt = performance.now();
  const log = options.progress ?? (() => undefined);
  if (options.url && options.scale !== 1 && options.origin === undefined) {
    throw new Error('against a running emulator with a scale other than 1, give its clock origin (--origin)');
  }
  const clock = new SimClock(options.url ? (options.origin ?? Date.now()) : Date.now(), options.scale);
  const telemetry = new Telemetry();
  let local: LocalEmulator | undefined;
  let jobs: JobRunner | undefined;
  let weather: FaultSchedule | undefined;
  let afterWeather: FaultSchedule | undefined;
  try {
    if (!options.url) {
      log('starting an in-memory emulator with the bundled functions');
      local = await startLocalEmulator(clock, telemetry, {
        build: options.build ?? true,
        ...(options.functionsRoot ? { functionsRoot: options.functionsRoot } : {}),
      });
    }
    const client = new EmulatorClient(options.url ?? local?.url ?? '');
    const playAfterSales = options.afterSales ?? true;
    const playLeaders = options.leaders ?? true;
    await requireFunctions(client, playAfterSales, playLeaders);
    const dbBefore = options.url ? await databaseRequests(client) : 0;
    const adminBefore = client.adminRequests;

    const tag = `s${options.seed}t${Date.now().toString(36)}`;
    const catalog = buildCatalog(clock.now(), tag, options.shoppers);
    await seedCatalog(client, catalog);
    log(`seeded ${catalog.activities.length} activities and ${catalog.skuIds.length} SKUs (run ${tag})`);

    await telemetry.warmUp(() => warmUp(client, Math.min(8, Math.ceil(options.concurrency / 4))));
    log('functions warmed up');

    jobs = new JobRunner(client, clock.realMs(MINUTE_MS), telemetry);
    await jobs.start(SALE_JOBS);
    const limiter = new Limiter(options.concurrency);
    // The console's staff: a merchant account per merchant of the catalogue, customer service and ops.
    const merchants = ((catalog.documents.merchants ?? []) as { _id: string }[]).map((m) => m._id).sort();
    const staff = await StaffDesk.open({ client, limiter, telemetry }, tag, merchants, clock.now());
    let leaders: LeaderProgramme | undefined;
    if (playLeaders) {
      // The leaders and their neighbours queue apart from the crowd: a few people, not held up behind a flash sale.
      const leaderLimiter = new Limiter(4);
      leaders = new LeaderProgramme({
        client,
        limiter: leaderLimiter,
        telemetry,
        clock,
        staff,
        jobs,
        catalog,
        tag,
        log,
      });
      await leaders.enlist(leadersFor(options.shoppers));
      log(`团长: ${leaders.leaders.length} approved, commission rules set`);
    }
    weather = new FaultSchedule(client, clock, options.refundFailureRate, options.seed);
    await weather.start();

    // The sale.
    const saleOpens = clock.now();
    const saleStarted = performance.now();
    const plans = planShoppers(options.shoppers, catalog, options.seed, options.minutes * MINUTE_MS);
    const shop = new Shop({ client, limiter, catalog, clock, telemetry });
    leaders?.sell(options.minutes * MINUTE_MS, (orderId) => shop.orderIds.push(orderId));
    const visits = new Tracker();
    for (const [i, plan] of plans.entries()) {
      await clock.until(saleOpens + plan.arrivalMs);
      visits.track(shop.visit(plan));
      if ((i + 1) % Math.max(1, Math.floor(plans.length / 10)) === 0) {
        log(`${i + 1} shoppers in, ${Math.round((clock.now() - saleOpens) / MINUTE_MS)} simulated minutes`);
      }
    }
    await visits.drain();
    await leaders?.sold();
    await shop.paymentsDone();
    if (visits.failures.length > 0) throw visits.failures[0];
    const saleWallMs = performance.now() - saleStarted;
    log(`sale over: ${shop.orderIds.length} orders; settling`);

    // Settling: no new shoppers, calm CloudPay, the jobs keep going until nothing is due.
    await weather.stop();
    const settleStarted = performance.now();
    const leaderOpenids = leaders?.openids ?? [];
    const settling = { client, catalog, orderIds: shop.orderIds, leaderOpenids, jobs, clock, saleOpens, log };
    const settled = await settle(settling, options);
    const settleWallMs = performance.now() - settleStarted;

    // After the sale: the goods leave, arrive, and some come back.
    let aftermath: AftermathReport | null = null;
    if (playAfterSales) {
      afterWeather = new FaultSchedule(client, clock, options.refundFailureRate, options.seed + 7919);
      aftermath = await playAftermath(
        { ...settling, limiter, telemetry, tag, seed: options.seed, staff, leaders },
        afterWeather,
        options,
      );
      if (leaders) {
        // The windows close and the leaders are paid what they earned.
        await leaders.closeWindows();
        await settle(settling, options);
        log('团长: windows closed; withdrawals');
        await leaders.withdraw(options.settleHours);
        await settle(settling, options);
      }
    }
    // Whatever a crash left unsynced, the repair job's last run sets right.
    if (leaders) await jobs.runNow('settleCommissions');
    await jobs.stop();

    const remoteDb = options.url
      ? (await databaseRequests(client)) - dbBefore - (client.adminRequests - adminBefore)
      : undefined;
    const world = await readWorld(client, catalog, () => clock.now(), leaderOpenids);
    const invariants = checkInvariants(world, TOLERANCES);
    const { functions, database, warmUp: warmed } = telemetry.summary(remoteDb);
    const jobStats = jobs.report();
    return buildReport({
      settings: {
        shoppers: options.shoppers,
        minutes: options.minutes,
        seed: options.seed,
        scale: options.scale,
        concurrency: options.concurrency,
        refundFailureRate: options.refundFailureRate,
        target: options.url ?? 'in-process',
      },
      timing: {
        wallSeconds: seconds(performance.now() - startedAt),
        saleWallSeconds: seconds(saleWallMs),
        settleWallSeconds: seconds(settleWallMs),
        simulatedMinutes: Math.round((world.now - saleOpens) / MINUTE_MS),
        settled,
      },
      funnel: funnelOf(world, shop.tally, jobStats, local ? local.lostNotifications() : null),
      shoppers: shop.tally,
      aftermath,
      leaders: leaders ? leadersOf(world, leaders.tally) : null,
      jobs: jobStats,
      weather: weather.timeline,
      functions,
      database,
      warmUp: warmed,
      functionLogs: local ? { file: local.logFile, lines: local.logLines } : null,
      clockSkewMs: clockSkew(world.orders, shop.placedDuring),
      checked: checkedOf(world),
      invariants,
    });
  } finally {
    // After a failure too: no loop may outlive the run.
    await weather?.halt();
    await afterWeather?.halt();
    await jobs?.stop();
    await local?.stop();
  }
}

interface Settling {
  readonly client: EmulatorClient;
  readonly catalog: SimCatalog;
  readonly orderIds: readonly string[];
  /** The run's 团长 (their withdrawals are the payout job's backlog). */
  readonly leaderOpenids: readonly string[];
  readonly jobs: JobRunner;
  readonly clock: SimClock;
  readonly saleOpens: number;
  readonly log: (line: string) => void;
}

/**
 * The merchants ship what the sale sold and the shoppers receive it, then after-sales, in a second turn of
 * CloudPay's and WeChat's weather; then calm, and the jobs settle again.
 */
async function playAftermath(
  run: Settling & {
    readonly limiter: Limiter;
    readonly telemetry: Telemetry;
    readonly tag: string;
    readonly seed: number;
    readonly staff: StaffDesk;
    readonly leaders: LeaderProgramme | undefined;
  },
  weather: FaultSchedule,
  options: Pick<SimulationOptions, 'settleHours'>,
): Promise<AftermathReport> {
  const { client, catalog, jobs, log, staff } = run;
  const started = performance.now();
  const toShip = await client.find<OrderToFulfil>('orders', { skuId: { $in: [...catalog.skuIds] }, status: 'to_ship' });
  const plans = planFulfilment(
    toShip.sort((a, b) => (a._id < b._id ? -1 : 1)),
    run.seed,
  );
  const merchants = [...new Set(plans.map((p) => p.merchantId))].sort();
  log(`fulfilment: ${plans.length} orders to ship for ${merchants.length} merchants`);
  await jobs.start(AFTER_SALE_JOBS);
  await weather.start();
  const tally = newPhaseTally();
  const deps = { ...run, staff, jobs };
  const fulfilment = new Fulfilment(deps, plans, tally, run.leaders);
  await fulfilment.ship();
  log('fulfilment: shipped and dispatched');
  await fulfilment.arrive();
  await run.leaders?.probeDesks();
  await fulfilment.deliver();
  log('fulfilment: delivered and collected');
  await new AfterSales(deps, plans, tally).play();
  const wallMs = performance.now() - started;
  await weather.stop();
  const settleStarted = performance.now();
  const settled = await settle(run, options);
  return {
    planned: plannedOf(plans),
    events: tally.events,
    shoppers: tally.shoppers,
    console: staff.tally,
    weather: weather.timeline,
    wallSeconds: seconds(wallMs),
    settleWallSeconds: seconds(performance.now() - settleStarted),
    settled,
  };
}

function plannedOf(plans: readonly OrderPlan[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (key: string) => (out[key] = (out[key] ?? 0) + 1);
  for (const plan of plans) {
    add(plan.delivery === 'address' ? 'express' : 'pickup');
    if (plan.refundBeforeShipping) add('refund before shipping');
    if (plan.staffRefund) add(`staff refund ${plan.staffRefund.when.replace(/_/g, ' ')}`);
    if (plan.afterSale) add(`after-sale ${plan.afterSale.type}`);
  }
  return out;
}

/** Keeps the jobs running until, twice in a row, no job has anything due; false when the bound is hit first. */
async function settle(run: Settling, options: Pick<SimulationOptions, 'settleHours'>): Promise<boolean> {
  const { clock, jobs } = run;
  const bound = clock.now() + options.settleHours * HOUR_MS;
  let quiet = 0;
  let lastLine = '';
  while (quiet < 2) {
    if (clock.now() > bound) return false;
    await sleep(clock.realMs(MINUTE_MS));
    const backlog = await readBacklog(run.client, run.catalog, run.orderIds, clock.now(), run.leaderOpenids);
    const due = (Object.keys(CLEARS) as (keyof Backlog)[]).filter((k) => jobs.has(CLEARS[k]) && backlog[k] > 0);
    quiet = due.length === 0 ? quiet + 1 : 0;
    const line = due.map((k) => `${k} ${backlog[k]}`).join(', ');
    if (line !== lastLine) {
      run.log(`${Math.round((clock.now() - run.saleOpens) / MINUTE_MS)}′ still due: ${line || 'nothing'}`);
      lastLine = line;
    }
  }
  return true;
}

/** Functions the crowd and CloudPay call: required, and warmed before the sale. */
const CROWD_FUNCTIONS = ['getActivity', 'openGroup', 'joinGroup', 'buySolo', 'payCallback', 'refundCallback'];

/** Functions the shoppers and the console call after the sale: required when it is played. */
const AFTER_SALE_FUNCTIONS = [
  'adminApi',
  'getOrder',
  'getOrderTrack',
  'confirmReceipt',
  'requestAfterSale',
  'withdrawAfterSale',
  'submitReturnParcel',
  'confirmReplacementReceived',
];

/**
 * Starts `instances` instances of each, one function at a time, with calls every function refuses before
 * touching anything (an empty request, or a shopper calling a callback), as provisioned concurrency would.
 */
async function warmUp(client: EmulatorClient, instances: number): Promise<void> {
  for (const name of CROWD_FUNCTIONS) {
    await Promise.all(Array.from({ length: instances }, () => client.callFunction(name, 'o-sim-warm-up', {})));
  }
}

/** Functions the 团长 programme calls: required when it is played. */
const LEADER_FUNCTIONS = [
  'adminApi',
  'login',
  'applyForLeader',
  'recordShareVisit',
  'getPickupDesk',
  'verifyPickupAtPoint',
  'getMyEarnings',
  'requestWithdrawal',
  'listMyWithdrawals',
  'transferCallback',
];

async function requireFunctions(client: EmulatorClient, afterSales: boolean, leaders: boolean): Promise<void> {
  const { functions } = await client.health();
  const required = [
    ...CROWD_FUNCTIONS,
    ...(afterSales ? AFTER_SALE_FUNCTIONS : []),
    ...(leaders ? LEADER_FUNCTIONS : []),
  ];
  const missing = required.filter((name) => !functions.includes(name));
  if (missing.length > 0) throw new Error(`the emulator lacks ${missing.join(', ')} (run npm run build:cf)`);
}

async function databaseRequests(client: EmulatorClient): Promise<number> {
  const stats = await client.stats();
  return Object.entries(stats)
    .filter(([action]) => action.startsWith('database.'))
    .reduce((sum, [, s]) => sum + s.count, 0);
}

/**
 * How far the functions' clock is from the simulator's: for each order, how far its own `createdAt` falls
 * outside the simulated interval in which the simulator placed it (0 inside); the median. Far from 0 means
 * the remote emulator's clock is not the one given by --scale and --origin.
 */
function clockSkew(
  orders: readonly { _id: string; createdAt: number }[],
  placedDuring: ReadonlyMap<string, readonly [number, number]>,
): number | null {
  const skews = orders
    .flatMap((o) => {
      const during = placedDuring.get(o._id);
      if (!during) return [];
      const [sent, answered] = during;
      return [o.createdAt < sent ? o.createdAt - sent : o.createdAt > answered ? o.createdAt - answered : 0];
    })
    .sort((a, b) => a - b);
  return skews.length === 0 ? null : (skews[Math.floor(skews.length / 2)] ?? null);
}
