/**
 * `npm run bench`: every cloud function, bundled, run by the emulator's runner and called through the
 * gateway the way the mini-program calls it. Per function: p50/p99 latency, database round trips per
 * call (counted by the emulator's `/admin` hook), bundle size and cold start. Calls are sequential, so
 * each call's round trips are its own. The jobs settle a backlog in one invocation; their round trips
 * are per item settled (amortized). Then invocations per second through the gateway at concurrency 1, 50 and
 * 200, cold and warm (gateway-throughput.ts). Then the console's live monitor at 10,000 groups and 50,000
 * orders (monitor.bench.ts). Prints the tables and writes functions.json (bench/results.ts says where).
 */
import { statSync } from 'node:fs';
import { cpus } from 'node:os';
import { percentile } from '../emulator/src/http/stats';
import { DEFAULTS } from '../tools/simulate/options';
import { runSimulation } from '../tools/simulate/scenario';
import { startPlatform, type Platform } from '../testing/platform';
import { pickupAt, seedCatalog } from '../shared/src/server/testing/group-buy.fixtures';
import { buildCloudFunctions } from '../tools/build-cloudfunctions';
import { measureGatewayThroughput } from './gateway-throughput';
import { measureMonitor } from './monitor.bench';
import { writeResults } from './results';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const GROUP_SIZE = 50;
/** Targets from the group-buy issue: round trips per call and bundle size. */
const TRIP_TARGETS: Record<string, number> = { joinGroup: 3, payCallback: 4, getGroup: 2 };
/** Job rows count round trips per settled item (amortized), not per invocation. */
const BUNDLE_TARGET_KB = 200;

interface Row {
  readonly function: string;
  readonly calls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly dbTripsPerCall: number;
  readonly tripTarget: number | null;
  readonly bundleKB: number;
  readonly coldStartMs: number | null;
}

type Envelope = { ok: boolean; data?: Record<string, unknown>; error?: { code: string } };

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

async function main(): Promise<void> {
  const bundles = await buildCloudFunctions();
  let trips = 0;
  const platform: Platform = await startPlatform({
    onRequest: (record) => {
      if (record.action.startsWith('database.')) trips++;
    },
  });
  const rows: Row[] = [];
  try {
    const fx = await seedCatalog((c, d) => platform.insert(c, d), {
      stock: 1_000_000,
      groupSize: GROUP_SIZE,
      perUserLimit: 999,
      perOrderLimit: 3,
    });
    const delivery = pickupAt(fx);
    // Steady state: the shoppers exist already (a first order also creates its user: +3 round trips once).
    const shoppers = ['o-bench', 'o-reader', 'o-pay-last'];
    for (let i = -1; i < CALLS + GROUP_SIZE; i++)
      shoppers.push(`o-open-${i}`, `o-join-${i}`, `o-solo-${i}`, `o-pay-${i}`);
    for (let g = 0; g < 10; g++) shoppers.push(`o-join-leader-${g}`);
    shoppers.push('o-pay-leader', 'o-read-leader');
    const now = Date.now();
    await platform.insert(
      'users',
      shoppers.map((_id) => ({
        _id,
        nickname: '山城买家',
        avatarUrl: '',
        roles: ['shopper'],
        quota: {},
        quotaHolds: {},
        createdAt: now,
      })),
    );
    const call = async (fn: string, openid: string, data: unknown): Promise<Envelope> => {
      const { body } = await platform.call<Envelope>(fn, openid, data);
      if (!(body as Envelope).ok) throw new Error(`${fn} failed: ${JSON.stringify(body)}`);
      return body as Envelope;
    };
    const groupOf = async (leader: string) => {
      const opened = await call('openGroup', leader, { activityId: fx.activityId, quantity: 1, delivery });
      await platform.pay(String(opened.data?.orderId));
      await platform.settle();
      return String(opened.data?.groupId);
    };

    /** Times `run` CALLS times, counting the database requests each call makes. */
    const measure = async (name: string, run: (i: number) => Promise<unknown>, calls = CALLS) => {
      await run(-1); // warm the instance: cold start is reported from the runner's first invocation
      const latencies: number[] = [];
      const before = trips;
      for (let i = 0; i < calls; i++) {
        const started = performance.now();
        await run(i);
        latencies.push(performance.now() - started);
      }
      const tripsPerCall = (trips - before) / calls;
      latencies.sort((a, b) => a - b);
      const first = platform.emulator.runner.invocations().find((r) => r.function === name && r.coldStart);
      const bundle = bundles.find((b) => b.name === name);
      rows.push({
        function: name,
        calls,
        p50Ms: round(percentile(latencies, 50)),
        p99Ms: round(percentile(latencies, 99)),
        dbTripsPerCall: round(tripsPerCall),
        tripTarget: TRIP_TARGETS[name] ?? null,
        bundleKB: bundle ? round(statSync(bundle.outfile).size / 1024, 1) : 0,
        coldStartMs: first?.initMs !== undefined ? round(first.initMs, 1) : null,
      });
    };

    await measure('ping', () => call('ping', 'o-bench', {}));
    await measure('openGroup', (i) =>
      call('openGroup', `o-open-${i}`, { activityId: fx.activityId, quantity: 1, delivery }),
    );

    // Enough forming groups for every join (the warm-up call included), made before timing starts.
    const joinGroups: string[] = [];
    for (let g = 0; g * (GROUP_SIZE - 1) < CALLS + 1; g++) joinGroups.push(await groupOf(`o-join-leader-${g}`));
    await measure('joinGroup', (i) =>
      call('joinGroup', `o-join-${i}`, {
        groupId: joinGroups[Math.floor((i + 1) / (GROUP_SIZE - 1))],
        quantity: 1,
        delivery,
      }),
    );
    await measure('buySolo', (i) => call('buySolo', `o-solo-${i}`, { skuId: fx.skuId, quantity: 1, delivery }));

    // payCallback is called by CloudPay, not the shopper: time one payment's notification end to end.
    const payable: string[] = [];
    const payGroup = await groupOf('o-pay-leader');
    // Seats 2..49 of a 50-seat group: the common payment; the last seat (which succeeds the group) is its own row.
    for (let i = 0; i < GROUP_SIZE - 2; i++) {
      const joined = await call('joinGroup', `o-pay-${i}`, { groupId: payGroup, quantity: 1, delivery });
      payable.push(String(joined.data?.orderId));
    }
    await measure(
      'payCallback',
      async (i) => {
        const orderId = payable[i + 1];
        if (!orderId) return;
        await platform.pay(orderId);
        await platform.emulator.pay.delivery.settle();
      },
      payable.length - 1,
    );
    const lastSeat = await call('joinGroup', 'o-pay-last', { groupId: payGroup, quantity: 1, delivery });
    const tripsBefore = trips;
    const lastStarted = performance.now();
    await platform.pay(String(lastSeat.data?.orderId));
    await platform.emulator.pay.delivery.settle();
    rows.push({
      function: 'payCallback (last seat: group succeeds)',
      calls: 1,
      p50Ms: round(performance.now() - lastStarted),
      p99Ms: round(performance.now() - lastStarted),
      dbTripsPerCall: trips - tripsBefore,
      tripTarget: null,
      bundleKB: rows.find((r) => r.function === 'payCallback')?.bundleKB ?? 0,
      coldStartMs: null,
    });

    const readable = await groupOf('o-read-leader');
    const mine = await call('joinGroup', 'o-reader', { groupId: readable, quantity: 1, delivery });
    const leaderRef = await call('login', 'o-read-leader', {});
    const reads: Array<[string, string, unknown]> = [
      ['getGroup', 'o-reader', { groupId: readable }],
      ['getActivity', 'o-reader', { activityId: fx.activityId }],
      ['listActivities', 'o-reader', { sort: 'hot' }],
      ['listMyOrders', 'o-reader', { status: 'all' }],
      ['getOrder', 'o-reader', { orderId: mine.data?.orderId }],
      ['payOrder', 'o-reader', { orderId: mine.data?.orderId }],
      ['login', 'o-reader', {}],
      ['listMyGroups', 'o-reader', {}],
      ['listGroups', 'o-reader', { by: 'leader', ref: leaderRef.data?.ref }],
      ['listPickupPoints', 'o-reader', { location: { latitude: 29.5577, longitude: 106.5775 } }],
      ['getShareCode', 'o-read-leader', { groupId: readable }],
    ];
    for (const [fn, openid, data] of reads) {
      if (bundles.some((b) => b.name === fn)) await measure(fn, () => call(fn, openid, data));
    }
    // The jobs: settle a backlog in one invocation each and count round trips per item settled.
    const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 200);
    const jobFx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 100_000, groupSize: 3 });
    const jobDelivery = pickupAt(jobFx);
    const leaders = Array.from({ length: BACKLOG }, (_, i) => `o-expire-${i}`);
    const unpaidBuyers = Array.from({ length: BACKLOG }, (_, i) => `o-unpaid-${i}`);
    await platform.insert(
      'users',
      [...leaders, ...unpaidBuyers].map((_id) => ({
        _id,
        nickname: '',
        avatarUrl: '',
        roles: ['shopper'],
        quota: {},
        quotaHolds: {},
        createdAt: Date.now(),
      })),
    );
    for (const leader of leaders) {
      const opened = await call('openGroup', leader, {
        activityId: jobFx.activityId,
        quantity: 1,
        delivery: jobDelivery,
      });
      await platform.pay(String(opened.data?.orderId));
    }
    await platform.settle();
    for (const buyer of unpaidBuyers)
      await call('buySolo', buyer, { skuId: jobFx.skuId, quantity: 1, delivery: jobDelivery });
    const past = Date.now() - 1000;
    await platform.update(
      'groups',
      { activityId: jobFx.activityId, status: 'forming' },
      { $set: { deadlineAt: past } },
    );
    await platform.update(
      'orders',
      { skuId: jobFx.skuId, status: 'pending_payment' },
      { $set: { payDeadlineAt: past } },
    );
    const runJob = async (name: string, settledKey: 'changed') => {
      const tripsBefore = trips;
      const started = performance.now();
      const { result } = await platform.emulator.runner.invoke(name, { limit: 10_000 }, { source: 'scf' });
      const ms = performance.now() - started;
      const report = (result as { data: Record<string, number> }).data;
      const settled = report[settledKey] ?? 0;
      rows.push({
        function: `${name} (${settled} settled in one invocation)`,
        calls: 1,
        p50Ms: round(ms),
        p99Ms: round(ms),
        dbTripsPerCall: round((trips - tripsBefore) / Math.max(1, settled)),
        tripTarget: name === 'expireGroups' ? 3 : null,
        bundleKB: round(statSync(bundles.find((b) => b.name === name)?.outfile ?? '').size / 1024, 1),
        coldStartMs: null,
      });
    };
    await runJob('expireGroups', 'changed');
    await runJob('closeUnpaidOrders', 'changed');
  } finally {
    await platform.stop();
  }

  // The simulator's throughput: a short flash sale through the same functions (its own in-memory emulator).
  const simulation = await runSimulation({
    ...DEFAULTS,
    shoppers: Number(process.env.BENCH_SIM_SHOPPERS ?? 400),
    minutes: 60,
    scale: 120,
    concurrency: 16,
    build: false,
  });
  const gateway = await measureGatewayThroughput({ calls: CALLS });
  const monitor = await measureMonitor({
    calls: Number(process.env.BENCH_MONITOR_CALLS ?? 30),
    days: Number(process.env.BENCH_MONITOR_DAYS ?? 7),
  });
  const adminBundle = bundles.find((b) => b.name === 'adminApi');
  rows.push({
    function: monitor.function,
    calls: monitor.calls,
    p50Ms: monitor.p50Ms,
    p99Ms: monitor.p99Ms,
    dbTripsPerCall: monitor.dbTripsPerCall,
    tripTarget: monitor.tripTarget,
    bundleKB: adminBundle ? round(statSync(adminBundle.outfile).size / 1024, 1) : 0,
    coldStartMs: null,
  });

  const simulator = {
    shoppers: Number(process.env.BENCH_SIM_SHOPPERS ?? 400),
    callsPerSecond: simulation.throughput.callsPerSecond,
    ordersPerSecond: simulation.throughput.ordersPerSecond,
    invariantsHold: simulation.ok,
  };

  console.table(rows);
  console.log('Invocations per second through the gateway (POST /fn/<name>), by calls in flight:');
  console.table(gateway.map(({ calls: _calls, ...row }) => row));
  console.log({ simulator });
  const ping = rows.find((r) => r.function === 'ping');
  const join = rows.find((r) => r.function === 'joinGroup');
  const checks = {
    joinGroupP50VsPing: ping && join ? round(join.p50Ms / ping.p50Ms) : null,
    tripTargetsMet: Object.fromEntries(
      rows.filter((r) => r.tripTarget !== null).map((r) => [r.function, r.dbTripsPerCall <= (r.tripTarget ?? 0)]),
    ),
    bundlesUnder200KB: rows.every((r) => r.bundleKB <= BUNDLE_TARGET_KB),
  };
  console.log(checks);
  const results = {
    ranAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    calls: CALLS,
    rows,
    gateway,
    monitor,
    checks,
  };
  writeResults('functions.json', results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
