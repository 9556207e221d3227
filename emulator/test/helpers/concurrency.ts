/**
 * The emulator's concurrency scenarios through the real wx-server-sdk, taking their scale: concurrency.test.ts
 * runs them with a few dozen requests at once (enough to interleave at every request), and
 * concurrency.slow.test.ts at the full scale (npm run test:slow).
 */
import { expect } from 'vitest';
import type { Database, SdkHarness } from './sdk';

/** Conditional updates at once on one counter, and runTransaction transfers at once between two accounts. */
export const CONCURRENCY = { small: { updates: 40, transfers: 16 }, full: { updates: 200, transfers: 50 } };

/** `updates` conditional updates at once on a counter with 5 free seats: exactly 5 apply. */
export async function reserveSeats(h: SdkHarness, updates: number): Promise<void> {
  const _ = h.db.command;
  await h.db.collection('seats').add({ data: { _id: 'g1', seats: 0 } });
  const results = await Promise.all(
    Array.from({ length: updates }, () =>
      h.db
        .collection('seats')
        .where({ _id: 'g1', seats: _.lt(5) })
        .update({ data: { seats: _.inc(1) } }),
    ),
  );
  expect(results.filter((r: { stats: { updated: number } }) => r.stats.updated === 1)).toHaveLength(5);
  expect(results.filter((r: { stats: { updated: number } }) => r.stats.updated === 0)).toHaveLength(updates - 5);
  expect((await h.db.collection('seats').doc('g1').get()).data.seats).toBe(5);
}

/** `transfers` runTransaction transfers at once between two accounts, retried on conflict: the total is kept. */
export async function transferAtOnce(h: SdkHarness, transfers: number): Promise<void> {
  const _ = h.db.command;
  await h.db.collection('accounts').add({
    data: [
      { _id: 'x', balance: 1000 },
      { _id: 'y', balance: 1000 },
    ],
  });
  let attempts = 0;
  let conflicts = 0;
  /** Read both balances, then write both: a read-modify-write that only snapshot isolation keeps correct. */
  const transfer = (i: number): Promise<boolean> => {
    const [from, to] = i % 2 === 0 ? ['x', 'y'] : ['y', 'x'];
    const amount = 1 + (i % 7);
    return h.db
      .runTransaction(async (tx: Database) => {
        attempts += 1;
        const src = (await tx.collection('accounts').doc(from).get()).data.balance as number;
        const dst = (await tx.collection('accounts').doc(to).get()).data.balance as number;
        await tx
          .collection('accounts')
          .doc(from)
          .update({ data: { balance: src - amount } });
        await tx
          .collection('accounts')
          .doc(to)
          .update({ data: { balance: dst + amount } });
      }, 10)
      .then(
        () => true,
        (error: { errMsg?: string }) => {
          // wx-server-sdk turns a conflict raised inside the callback into errCode -501001 (it drops `code`),
          // so runTransaction does not retry those: callers retry on the message, as production code must
          if (!/\[ResourceUnavailable\.TransactionConflict\]/.test(String(error.errMsg))) {
            throw error;
          }
          conflicts += 1;
          return false;
        },
      );
  };
  // Jittered exponential backoff, as production callers retry: without it dozens of writers on two documents
  // keep aborting each other and the run time grows with the machine's load.
  const withRetry = async (i: number): Promise<void> => {
    for (let round = 0; !(await transfer(i)); round++) {
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 5 * 2 ** round)));
    }
  };
  await Promise.all(Array.from({ length: transfers }, (_unused, i) => withRetry(i)));
  const docs = (
    await h.db
      .collection('accounts')
      .where({ _id: _.in(['x', 'y']) })
      .get()
  ).data as {
    _id: string;
    balance: number;
  }[];
  expect(docs.reduce((sum, d) => sum + d.balance, 0)).toBe(2000);
  const net = Array.from({ length: transfers }, (_unused, i) => (i % 2 === 0 ? -1 : 1) * (1 + (i % 7)));
  expect(docs.find((d) => d._id === 'x')?.balance).toBe(1000 + net.reduce((a, b) => a + b, 0));
  expect(conflicts).toBeGreaterThan(0);
  expect(attempts).toBeGreaterThan(transfers);
}
