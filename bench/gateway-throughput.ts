/**
 * Invocations per second through the gateway (`POST /fn/<name>`, as the mini-program calls), at several
 * concurrencies: `inFlight` clients each send their next call as soon as the previous one answered. Each
 * concurrency starts on a fresh emulator, so its first round is a cold burst (the function's instances start
 * during it, as after a deploy) and its second round is warm: the same again once every instance the first round
 * asked for has started.
 * Run alone with `npx tsx bench/gateway-throughput.ts`; `npm run bench` includes it.
 */
import { percentile } from '../emulator/src/http/stats';
import { startPlatform, type Platform } from '../testing/platform';
import { pickupAt, seedCatalog } from '../shared/src/server/testing/group-buy.fixtures';

export interface ThroughputRow {
  readonly function: string;
  readonly inFlight: number;
  readonly round: 'cold' | 'warm';
  readonly calls: number;
  readonly wallMs: number;
  readonly invocationsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Instances started during the round (each one's first invocation is a cold start). */
  readonly coldStarts: number;
  /** CPU time of this process (emulator, its workers and the clients) per invocation; steadier than wall time. */
  readonly cpuMsPerCall: number;
}

type Envelope = { ok: boolean; data?: Record<string, unknown>; error?: { code: string } };

/** Makes the `i`-th call of a round (its user and data); throws unless it answers `{ ok: true }`. */
type CallMaker = (round: number, i: number) => Promise<void>;

const round2 = (x: number) => Number(x.toFixed(2));
const GROUP_SIZE = 50;

interface Prepared {
  readonly platform: Platform;
  readonly call: CallMaker;
  /** Cold starts of the measured function so far. */
  readonly coldStarts: () => number;
}

async function preparePlatform(fn: string, callsPerRound: number): Promise<Prepared> {
  let coldStarts = 0;
  const platform = await startPlatform({
    maxQueue: 10_000,
    // As on the platform: every call of a burst that finds no warm instance asks for one.
    scaleOut: 'per-call',
    onInvocation: (record) => {
      if (record.function === fn && record.coldStart) coldStarts++;
    },
  });
  const counted = { platform, coldStarts: () => coldStarts };
  const expectOk = async (name: string, openid: string, data: unknown): Promise<Envelope> => {
    const { status, body } = await platform.call<Envelope>(name, openid, data);
    if (status !== 200 || !body.ok) throw new Error(`${name} failed: ${status} ${JSON.stringify(body)}`);
    return body;
  };
  if (fn === 'ping')
    return { ...counted, call: (r, i) => expectOk('ping', `o-ping-${r}-${i}`, {}).then(() => undefined) };

  const fx = await seedCatalog((c, d) => platform.insert(c, d), {
    stock: 1_000_000,
    groupSize: GROUP_SIZE,
    perUserLimit: 999,
  });
  const delivery = pickupAt(fx);
  const seats = GROUP_SIZE - 1;
  const groupsPerRound = Math.ceil(callsPerRound / seats);
  const users: string[] = [];
  for (let r = 0; r < 2; r++) {
    for (let i = 0; i < callsPerRound; i++) users.push(`o-join-${r}-${i}`);
    for (let g = 0; g < groupsPerRound; g++) users.push(`o-leader-${r}-${g}`);
  }
  // Steady state: the shoppers exist already (a first order would also create its user).
  await platform.insert(
    'users',
    users.map((_id) => ({
      _id,
      nickname: '山城买家',
      avatarUrl: '',
      roles: ['shopper'],
      quota: {},
      quotaHolds: {},
      createdAt: Date.now(),
    })),
  );
  // Forming groups with a free seat for every join, opened and paid before any timing (joinGroup stays cold).
  const groups: string[][] = [[], []];
  for (let r = 0; r < 2; r++) {
    for (let g = 0; g < groupsPerRound; g++) {
      const opened = await expectOk('openGroup', `o-leader-${r}-${g}`, {
        activityId: fx.activityId,
        quantity: 1,
        delivery,
      });
      await platform.pay(String(opened.data?.orderId));
      groups[r]?.push(String(opened.data?.groupId));
    }
  }
  await platform.settle();
  return {
    ...counted,
    call: (r, i) =>
      expectOk('joinGroup', `o-join-${r}-${i}`, {
        groupId: groups[r]?.[Math.floor(i / seats)],
        quantity: 1,
        delivery,
      }).then(() => undefined),
  };
}

/** Waits until none of the function's instances is starting or running. */
async function instancesSettled(platform: Platform, fn: string): Promise<void> {
  for (let waited = 0; (platform.emulator.runner.stats(fn)?.running ?? 0) > 0 && waited < 60_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `calls` invocations with `inFlight` at a time; latency is measured per call from sending to the answer. */
async function runRound(call: CallMaker, r: number, calls: number, inFlight: number) {
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const client = async () => {
    for (let i = next++; i < calls; i = next++) {
      const sent = performance.now();
      await call(r, i);
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, client));
  const wallMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    wallMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    cpuMsPerCall: (user + system) / 1000 / calls,
  };
}

export async function measureGatewayThroughput(
  options: { functions?: readonly string[]; inFlight?: readonly number[]; calls?: number } = {},
): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = [];
  for (const fn of options.functions ?? ['ping', 'joinGroup']) {
    for (const inFlight of options.inFlight ?? [1, 50, 200]) {
      const calls = Math.max(options.calls ?? 200, inFlight);
      const { platform, call, coldStarts } = await preparePlatform(fn, calls);
      try {
        for (const [r, round] of (['cold', 'warm'] as const).entries()) {
          if (round === 'warm') await instancesSettled(platform, fn);
          const coldBefore = coldStarts();
          const result = await runRound(call, r, calls, inFlight);
          rows.push({
            function: fn,
            inFlight,
            round,
            calls,
            wallMs: Math.round(result.wallMs),
            invocationsPerSecond: Math.round((calls / result.wallMs) * 1000),
            p50Ms: round2(result.p50Ms),
            p99Ms: round2(result.p99Ms),
            coldStarts: coldStarts() - coldBefore,
            cpuMsPerCall: round2(result.cpuMsPerCall),
          });
        }
      } finally {
        await platform.stop();
      }
    }
  }
  return rows;
}

if (process.argv[1]?.endsWith('gateway-throughput.ts')) {
  measureGatewayThroughput().then(
    (rows) => console.table(rows.map(({ calls: _calls, ...row }) => row)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
