/**
 * `npm run bench:db`: the emulator's database through the real wx-server-sdk at 100,000 documents.
 * The emulator runs as its own process (the CLI, durable SQLite storage in a temp dir), like in development;
 * its per-action engine time comes from `GET /_emulator/stats`. Writes db.json (bench/results.ts says where).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exited, spawnCli } from '../emulator/test/helpers/cli';
import { connectSdk } from '../emulator/test/helpers/sdk';
import { percentile } from '../emulator/src/http/stats';
import { writeResults } from './results';

const DOCS = 100_000;
const BATCH = 1000;
const CONCURRENCY = 16;
const ACTIVITIES = 5000; // 20 groups per activity
const CENTER = { lng: 106.55, lat: 29.56 }; // Chongqing

interface Scenario {
  readonly name: string;
  readonly action: string;
  readonly sequential: number;
  readonly concurrent: number;
  readonly run: (i: number) => Promise<unknown>;
}

interface Row {
  readonly scenario: string;
  readonly opsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly engineP50Ms: number;
  readonly engineP99Ms: number;
  readonly engineShare: number;
}

const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** A deterministic pseudo-random sequence, so every run benchmarks the same data. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'emulator-bench-'));
  const cli = await spawnCli(['--port', '0', '--data', dataDir, '--no-seed', '--no-timers', '--quiet']);
  try {
    const { db } = connectSdk(cli.env);
    const _ = db.command;
    const groups = db.collection('groups');

    const random = lcg(42);
    const seedStarted = performance.now();
    for (let start = 0; start < DOCS; start += BATCH) {
      const batch = Array.from({ length: BATCH }, (_unused, j) => {
        const i = start + j;
        const activityId = `act-${i % ACTIVITIES}`;
        return {
          _id: `g${i}`,
          activityId,
          activityRef: activityId, // same values, no index: the baseline
          status: i % 10 === 0 ? 'forming' : 'succeeded',
          seatsTaken: 0,
          deadlineAt: 1_790_000_000_000 + i * 1000,
          location: db.Geo.Point(CENTER.lng + (random() - 0.5) * 0.6, CENTER.lat + (random() - 0.5) * 0.4),
        };
      });
      await groups.add({ data: batch });
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(
      `seeded ${DOCS} documents through the SDK (insertDocument batches of ${BATCH}) in ${seedSeconds.toFixed(1)} s`,
    );

    const pick = lcg(7);
    const anyId = (): string => `g${Math.floor(pick() * DOCS)}`;
    const anyActivity = (): string => `act-${Math.floor(pick() * ACTIVITIES)}`;
    const scenarios: Scenario[] = [
      {
        name: 'doc(id).get',
        action: 'database.getDocument',
        sequential: 1000,
        concurrent: 3000,
        run: () => groups.doc(anyId()).get(),
      },
      {
        name: 'indexed where().get (20 hits)',
        action: 'database.getDocument',
        sequential: 500,
        concurrent: 2000,
        run: () => groups.where({ activityId: anyActivity() }).get(),
      },
      {
        name: 'unindexed where().get (baseline)',
        action: 'database.getDocument',
        sequential: 40,
        concurrent: 80,
        run: () => groups.where({ activityRef: anyActivity() }).get(),
      },
      {
        name: 'conditional update, 16-way contention',
        action: 'database.modifyDocument',
        sequential: 500,
        concurrent: 2000,
        run: (i) =>
          groups.where({ _id: `g${i % 4}`, seatsTaken: _.lt(1_000_000) }).update({ data: { seatsTaken: _.inc(1) } }),
      },
      {
        name: 'insert (durable)',
        action: 'database.insertDocument',
        sequential: 500,
        concurrent: 2000,
        run: () => db.collection('orders').add({ data: { openid: 'o1', createdAt: Date.now(), amount: 990 } }),
      },
      {
        name: 'geoNear 2 km, limit 20 (100k points)',
        action: 'database.getDocument',
        sequential: 500,
        concurrent: 2000,
        run: () =>
          groups
            .where({
              location: _.geoNear({
                geometry: db.Geo.Point(CENTER.lng + (pick() - 0.5) * 0.4, CENTER.lat + (pick() - 0.5) * 0.3),
                maxDistance: 2000,
              }),
            })
            .limit(20)
            .get(),
      },
    ];

    const stats = async (method: 'GET' | 'DELETE'): Promise<Record<string, { p50Ms: number; p99Ms: number }>> =>
      (await (await fetch(`${cli.url}/_emulator/stats`, { method })).json()) as Record<
        string,
        { p50Ms: number; p99Ms: number }
      >;

    const rows: Row[] = [];
    for (const s of scenarios) {
      await s.run(0); // warm up
      await stats('DELETE');
      const latencies: number[] = [];
      for (let i = 0; i < s.sequential; i++) {
        const t = performance.now();
        await s.run(i);
        latencies.push(performance.now() - t);
      }
      const engine = (await stats('GET'))[s.action] ?? { p50Ms: 0, p99Ms: 0 };
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < s.concurrent) await s.run(next++);
        }),
      );
      const opsPerSec = s.concurrent / ((performance.now() - started) / 1000);
      latencies.sort((a, b) => a - b);
      const p50 = percentile(latencies, 50);
      rows.push({
        scenario: s.name,
        opsPerSec: Math.round(opsPerSec),
        p50Ms: round(p50),
        p99Ms: round(percentile(latencies, 99)),
        engineP50Ms: round(engine.p50Ms),
        engineP99Ms: round(engine.p99Ms),
        engineShare: round(engine.p50Ms / p50, 2),
      });
      console.log(`  ${s.name}: done`);
    }

    const indexed = rows[1] as Row;
    const baseline = rows[2] as Row;
    const speedup = {
      throughput: round(indexed.opsPerSec / baseline.opsPerSec, 1),
      latencyP50: round(baseline.p50Ms / indexed.p50Ms, 1),
      engineP50: round(baseline.engineP50Ms / indexed.engineP50Ms, 1),
    };
    console.log();
    console.table(rows);
    console.log(
      `indexed vs unindexed at ${DOCS} documents: ${speedup.throughput}x throughput, ` +
        `${speedup.latencyP50}x p50 latency, ${speedup.engineP50}x engine time (target >= 20x)`,
    );
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
      documents: DOCS,
      storage: 'SQLite (WAL, synchronous=FULL) in a temp dir; emulator in its own process',
      seeding: { method: `SDK add() batches of ${BATCH} (insertDocument)`, seconds: round(seedSeconds, 1) },
      method: {
        latency: 'sequential calls through wx-server-sdk 4.0.2 (HTTP round trip included)',
        throughput: `${CONCURRENCY} calls in flight`,
        engine: 'time inside the emulator per action, from GET /_emulator/stats',
      },
      rows,
      indexedVsUnindexed: speedup,
    };
    writeResults('db.json', results);
  } finally {
    cli.child.kill('SIGTERM');
    await exited(cli.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
