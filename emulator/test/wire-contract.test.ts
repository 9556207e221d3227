import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_INDEXES_FILE, type RequestRecord } from '../src/index';
import { startWithSdk, type Database, type SdkHarness } from './helpers/sdk';

/**
 * Pins the exact `/admin` bodies wx-server-sdk 4.0.2 sends for each call shape the product uses, so an SDK
 * upgrade that changes the wire is caught here. Tokens are ignored and transaction ids normalised.
 */
const VOLATILE = ['wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken'];
const COMMON = { envName: 'contract-env' };

let h: SdkHarness;
let seen: RequestRecord[] = [];
beforeAll(async () => {
  // the product's own collections (shared/src/server/cloudbase/indexes.json)
  h = await startWithSdk({ envId: 'contract-env', indexesFile: DEFAULT_INDEXES_FILE, onRequest: (r) => seen.push(r) });
  await h.db.collection('groups').add({ data: { _id: 'g1', status: 'open', joined: 1 } });
});
afterAll(() => h.emulator.stop());
beforeEach(() => {
  seen = [];
});

function bodies(): Record<string, unknown>[] {
  return seen.map((r) => {
    const body = { ...(r.body as Record<string, unknown>) };
    for (const key of VOLATILE) {
      expect(body[key]).toBe('');
      delete body[key];
    }
    if (typeof body['transactionId'] === 'string') body['transactionId'] = '<tx>';
    return body;
  });
}

describe('wire contract of wx-server-sdk 4.0.2', () => {
  it('where().orderBy().skip().limit().field().get()', async () => {
    const _ = h.db.command;
    await h.db
      .collection('groups')
      .where({ status: 'open', joined: _.lt(5), leader: { openid: 'o1' } })
      .orderBy('createdAt', 'desc')
      .orderBy('joined', 'asc')
      .skip(10)
      .limit(5)
      .field({ title: true, joined: true })
      .get();
    expect(bodies()).toEqual([
      {
        ...COMMON,
        action: 'database.getDocument',
        collectionName: 'groups',
        queryType: 'WHERE',
        query: '{"status":"open","joined":{"$lt":{"$numberInt":"5"}},"leader.openid":"o1"}',
        order: '{"createdAt":{"$numberInt":"-1"},"joined":{"$numberInt":"1"}}',
        offset: 10,
        limit: 5,
        projection: '{"title":{"$numberInt":"1"},"joined":{"$numberInt":"1"}}',
      },
    ]);
  });

  it('collection.get() without a limit sends limit 100', async () => {
    await h.db.collection('groups').get();
    expect(bodies()).toEqual([
      { ...COMMON, action: 'database.getDocument', collectionName: 'groups', queryType: 'WHERE', limit: 100 },
    ]);
  });

  it('doc().get()', async () => {
    await h.db.collection('groups').doc('g1').get();
    expect(bodies()).toEqual([
      {
        ...COMMON,
        action: 'database.getDocument',
        collectionName: 'groups',
        queryType: 'DOC',
        query: '{"_id":"g1"}',
        multi: false,
      },
    ]);
  });

  it('add() with one document and with a batch', async () => {
    await h.db.collection('groups').add({ data: { _id: 'g2', at: new Date(0), n: 1.5 } });
    await h.db.collection('groups').add({ data: [{ _id: 'g3' }, { _id: 'g4' }] });
    expect(bodies()).toEqual([
      {
        ...COMMON,
        action: 'database.insertDocument',
        collectionName: 'groups',
        data: ['{"_id":"g2","at":{"$date":{"$numberLong":"0"}},"n":{"$numberDouble":"1.5"}}'],
      },
      {
        ...COMMON,
        action: 'database.insertDocument',
        collectionName: 'groups',
        data: ['{"_id":"g3"}', '{"_id":"g4"}'],
      },
    ]);
    expect(seen[1]?.response['data']).toEqual({ insertedIds: ['g3', 'g4'] });
  });

  it('where().update() with inc, serverDate and push', async () => {
    const _ = h.db.command;
    await h.db
      .collection('groups')
      .where({ _id: 'g1', joined: _.lt(5) })
      .update({ data: { joined: _.inc(1), 'meta.updatedAt': h.db.serverDate(), members: _.push(['u1']) } });
    expect(bodies()).toEqual([
      {
        ...COMMON,
        action: 'database.modifyDocument',
        collectionName: 'groups',
        queryType: 'WHERE',
        query: '{"_id":"g1","joined":{"$lt":{"$numberInt":"5"}}}',
        data: '{"$inc":{"joined":{"$numberInt":"1"}},"$set":{"meta.updatedAt":{"$tcb_server_date":{"offset":{"$numberInt":"0"}}}},"$push":{"members":{"$each":["u1"]}}}',
        multi: true,
        merge: true,
        upsert: false,
      },
    ]);
    expect(seen[0]?.response['data']).toEqual({ updated: 1, upsert_id: null });
  });

  it('doc().update() and doc().set()', async () => {
    await h.db
      .collection('groups')
      .doc('g1')
      .update({ data: { status: 'full', tags: h.db.command.remove() } });
    await h.db
      .collection('groups')
      .doc('g9')
      .set({ data: { status: 'new' } });
    expect(bodies()).toEqual([
      {
        ...COMMON,
        action: 'database.modifyDocument',
        collectionName: 'groups',
        queryType: 'DOC',
        query: '{"_id":"g1"}',
        data: '{"$set":{"status":"full"},"$unset":{"tags":""}}',
        multi: false,
        merge: true,
        upsert: false,
      },
      {
        ...COMMON,
        action: 'database.modifyDocument',
        collectionName: 'groups',
        queryType: 'DOC',
        query: '{"_id":"g9"}',
        data: '{"status":"new"}',
        multi: false,
        merge: false,
        upsert: true,
      },
    ]);
    expect(seen[1]?.response['data']).toEqual({ updated: 0, upsert_id: 'g9' });
  });

  it('where().remove() and where().count()', async () => {
    await h.db.collection('groups').where({ status: 'gone' }).remove();
    await h.db
      .collection('groups')
      .where({ status: h.db.command.in(['open', 'full']) })
      .count();
    expect(bodies()).toEqual([
      {
        ...COMMON,
        action: 'database.removeDocument',
        collectionName: 'groups',
        queryType: 'WHERE',
        query: '{"status":"gone"}',
        multi: true,
      },
      {
        ...COMMON,
        action: 'database.calculateDocument',
        collectionName: 'groups',
        queryType: 'WHERE',
        query: '{"status":{"$in":["open","full"]}}',
      },
    ]);
  });

  it('aggregate()', async () => {
    const _ = h.db.command;
    await h.db
      .collection('groups')
      .aggregate()
      .match({ status: 'open' })
      .group({ _id: '$status', n: _.aggregate.sum(1) })
      .sort({ n: -1 })
      .limit(3)
      .end();
    expect(bodies()).toEqual([
      {
        ...COMMON,
        action: 'database.aggregateDocuments',
        collectionName: 'groups',
        stages: [
          { stageKey: '$match', stageValue: '{"status":"open"}' },
          { stageKey: '$group', stageValue: '{"_id":"$status","n":{"$sum":{"$numberInt":"1"}}}' },
          { stageKey: '$sort', stageValue: '{"n":{"$numberInt":"-1"}}' },
          { stageKey: '$limit', stageValue: '3' },
        ],
      },
    ]);
  });

  it('runTransaction: start, doc get/update inside, commit', async () => {
    await h.db.runTransaction(async (tx: Database) => {
      await tx.collection('groups').doc('g1').get();
      await tx
        .collection('groups')
        .doc('g1')
        .update({ data: { joined: h.db.command.inc(1) } });
    });
    expect(bodies()).toEqual([
      { ...COMMON, action: 'database.startTransaction' },
      {
        ...COMMON,
        action: 'database.getDocument',
        collectionName: 'groups',
        queryType: 'DOC',
        query: '{"_id":"g1"}',
        multi: false,
        transactionId: '<tx>',
      },
      {
        ...COMMON,
        action: 'database.modifyDocument',
        collectionName: 'groups',
        queryType: 'DOC',
        query: '{"_id":"g1"}',
        data: '{"$inc":{"joined":{"$numberInt":"1"}}}',
        multi: false,
        merge: true,
        upsert: false,
        transactionId: '<tx>',
      },
      { ...COMMON, action: 'database.commitTransaction', transactionId: '<tx>' },
    ]);
    expect(seen[0]?.response['transactionId']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('errors are HTTP 200 bodies with code, message and requestId', async () => {
    await h.db
      .collection('missing')
      .get()
      .catch(() => undefined);
    expect(seen[0]?.response).toEqual({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
      message: 'Db or Table not exist: missing',
      requestId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
});
