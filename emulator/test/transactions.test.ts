import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sdkError, startWithSdk, type Database, type SdkHarness } from './helpers/sdk';
import { WireRecorder } from './helpers/wire';

/** CloudBase's exact answers (issue 13). */
const NOT_EXIST = {
  code: 'DATABASE_TRANSACTION_FAIL',
  message:
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
  requestId: expect.stringMatching(/^[0-9a-f]{16}$/),
};
const CONFLICT = {
  code: 'DATABASE_TRANSACTION_CONFLICT',
  message:
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  requestId: expect.stringMatching(/^[0-9a-f]{16}$/),
};
const LIFETIME_MS = 30_000;

let h: SdkHarness;
const wire = new WireRecorder();
beforeAll(async () => {
  // the default transaction lifetime; the tests that outlive it move a fake clock instead of waiting
  h = await startWithSdk({ envId: 'tx-env', onRequest: wire.onRequest });
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
  wire.clear();
});
afterEach(() => {
  vi.useRealTimers();
});

const balance = async (id: string): Promise<number> =>
  ((await h.db.collection('accounts').doc(id).get()).data as { balance: number }).balance;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const last = (action: string) => wire.last(action);
const TX_ID = expect.stringMatching(/^[0-9a-f]{32}$/);
/** Transaction timers only: the SDK's HTTP traffic keeps running on real time. */
const fakeClock = (): void => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
};

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

  it('takes its snapshot at its first read or write, not at startTransaction, as MongoDB does', async () => {
    const tx = await h.db.startTransaction();
    // committed after startTransaction but before the transaction's first operation: visible to it
    await h.db.collection('accounts').add({ data: { _id: 'early', balance: 5 } });
    await h.db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 1 } });
    expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(1);
    // committed after the first operation: invisible
    await h.db
      .collection('accounts')
      .doc('b')
      .update({ data: { balance: 2 } });
    await h.db.collection('accounts').add({ data: { _id: 'late', balance: 5 } });
    expect((await tx.collection('accounts').doc('b').get()).data.balance).toBe(100);
    const inTx = await tx
      .collection('accounts')
      .where({ balance: h.db.command.gte(0) })
      .get();
    expect(inTx.data.map((d: { _id: string }) => d._id)).toEqual(['a', 'b', 'early']);
    // so a document changed before the first operation does not conflict with the transaction writing it
    await tx
      .collection('accounts')
      .doc('early')
      .update({ data: { balance: 6 } });
    await tx.commit();
    expect(await balance('early')).toBe(6);
  });

  it('a write to a document locked by another transaction fails at once with CloudBase conflict answer', async () => {
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
    expect(last('database.modifyDocument')).toEqual({
      body: {
        envName: 'tx-env',
        action: 'database.modifyDocument',
        collectionName: 'accounts',
        queryType: 'DOC',
        query: '{"_id":"a"}',
        data: '{"$set":{"balance":{"$numberInt":"2"}}}',
        multi: false,
        merge: true,
        upsert: false,
        transactionId: TX_ID,
      },
      response: CONFLICT,
    });
    // wx-server-sdk turns the answer into errCode -501001 and keeps only the message
    expect(err).toEqual({
      errCode: -501001,
      errMsg: `document.update:fail -501001 resource system error. ${CONFLICT.message}`,
    });
    // the conflict aborted the second transaction: it no longer exists
    await expect(second.commit()).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: NOT_EXIST.message,
    });
    await first.commit();
    expect(await balance('a')).toBe(1);
  });

  it('a write to a document changed since the snapshot conflicts (no lost update)', async () => {
    const tx = await h.db.startTransaction();
    const seenBalance = (await tx.collection('accounts').doc('a').get()).data.balance as number;
    await h.db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: h.db.command.inc(5) } });
    const err = await sdkError(
      tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: seenBalance - 10 } }),
    );
    expect(err.errMsg).toContain(CONFLICT.message);
    expect(last('database.modifyDocument').response).toEqual(CONFLICT);
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

  it.each([
    ['committed', (tx: Database) => tx.commit()],
    ['rolled back', (tx: Database) => tx.rollback()],
  ] as const)(
    'reads, writes, commit and rollback on a %s transaction answer TransactionNotExist',
    async (_name, end) => {
      const tx = await h.db.startTransaction();
      await tx.collection('accounts').doc('a').get();
      await end(tx);
      const get = await sdkError(tx.collection('accounts').doc('a').get());
      expect(last('database.getDocument')).toEqual({
        body: {
          envName: 'tx-env',
          action: 'database.getDocument',
          collectionName: 'accounts',
          queryType: 'DOC',
          query: '{"_id":"a"}',
          multi: false,
          transactionId: TX_ID,
        },
        response: NOT_EXIST,
      });
      expect(get).toEqual({
        errCode: -501001,
        errMsg: `document.get:fail -501001 resource system error. ${NOT_EXIST.message}`,
      });
      await sdkError(
        tx
          .collection('accounts')
          .doc('a')
          .update({ data: { balance: 0 } }),
      );
      expect(last('database.modifyDocument').response).toEqual(NOT_EXIST);
      await expect(tx.commit()).rejects.toMatchObject({ code: NOT_EXIST.code, message: NOT_EXIST.message });
      await expect(tx.rollback()).rejects.toMatchObject({ code: NOT_EXIST.code, message: NOT_EXIST.message });
      expect(last('database.abortTransaction').response).toEqual(NOT_EXIST);
      expect(await balance('a')).toBe(100);
    },
  );

  it('lives 30 seconds: then it is aborted, its locks released, and any use answers TransactionNotExist', async () => {
    fakeClock();
    const tx = await h.db.startTransaction();
    await tx
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 0 } });
    vi.advanceTimersByTime(LIFETIME_MS - 1);
    expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(0);
    vi.advanceTimersByTime(1);
    await expect(tx.commit()).rejects.toMatchObject({ code: NOT_EXIST.code, message: NOT_EXIST.message });
    expect(last('database.commitTransaction')).toEqual({
      body: {
        envName: 'tx-env',
        action: 'database.commitTransaction',
        transactionId: TX_ID,
      },
      response: NOT_EXIST,
    });
    await h.db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: h.db.command.inc(1) } });
    expect(await balance('a')).toBe(101);
  });

  it('runTransaction throws, without re-running the callback, when its transaction outlived 30 seconds', async () => {
    fakeClock();
    let runs = 0;
    const run = h.db.runTransaction(async (tx: Database) => {
      runs += 1;
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: h.db.command.inc(-10) } });
      vi.advanceTimersByTime(LIFETIME_MS);
    }, 3);
    await expect(run).rejects.toMatchObject({ code: NOT_EXIST.code, message: NOT_EXIST.message });
    expect(runs).toBe(1);
    expect(await balance('a')).toBe(100);
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
    await expect(tx.rollback()).rejects.toMatchObject({ code: NOT_EXIST.code });
  });
});
