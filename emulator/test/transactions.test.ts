import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sdkError, startWithSdk, type Database, type SdkHarness } from './helpers/sdk';

const TIMEOUT_MS = 400;
let h: SdkHarness;
beforeAll(async () => {
  // a short transaction lifetime so the timeout path runs in milliseconds
  h = await startWithSdk({ transactionTimeoutMs: TIMEOUT_MS });
});
afterAll(() => h.emulator.stop());
beforeEach(async () => {
  h.emulator.reset();
  await h.db.collection('accounts').add({
    data: [
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 100 },
    ],
  });
});

const balance = async (id: string): Promise<number> =>
  ((await h.db.collection('accounts').doc(id).get()).data as { balance: number }).balance;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('transactions', () => {
  it('commit applies every write at once; reads inside see the transaction own writes', async () => {
    const tx = await h.db.startTransaction();
    await tx
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: h.db.command.inc(-30) } });
    await tx
      .collection('accounts')
      .doc('b')
      .update({ data: { balance: h.db.command.inc(30) } });
    await tx.collection('accounts').add({ data: { _id: 'log1', amount: 30 } });
    expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(70);
    expect(await balance('a')).toBe(100);
    expect((await h.db.collection('accounts').where({ _id: 'log1' }).count()).total).toBe(0);
    await tx.commit();
    expect([await balance('a'), await balance('b')]).toEqual([70, 130]);
    expect((await h.db.collection('accounts').doc('log1').get()).data.amount).toBe(30);
  });

  it('rollback discards every write', async () => {
    const tx = await h.db.startTransaction();
    await tx
      .collection('accounts')
      .doc('a')
      .set({ data: { balance: 0 } });
    await tx.collection('accounts').doc('b').remove();
    await tx.rollback();
    expect([await balance('a'), await balance('b')]).toEqual([100, 100]);
  });

  it('reads see the snapshot taken at start, not later commits', async () => {
    const tx = await h.db.startTransaction();
    await h.db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 1 } });
    await h.db.collection('accounts').add({ data: { _id: 'later', balance: 5 } });
    expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(100);
    const inTx = await tx
      .collection('accounts')
      .where({ balance: h.db.command.gte(0) })
      .get();
    expect(inTx.data.map((d: { _id: string }) => d._id)).toEqual(['a', 'b']);
    await tx.rollback();
  });

  it('a write to a document locked by another transaction fails at once with DATABASE_TRANSACTION_CONFLICT', async () => {
    const first = await h.db.startTransaction();
    const second = await h.db.startTransaction();
    await first
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 1 } });
    const started = Date.now();
    const err = await sdkError(
      second
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: 2 } }),
    );
    expect(Date.now() - started).toBeLessThan(200);
    expect(err.errMsg).toMatch(/locked by another transaction/);
    // the conflicting transaction is aborted; committing it reports the conflict code the SDK retries on
    await expect(second.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await first.commit();
    expect(await balance('a')).toBe(1);
  });

  it('a write to a document changed since the snapshot conflicts (no lost update)', async () => {
    const tx = await h.db.startTransaction();
    const seen = (await tx.collection('accounts').doc('a').get()).data.balance as number;
    await h.db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: h.db.command.inc(5) } });
    const err = await sdkError(
      tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: seen - 10 } }),
    );
    expect(err.errMsg).toMatch(/changed since the transaction started/);
    expect(await balance('a')).toBe(105);
  });

  it('a plain write waits for the lock and then applies on top of the commit', async () => {
    const tx = await h.db.startTransaction();
    await tx
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: h.db.command.inc(-50) } });
    const plain = h.db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: h.db.command.inc(1) } });
    await sleep(50);
    expect(await balance('a')).toBe(100);
    await tx.commit();
    await plain;
    expect(await balance('a')).toBe(51);
  });

  it('an open transaction is aborted after its timeout and its locks are released', async () => {
    const tx = await h.db.startTransaction();
    await tx
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 0 } });
    await sleep(TIMEOUT_MS + 100);
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await h.db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: h.db.command.inc(1) } });
    expect(await balance('a')).toBe(101);
  });

  it('runTransaction re-runs the callback when commit reports a conflict', async () => {
    let runs = 0;
    const result = await h.db.runTransaction(async (tx: Database) => {
      runs += 1;
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: h.db.command.inc(-10) } });
      if (runs === 1) await sleep(TIMEOUT_MS + 100); // the first attempt outlives its transaction
      return runs;
    }, 3);
    expect(result).toBe(2);
    expect(await balance('a')).toBe(90);
  });

  it('runTransaction rolls back when the callback throws', async () => {
    await expect(
      h.db.runTransaction(async (tx: Database) => {
        await tx
          .collection('accounts')
          .doc('a')
          .update({ data: { balance: 0 } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await balance('a')).toBe(100);
  });

  it('a unique index violation at commit aborts the whole transaction', async () => {
    await h.db.collection('products').add({ data: { sku: 'S1' } });
    const tx = await h.db.startTransaction();
    await tx
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 0 } });
    await tx.collection('products').add({ data: { sku: 'S1' } });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(await balance('a')).toBe(100);
  });
});
