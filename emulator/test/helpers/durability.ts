/**
 * Durability across kill -9 (durability.slow.test.ts: two emulator processes, so npm run test:slow): the emulator is
 * killed after `writes` acknowledged writes while eight writers keep requests in flight; after a restart on the same
 * data every acknowledged write is there, and no transaction is half there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { exited, spawnCli, type RunningCli } from './cli';
import { connectSdk, FIXTURE_INDEXES, type Database } from './sdk';

export async function killMidStream(writes: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'emulator-durability-'));
  const running: RunningCli[] = [];
  const start = async (): Promise<{ cli: RunningCli; db: Database }> => {
    const cli = await spawnCli([
      '--port',
      '0',
      '--data',
      dataDir,
      '--indexes',
      FIXTURE_INDEXES,
      '--no-seed',
      '--no-timers',
    ]);
    running.push(cli);
    return { cli, db: connectSdk(cli.env).db };
  };
  try {
    const first = await start();
    expect(first.cli.env['TCB_CONTEXT_CNFG']).toBe(JSON.stringify({ URL: `${first.cli.url}/admin` }));
    const ackedDocs: string[] = [];
    const ackedPairs: number[] = [];
    let next = 0;
    let killed = false;
    const worker = async (): Promise<void> => {
      while (!killed) {
        const n = next++;
        try {
          if (n % 3 === 0) {
            // a transaction writing two documents together
            await first.db.runTransaction(async (tx: Database) => {
              await tx.collection('scratch').add({ data: { _id: `pair-${n}-a`, pair: n } });
              await tx.collection('scratch').add({ data: { _id: `pair-${n}-b`, pair: n } });
            });
            ackedPairs.push(n);
          } else {
            await first.db.collection('scratch').add({ data: { _id: `doc-${n}`, n, payload: 'x'.repeat(200) } });
            ackedDocs.push(`doc-${n}`);
          }
        } catch {
          return; // the server is gone
        }
        if (ackedDocs.length + ackedPairs.length >= writes && !killed) {
          killed = true;
          first.cli.child.kill('SIGKILL'); // mid-stream: the other workers have requests in flight
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await exited(first.cli.child);
    expect(first.cli.child.signalCode).toBe('SIGKILL');

    const second = await start();
    const all: { _id: string; pair?: number }[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = (
        await second.db.collection('scratch').skip(offset).limit(1000).field({ _id: true, pair: true }).get()
      ).data as { _id: string; pair?: number }[];
      all.push(...page);
      if (page.length < 1000) break;
    }
    const ids = new Set(all.map((d) => d._id));
    expect(ackedDocs.filter((id) => !ids.has(id))).toEqual([]);
    expect(ackedPairs.filter((n) => !ids.has(`pair-${n}-a`) || !ids.has(`pair-${n}-b`))).toEqual([]);
    const sides = new Map<number, number>();
    for (const d of all) if (d.pair !== undefined) sides.set(d.pair, (sides.get(d.pair) ?? 0) + 1);
    expect([...sides.values()].filter((count) => count !== 2)).toEqual([]);
    expect(ackedDocs.length + ackedPairs.length).toBeGreaterThanOrEqual(writes);
  } finally {
    for (const { child } of running) {
      child.kill('SIGKILL');
      await exited(child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}
