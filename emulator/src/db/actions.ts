import type { ActionHandlers } from '../http/router';
import { ObjectId } from 'bson';
import { decodeField, decodeObject, encodeAnswerDoc, objectIdsAsHex } from './ejson';
import { aggregate, count, find, insert, modify, modifyAndReturn, remove, type WritePlan } from './engine';
import { invalidParam } from './errors';
import type { Store } from './store';
import type { Transactions } from './transactions';
import { idKey, isPlainObject, type Doc } from './values';
import { committedView, type DocView } from './view';

function requiredString(body: Doc, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw invalidParam(`${field} is required`);
  return value;
}

const optionalString = (body: Doc, field: string): string | undefined =>
  typeof body[field] === 'string' && body[field] !== '' ? body[field] : undefined;

const optionalNumber = (body: Doc, field: string): number | undefined =>
  typeof body[field] === 'number' ? body[field] : undefined;

/** `multi` as sent, forced to false for `queryType: "DOC"` (a single document by `_id`). */
const isMulti = (body: Doc): boolean => body['queryType'] !== 'DOC' && body['multi'] !== false;

function decodeDocs(raw: unknown, now: number): Doc[] {
  const items = Array.isArray(raw) ? raw : [raw];
  if (items.length === 0) throw invalidParam('data must not be empty');
  return items.map((item, i) => {
    const doc = decodeObject(item, now, `data[${i}]`);
    if (!doc) throw invalidParam(`data[${i}] must be a document`);
    return doc;
  });
}

function decodeStages(raw: unknown, now: number): Doc[] {
  if (!Array.isArray(raw)) throw invalidParam('stages must be an array');
  return raw.map((stage: unknown, i) => {
    const key = isPlainObject(stage) ? stage['stageKey'] : undefined;
    if (typeof key !== 'string' || !key.startsWith('$')) throw invalidParam(`stages[${i}].stageKey is invalid`);
    return { [key]: decodeField((stage as Doc)['stageValue'], now, `stages[${i}].stageValue`) };
  });
}

const OBJECT_ID_HEX = /^[0-9a-f]{24}$/i;

/**
 * The query of a `doc(id)` request. Documents answer an ObjectId `_id` as its hex string, so the SDK addresses
 * such a document by that string: a 24-hex-character id with no document of its own finds the ObjectId one.
 */
function docQuery(view: DocView, collection: string, query: Doc | undefined): Doc | undefined {
  const id = query?.['_id'];
  if (typeof id !== 'string' || !OBJECT_ID_HEX.test(id) || view.get(collection, idKey(id))) return query;
  const objectId = ObjectId.createFromHexString(id);
  return view.get(collection, idKey(objectId)) ? { ...query, _id: objectId } : query;
}

/** Every `database.*` action of `/admin`, answering the response shapes the SDK reads. */
export function databaseActions(store: Store, transactions: Transactions): ActionHandlers {
  const committed = committedView(store);
  const viewFor = (body: Doc): DocView => {
    const tx = optionalString(body, 'transactionId');
    return tx ? transactions.view(tx) : committed;
  };
  const write = <T>(body: Doc, compute: (view: DocView) => WritePlan<T>): T | Promise<T> => {
    const tx = optionalString(body, 'transactionId');
    return tx
      ? transactions.stage(tx, compute(transactions.view(tx)))
      : transactions.runPlain(() => compute(committed));
  };

  return {
    'database.getDocument': (body, { now }) => {
      const single = body['queryType'] === 'DOC';
      const collection = requiredString(body, 'collectionName');
      const view = viewFor(body);
      const query = decodeObject(body['query'], now, 'query');
      const docs = find(view, collection, {
        query: single ? docQuery(view, collection, query) : query,
        order: decodeObject(body['order'], now, 'order'),
        projection: decodeObject(body['projection'], now, 'projection'),
        offset: single ? 0 : optionalNumber(body, 'offset'),
        limit: single ? 1 : optionalNumber(body, 'limit'),
      });
      return { data: { list: docs.map(encodeAnswerDoc) } };
    },

    'database.calculateDocument': (body, { now }) => ({
      data: {
        total: count(viewFor(body), requiredString(body, 'collectionName'), decodeObject(body['query'], now, 'query')),
      },
    }),

    'database.insertDocument': async (body, { now }) => {
      const collection = requiredString(body, 'collectionName');
      const docs = decodeDocs(body['data'], now);
      const result = await write(body, (view) => insert(view, collection, docs));
      return { data: { insertedIds: objectIdsAsHex(result.insertedIds) } };
    },

    'database.modifyDocument': async (body, { now }) => {
      const collection = requiredString(body, 'collectionName');
      const data = decodeObject(body['data'], now, 'data');
      if (!data) throw invalidParam('data is required');
      const args = {
        query: decodeObject(body['query'], now, 'query'),
        data,
        multi: isMulti(body),
        merge: body['merge'] !== false,
        upsert: body['upsert'] === true,
      };
      const byDoc = body['queryType'] === 'DOC';
      const result = await write(body, (view) =>
        modify(view, collection, byDoc ? { ...args, query: docQuery(view, collection, args.query) } : args),
      );
      return { data: { updated: result.updated, upsert_id: objectIdsAsHex(result.upsertId) } };
    },

    'database.modifyAndReturnDoc': async (body, { now }) => {
      const collection = requiredString(body, 'collectionName');
      const data = decodeObject(body['data'], now, 'data');
      if (!data) throw invalidParam('data is required');
      const query = decodeObject(body['query'], now, 'query');
      const result = await write(body, (view) => modifyAndReturn(view, collection, query, data));
      return { data: { updated: result.updated, doc: result.doc ? encodeAnswerDoc(result.doc) : null } };
    },

    'database.removeDocument': async (body, { now }) => {
      const collection = requiredString(body, 'collectionName');
      const query = decodeObject(body['query'], now, 'query');
      const byDoc = body['queryType'] === 'DOC';
      const result = await write(body, (view) =>
        remove(view, collection, byDoc ? docQuery(view, collection, query) : query, isMulti(body)),
      );
      return { data: result };
    },

    'database.aggregateDocuments': (body, { now }) => {
      const docs = aggregate(committed, requiredString(body, 'collectionName'), decodeStages(body['stages'], now));
      return { data: { list: docs.map(encodeAnswerDoc) } };
    },

    'database.addCollection': (body) => {
      store.create(requiredString(body, 'collectionName'));
      return {};
    },

    'database.startTransaction': () => ({ transactionId: transactions.begin() }),

    'database.commitTransaction': (body) => {
      transactions.commit(requiredString(body, 'transactionId'));
      return {};
    },

    'database.abortTransaction': (body) => {
      transactions.abort(requiredString(body, 'transactionId'));
      return {};
    },
  };
}
