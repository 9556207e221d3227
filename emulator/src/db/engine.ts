import { randomUUID } from 'node:crypto';
import { setValue } from 'mingo/util';
import { EARTH_RADIUS_M, distanceFrom, docPoint, findNear, toPoint, type LngLat } from './geo';
import { encodeDoc } from './ejson';
import { CloudBaseError, duplicateKey, invalidParam, requestFailed } from './errors';
import { applyModifier, compileQuery, runPipeline, shape } from './mingo';
import type { Change, StoredDoc } from './store';
import { cloneValue, idKey, isPlainObject, type Doc } from './values';
import type { DocView } from './view';

/** CloudBase's page size: 100 when the SDK sends none, never more than 1000. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface FindArgs {
  readonly query?: Doc | undefined;
  readonly order?: Doc | undefined;
  readonly projection?: Doc | undefined;
  readonly offset?: number | undefined;
  readonly limit?: number | undefined;
}

/** A write computed against a view: what to apply, which documents it locks, and what to answer. */
export interface WritePlan<T> {
  readonly changes: Change[];
  readonly touched: ReadonlyArray<{ readonly collection: string; readonly key: string }>;
  readonly result: T;
}

const newId = (): string => randomUUID().replaceAll('-', '');

function checkOrder(order: Doc | undefined): Doc | undefined {
  if (!order || Object.keys(order).length === 0) return undefined;
  for (const [field, dir] of Object.entries(order)) {
    if (dir !== 1 && dir !== -1) throw invalidParam(`order for ${field} must be 1 or -1`);
  }
  return order;
}

function requireGeoIndex(view: DocView, collection: string, field: string): void {
  if (!view.collection(collection).indexes.geoIndexOn(field)) {
    throw requestFailed(`unable to find index for $geoNear query: declare a 2dsphere index on ${collection}.${field}`);
  }
}

function sortByDistance(docs: Doc[], field: string, center: LngLat): Doc[] {
  const distance = distanceFrom(center);
  const dist = (d: Doc): number => {
    const p = docPoint(d, field);
    return p ? distance(p) : Infinity;
  };
  return docs
    .map((doc) => ({ doc, d: dist(doc) }))
    .sort((a, b) => a.d - b.d)
    .map((x) => x.doc);
}

/** Matching rows in natural order; stops early once `enough` are found. */
function matchRows(view: DocView, collection: string, query: Doc | undefined, enough = Infinity): StoredDoc[] {
  const q = compileQuery(query);
  const out: StoredDoc[] = [];
  for (const row of view.candidates(collection, query)) {
    if (q.test(row.doc)) out.push(row);
    if (out.length >= enough) break;
  }
  return out;
}

export function find(view: DocView, collection: string, args: FindArgs): Doc[] {
  const order = checkOrder(args.order);
  const offset = Math.max(0, args.offset ?? 0);
  const limit = Math.min(Math.max(1, args.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  const near = findNear(args.query);
  if (near) requireGeoIndex(view, collection, near.field);
  const early = order || near ? Infinity : offset + limit;
  let docs = matchRows(view, collection, args.query, early).map((r) => r.doc);
  if (near && !order) docs = sortByDistance(docs, near.field, near.near.center);
  return shape(docs, { projection: args.projection, order, offset, limit });
}

export function count(view: DocView, collection: string, query: Doc | undefined): number {
  return matchRows(view, collection, query).length;
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$pop',
  '$addToSet',
  '$bit',
  '$currentDate',
]);

/** The modifier for an update (plain fields mean `$set`), checked before any document is matched. */
function toModifier(data: Doc): Doc {
  const keys = Object.keys(data);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length > 0 && operators.length < keys.length) throw invalidParam('update mixes operators and fields');
  const modifier = operators.length > 0 ? data : { $set: data };
  for (const [op, fields] of Object.entries(modifier)) {
    if (!UPDATE_OPERATORS.has(op))
      throw new CloudBaseError('DATABASE_INVALID_OPERRATOR', `unknown update operator: ${op}`);
    if (!isPlainObject(fields)) throw invalidParam(`${op} needs an object of field paths`);
    for (const path of Object.keys(fields)) {
      if (path === '_id' || path.startsWith('_id.')) {
        throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`);
      }
    }
  }
  return modifier;
}

/** How a write changes a document: update operators (merge) or a whole replacement (set). */
type Update = { readonly modifier: Doc; readonly positional: boolean } | { readonly replacement: Doc };

function toUpdate(data: Doc, merge: boolean): Update {
  if (merge) {
    const modifier = toModifier(data);
    // the query is needed only to resolve the positional `$` operator (`list.$.field`)
    const positional = Object.values(modifier).some((fields) =>
      Object.keys(fields as Doc).some((p) => /(^|\.)\$(\.|$)/.test(p)),
    );
    return { modifier, positional };
  }
  if (Object.keys(data).some((k) => k.startsWith('$'))) throw invalidParam('set() takes a document, not operators');
  return { replacement: data };
}

/** The updated copy of `doc`, or undefined when the update changes nothing. */
function updated(doc: Doc, update: Update, query: Doc | undefined): Doc | undefined {
  if ('replacement' in update) {
    const replacement = { _id: doc['_id'], ...cloneValue(update.replacement) };
    return encodeDoc(replacement) === encodeDoc(doc) ? undefined : replacement;
  }
  const copy = cloneValue(doc);
  return applyModifier(copy, update.modifier, update.positional ? query : undefined).length > 0 ? copy : undefined;
}

export interface ModifyArgs {
  readonly query: Doc | undefined;
  readonly data: Doc;
  readonly multi: boolean;
  readonly merge: boolean;
  readonly upsert: boolean;
}

export function modify(
  view: DocView,
  collection: string,
  args: ModifyArgs,
): WritePlan<{ updated: number; upsertId: unknown }> {
  const update = toUpdate(args.data, args.merge);
  const rows = matchRows(view, collection, args.query, args.multi ? Infinity : 1);
  const touched = rows.map((r) => ({ collection, key: r.key }));
  if (rows.length === 0 && args.upsert) {
    const queryId = args.query?.['_id'];
    const id = queryId === undefined || isPlainObject(queryId) ? newId() : queryId;
    const doc = updated({ _id: id }, update, args.query) ?? { _id: id };
    const key = idKey(id);
    return {
      changes: [{ collection, key, doc }],
      touched: [{ collection, key }],
      result: { updated: 0, upsertId: id },
    };
  }
  const changes: Change[] = [];
  for (const row of rows) {
    const doc = updated(row.doc, update, args.query);
    if (doc) changes.push({ collection, key: row.key, doc });
  }
  return { changes, touched, result: { updated: changes.length, upsertId: null } };
}

/**
 * `updateAndReturn`: the first match, updated; answers the new document. Like MongoDB's findAndModify (whose
 * `lastErrorObject.n` counts the match), `updated` is 1 whenever a document matched, even when the update left
 * it as it was; plain `update` counts only documents it changed, like MongoDB's `nModified`.
 */
export function modifyAndReturn(
  view: DocView,
  collection: string,
  query: Doc | undefined,
  data: Doc,
): WritePlan<{ updated: number; doc: Doc | null }> {
  const update = toUpdate(data, true);
  const [row] = matchRows(view, collection, query, 1);
  if (!row) return { changes: [], touched: [], result: { updated: 0, doc: null } };
  const doc = updated(row.doc, update, query);
  return {
    changes: doc ? [{ collection, key: row.key, doc }] : [],
    touched: [{ collection, key: row.key }],
    result: { updated: 1, doc: doc ?? row.doc },
  };
}

export function remove(
  view: DocView,
  collection: string,
  query: Doc | undefined,
  multi: boolean,
): WritePlan<{ deleted: number }> {
  const rows = matchRows(view, collection, query, multi ? Infinity : 1);
  return {
    changes: rows.map((r) => ({ collection, key: r.key, doc: null })),
    touched: rows.map((r) => ({ collection, key: r.key })),
    result: { deleted: rows.length },
  };
}

export function insert(view: DocView, collection: string, docs: Doc[]): WritePlan<{ insertedIds: unknown[] }> {
  view.collection(collection);
  const seen = new Set<string>();
  const changes = docs.map((input): Change => {
    const id = input['_id'] ?? newId();
    if (id === '' || id === null || Array.isArray(id) || id instanceof RegExp) throw invalidParam('invalid _id');
    const key = idKey(id);
    if (seen.has(key) || view.get(collection, key))
      throw duplicateKey(collection, '_id_', `_id: ${JSON.stringify(id)}`);
    seen.add(key);
    return { collection, key, doc: { _id: id, ...input } }; // _id first, as MongoDB stores it
  });
  return {
    changes,
    touched: changes.map((c) => ({ collection, key: c.key })),
    result: { insertedIds: changes.map((c) => c.doc?.['_id']) },
  };
}

/** `$geoNear` as a first stage: nearest first, with the distance written to `distanceField`. */
function geoNearStage(view: DocView, collection: string, spec: unknown): Doc[] {
  if (!isPlainObject(spec)) throw invalidParam('$geoNear needs an object');
  const center = toPoint(spec['near']);
  const distanceField = spec['distanceField'];
  if (!center) throw invalidParam('$geoNear.near must be a GeoJSON Point');
  if (typeof distanceField !== 'string' || distanceField === '')
    throw invalidParam('$geoNear.distanceField is required');
  const geo = view.collection(collection).indexes;
  const key = typeof spec['key'] === 'string' ? spec['key'] : geo.geo.length === 1 ? geo.geo[0]?.field : undefined;
  if (key === undefined) throw requestFailed('$geoNear needs exactly one 2dsphere index, or a key naming one');
  requireGeoIndex(view, collection, key);
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' ? v : fallback);
  const min = num(spec['minDistance'], 0);
  const max = num(spec['maxDistance'], Infinity);
  const multiplier = num(spec['distanceMultiplier'], 1);
  const filter = compileQuery(isPlainObject(spec['query']) ? spec['query'] : undefined);
  const region = Number.isFinite(max)
    ? { $geoWithin: { $centerSphere: [center, max / EARTH_RADIUS_M] } }
    : { $nearSphere: { $geometry: spec['near'] } };
  const rows = view.candidates(collection, { [key]: region });
  const hits: { doc: Doc; d: number; loc: unknown }[] = [];
  const distance = distanceFrom(center);
  for (const row of rows) {
    const p = docPoint(row.doc, key);
    if (!p || !filter.test(row.doc)) continue;
    const d = distance(p);
    if (d >= min && d <= max) hits.push({ doc: row.doc, d, loc: { type: 'Point', coordinates: [...p] } });
  }
  hits.sort((a, b) => a.d - b.d);
  const includeLocs = typeof spec['includeLocs'] === 'string' ? spec['includeLocs'] : undefined;
  return hits.map(({ doc, d, loc }) => {
    const out = cloneValue(doc);
    setValue(out, distanceField, d * multiplier);
    if (includeLocs) setValue(out, includeLocs, loc);
    return out;
  });
}

/** Aggregation: a leading `$geoNear` or `$match` uses the indexes, the rest is mingo. */
export function aggregate(view: DocView, collection: string, stages: Doc[]): Doc[] {
  view.collection(collection);
  const [first, ...rest] = stages;
  const firstOp = first ? Object.keys(first)[0] : undefined;
  stages.slice(1).forEach((s) => {
    if ('$geoNear' in s) throw invalidParam('$geoNear is only valid as the first stage of a pipeline');
  });
  let input: Doc[];
  let pipeline: Doc[];
  if (first && firstOp === '$geoNear') {
    input = geoNearStage(view, collection, first['$geoNear']);
    pipeline = rest;
  } else if (first && firstOp === '$match' && isPlainObject(first['$match'])) {
    input = matchRows(view, collection, first['$match']).map((r) => r.doc);
    pipeline = rest;
  } else {
    input = [...view.collection(collection).docs.values()].map((r) => r.doc);
    pipeline = stages;
  }
  const resolve = (name: string): Doc[] =>
    view.store.has(name) ? [...view.collection(name).docs.values()].map((r) => cloneValue(r.doc)) : [];
  return runPipeline(input, pipeline, resolve);
}
