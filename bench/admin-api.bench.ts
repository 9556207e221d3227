/**
 * `npm run bench:admin`: the console's HTTP function (`adminApi`) as the browser reaches it, through the
 * emulator's HTTP access service, against `ping` through the gateway and against the HTTP path's own floor
 * (an action refused before any database work: no token). Per action: p50/p99 latency and database round
 * trips per call. Calls are sequential on a warm instance. Prints the table and writes admin-api.json
 * (bench/results.ts says where).
 */
import { cpus } from 'node:os';
import { percentile } from '../emulator/src/http/stats';
import { ADMIN_API_PREFIX, bearer } from '../shared/src/contracts/admin';
import { pickupAt, seedCatalog } from '../shared/src/server/testing/group-buy.fixtures';
import { addStaff, signIn } from '../shared/src/server/testing/staff';
import { startPlatform } from '../testing/platform';
import { buildCloudFunctions } from '../tools/build-cloudfunctions';
import { writeResults } from './results';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);

interface Row {
  readonly call: string;
  readonly path: string;
  readonly calls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p50VsPing: number;
  readonly dbTripsPerCall: number;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

async function main(): Promise<void> {
  await buildCloudFunctions();
  let trips = 0;
  const platform = await startPlatform({
    onRequest: (record) => {
      if (record.action.startsWith('database.')) trips++;
    },
  });
  const measured: Omit<Row, 'p50VsPing'>[] = [];
  try {
    // Data for the reads: ORDERS paid orders in groups of 3, and an ops account with a session.
    const fx = await seedCatalog((c, d) => platform.insert(c, d), { stock: 1_000_000, groupSize: 3 });
    const delivery = pickupAt(fx);
    let lastOrder = '';
    for (let i = 0; i < ORDERS; i++) {
      const { body } = await platform.call<{ ok: boolean; data: { orderId: string } }>('openGroup', `o-bench-${i}`, {
        activityId: fx.activityId,
        quantity: 1,
        delivery,
      });
      if (!body.ok) throw new Error(`openGroup: ${JSON.stringify(body)}`);
      lastOrder = body.data.orderId;
      await platform.pay(lastOrder);
    }
    await platform.settle();
    await addStaff(platform, 'bench-ops', 'bench-ops-2026');
    const token = await signIn(platform, 'bench-ops', 'bench-ops-2026');

    const post = async (path: string, body: unknown, headers: Record<string, string>) => {
      const response = await fetch(`${platform.emulator.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    };
    const admin =
      (action: string, body: unknown, withToken = true) =>
      () =>
        post(`${ADMIN_API_PREFIX}/${action}`, body, withToken ? { authorization: bearer(token) } : {});

    const measure = async (call: string, path: string, run: () => Promise<number>, expected: number, calls = CALLS) => {
      const status = await run(); // the warm-up call: cold start is not what this measures
      if (status !== expected) throw new Error(`${call}: HTTP ${status}, expected ${expected}`);
      const latencies: number[] = [];
      const before = trips;
      for (let i = 0; i < calls; i++) {
        const started = performance.now();
        await run();
        latencies.push(performance.now() - started);
      }
      latencies.sort((a, b) => a - b);
      measured.push({
        call,
        path,
        calls,
        p50Ms: round(percentile(latencies, 50)),
        p99Ms: round(percentile(latencies, 99)),
        dbTripsPerCall: round((trips - before) / calls),
      });
    };

    const gateway = 'POST /fn/<name>';
    const http = `POST ${ADMIN_API_PREFIX}/<action>`;
    await measure('ping', gateway, () => post('/fn/ping', {}, { 'x-wx-openid': 'o-bench-ping' }), 200);
    await measure('staffMe without a token (401)', http, admin('staffMe', {}, false), 401);
    await measure('staffMe', http, admin('staffMe', {}), 200);
    await measure('searchOrders (20 of them)', http, admin('searchOrders', { limit: 20 }), 200);
    await measure('getOrderDetail', http, admin('getOrderDetail', { orderId: lastOrder }), 200);
    await measure('listAuditLogs', http, admin('listAuditLogs', { limit: 20 }), 200);
    await measure(`exportOrders (${ORDERS} rows CSV)`, http, admin('exportOrders', {}), 200, Math.min(CALLS, 50));
    // Sign-in is slow on purpose: scrypt (N=2^14, r=8) costs tens of milliseconds of CPU per attempt.
    await measure(
      'staffLogin (scrypt)',
      http,
      () => post(`${ADMIN_API_PREFIX}/staffLogin`, { account: 'bench-ops', password: 'bench-ops-2026' }, {}),
      200,
      Math.min(CALLS, 50),
    );
  } finally {
    await platform.stop();
  }

  const ping = measured.find((row) => row.call === 'ping')?.p50Ms ?? Number.NaN;
  const rows: Row[] = measured.map((row) => ({ ...row, p50VsPing: round(row.p50Ms / ping, 1) }));
  console.table(rows);
  const results = {
    ranAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    calls: CALLS,
    orders: ORDERS,
    rows,
  };
  writeResults('admin-api.json', results);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
