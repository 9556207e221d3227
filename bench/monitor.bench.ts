/**
 * The live monitor (`getLiveMonitor` through the bundled adminApi, as the console calls it every few
 * seconds) with 10,000 groups and 50,000 orders in the database, placed over the last `days` days (7 by
 * default: about a seventh of them today), across 8 activities and every district; the open groups'
 * deadlines are all ahead. The round trips do not depend on the data; the time does, on today's share
 * (the emulator's aggregation clones and evaluates every document the indexed match keeps, in JavaScript). Its own in-memory emulator, so the figures count only what the dashboard reads. Per
 * refresh: database round trips (the session's reads included) and p50/p99 latency. `npm run bench` prints
 * the row with the others and writes it into functions.json.
 */
import { percentile } from '../emulator/src/http/stats';
import { startPlatform } from '../testing/platform';
import { DISTRICTS } from '../shared/src/domain/common.schema';
import { startOfBusinessDay } from '../shared/src/kernel/time';
import { groupDoc, HOUR, seedCatalog } from '../shared/src/server/testing/group-buy.fixtures';
import { adminCall, addStaff, signIn } from '../shared/src/server/testing/staff';

export interface MonitorBench {
  readonly function: string;
  readonly calls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly dbTripsPerCall: number;
  readonly tripTarget: number;
  readonly groups: number;
  readonly orders: number;
  /** The days the data is spread over (today is one of them). */
  readonly days: number;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** A deterministic pseudo-random sequence (the same day every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

export async function measureMonitor(
  options: { groups?: number; orders?: number; calls?: number; days?: number } = {},
): Promise<MonitorBench> {
  const groups = options.groups ?? 10_000;
  const orders = options.orders ?? 50_000;
  const calls = options.calls ?? 30;
  const days = options.days ?? 7;
  let trips = 0;
  const platform = await startPlatform({
    onRequest: (record) => {
      if (record.action.startsWith('database.')) trips++;
    },
  });
  try {
    const now = Date.now();
    const dayStart = startOfBusinessDay(now);
    const today = (r: number) => dayStart + Math.floor(r * Math.max(1, now - dayStart));
    /** Today with a chance of 1 in `days`, else some time in one of the days before. */
    const someDay = () => {
      const back = Math.floor(rand() * days);
      return back === 0 ? today(rand()) : dayStart - back * 24 * HOUR + Math.floor(rand() * 24 * HOUR);
    };
    const rand = random(2026);
    const insert = (c: string, d: readonly Record<string, unknown>[]) => platform.insert(c, d);
    const fixtures = [];
    for (let i = 0; i < 8; i++) fixtures.push(await seedCatalog(insert, { stock: 100_000, groupSize: 5 }));

    const groupDocs: Record<string, unknown>[] = [];
    for (let i = 0; i < groups; i++) {
      const fx = fixtures[i % fixtures.length] as (typeof fixtures)[number];
      const merchantId = `m-test-${fx.activityId.slice('a-test-'.length)}`;
      const district = DISTRICTS[Math.floor(rand() * DISTRICTS.length)] as string;
      const kind = rand();
      // An open group opened within its validity (the last day); the others any day.
      const formedAt = kind < 0.35 ? now - Math.floor(rand() * 20 * HOUR) : someDay();
      const seatsPaid = 1 + Math.floor(rand() * 4);
      const common = { merchantId, district, formedAt, openedAt: formedAt, size: 5, seatsPaid, seatsTaken: seatsPaid };
      const ended = Math.min(now, formedAt + Math.floor(rand() * 6 * HOUR));
      groupDocs.push(
        groupDoc(
          fx,
          `bg-${i}`,
          `o-bg-${i}`,
          kind < 0.35
            ? { ...common, deadlineAt: now + Math.floor(rand() * 10 * HOUR) + 60_000 }
            : kind < 0.7
              ? { ...common, status: 'succeeded', seatsPaid: 5, seatsTaken: 5, closedAt: ended, deadlineAt: ended }
              : { ...common, status: 'failed', closedAt: ended, deadlineAt: ended, settled: true },
        ),
      );
    }
    const orderStatuses = ['to_ship', 'to_ship', 'awaiting_group', 'refunded', 'closed', 'shipped', 'pending_payment'];
    const orderDocs: Record<string, unknown>[] = [];
    for (let i = 0; i < orders; i++) {
      const group = groupDocs[i % groupDocs.length] as Record<string, unknown>;
      const fx = fixtures[(i % groupDocs.length) % fixtures.length] as (typeof fixtures)[number];
      const status = orderStatuses[Math.floor(rand() * orderStatuses.length)] as string;
      const createdAt = someDay();
      const paid = status !== 'pending_payment' && status !== 'closed';
      orderDocs.push({
        _id: `bo-${i}`,
        openid: `o-bo-${i}`,
        role: 'member',
        status,
        activityId: fx.activityId,
        groupId: group._id,
        skuId: fx.skuId,
        productId: fx.productId,
        merchantId: group.merchantId,
        title: '老火锅底料 拼团',
        spec: '400g',
        quantity: 1,
        unitPrice: 2990,
        total: 2990,
        stockMode: 'shared',
        stock: { kind: 'sku', id: fx.skuId },
        delivery: {
          kind: 'pickup',
          pickupPointId: fx.pickupPointId,
          name: '驿站',
          address: '地址',
          district: group.district,
        },
        payDeadlineAt: createdAt + 15 * 60_000,
        createdAt,
        updatedAt: createdAt,
        ...(paid ? { paidAt: createdAt + 60_000, transactionId: `t-bo-${i}` } : {}),
        ...(status === 'refunded' ? { refundedAt: Math.min(now, createdAt + HOUR) } : {}),
      });
    }
    for (let i = 0; i < groupDocs.length; i += 1000) await platform.insert('groups', groupDocs.slice(i, i + 1000));
    for (let i = 0; i < orderDocs.length; i += 1000) await platform.insert('orders', orderDocs.slice(i, i + 1000));
    await addStaff(platform, 'bench-ops', 'Chongqing2026');
    const token = await signIn(platform, 'bench-ops', 'Chongqing2026');

    const refresh = async () => {
      const answer = await adminCall(platform, 'getLiveMonitor', {}, token);
      if (!answer.body.ok) throw new Error(`getLiveMonitor: ${answer.status} ${JSON.stringify(answer.body)}`);
    };
    await refresh(); // warm the instance
    const latencies: number[] = [];
    const before = trips;
    for (let i = 0; i < calls; i++) {
      const started = performance.now();
      await refresh();
      latencies.push(performance.now() - started);
    }
    latencies.sort((x, y) => x - y);
    return {
      function: `adminApi getLiveMonitor (${groups.toLocaleString('en')} groups, ${orders.toLocaleString('en')} orders)`,
      calls,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      dbTripsPerCall: round((trips - before) / calls),
      // The session's two reads and the monitor's six, whatever the data.
      tripTarget: 8,
      groups,
      orders,
      days,
    };
  } finally {
    await platform.stop();
  }
}
