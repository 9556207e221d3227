import { Aggregator } from 'mingo/aggregator';
import { Context, ProcessingMode } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import * as window from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { QueryOperator } from 'mingo/types';
import { update, type Modifier } from 'mingo/updater';
import { dateOperators } from './dates';
import { expressionOperators } from './expressions';
import { geoQueryOperators } from './geo';
import { jsonSchemaValidator } from './json-schema';
import { isPlainObject, type Doc } from './values';

/**
 * mingo with every operator plus the geo ones, the corrected ones (array elements above, `dates.ts`,
 * `expressions.ts`) and Ajv for `$jsonSchema`, built once (mingo's default entry point rebuilds its context on
 * every call). Scripts (`$where`, `$function`, `$accumulator`) are off, as on CloudBase. mingo's QueryOperator
 * type is the intersection of its built-ins' signatures, so the custom operators need a cast.
 */
/**
 * mingo resolves every field path on a value that is not a document to the value itself, so criteria on fields,
 * tested against a plain array element, judge the element: `{ value: { $gt: 0 } }` matches the `1` in
 * `[1, 2, 3]`. MongoDB tests such criteria against embedded documents only. Added to them, this condition keeps
 * that rule inside mingo: a path no stored document can hold is missing on a document, and "present" (the value
 * itself) on anything else.
 */
const ONLY_DOCUMENTS = { '\u0000': { $exists: false } } as const;

const isOperatorKey = (key: string): boolean => key.startsWith('$');

/** `$elemMatch` criteria that mingo tests against the element itself (fields, or `$and`/`$or`/`$nor` of them). */
const onDocuments = (criteria: unknown): unknown =>
  isPlainObject(criteria) &&
  Object.keys(criteria).some((k) => !isOperatorKey(k) || k === '$and' || k === '$or' || k === '$nor')
    ? { ...criteria, ...ONLY_DOCUMENTS }
    : criteria;

/** `$pull` conditions that mingo tests against the element itself: documents of field criteria. */
const pullOnDocuments = (condition: unknown): unknown =>
  isPlainObject(condition) && Object.keys(condition).length > 0 && !Object.keys(condition).some(isOperatorKey)
    ? { ...condition, ...ONLY_DOCUMENTS }
    : condition;

/** The array operators whose criteria reach array elements, with the rule above applied. */
const elementQueryOperators = {
  $elemMatch: ((selector, criteria, opts) =>
    query.$elemMatch(selector, onDocuments(criteria) as Doc, opts)) satisfies typeof query.$elemMatch,
  $all: ((selector, values, opts) =>
    query.$all(
      selector,
      Array.isArray(values)
        ? values.map((v: unknown) =>
            isPlainObject(v) && Object.keys(v).length === 1 && v['$elemMatch'] !== undefined
              ? { $elemMatch: onDocuments(v['$elemMatch']) }
              : v,
          )
        : values,
      opts,
    )) satisfies typeof query.$all,
};
const elementProjectionOperators = {
  $elemMatch: ((obj, criteria, field, opts) =>
    projection.$elemMatch(obj, onDocuments(criteria), field, opts)) satisfies typeof projection.$elemMatch,
};

const options = {
  context: Context.init({
    accumulator,
    expression: { ...expression, ...dateOperators, ...expressionOperators },
    pipeline,
    projection: { ...projection, ...elementProjectionOperators },
    query: {
      ...query,
      ...elementQueryOperators,
      ...(geoQueryOperators as unknown as Record<`$${string}`, QueryOperator>),
    },
    window,
  }),
  scriptEnabled: false,
  jsonSchemaValidator,
};

export const compileQuery = (condition: Doc | undefined): Query => new Query(condition ?? {}, options);

/**
 * A projected document as MongoDB answers it: `_id` first, and no field a projection operator left undefined
 * (mingo keeps `tags: undefined` when an `$elemMatch` projection matches no element, which EJSON sends as null).
 */
function tidyProjected(doc: Doc): Doc {
  const out: Doc = '_id' in doc ? { _id: doc['_id'] } : {};
  for (const [key, value] of Object.entries(doc)) if (value !== undefined && key !== '_id') out[key] = value;
  return out;
}

/** Projection, sort, skip and limit over already-matched documents, with MongoDB semantics. */
export function shape(docs: Doc[], cursor: { projection?: Doc; order?: Doc; offset: number; limit: number }): Doc[] {
  let c = new Query({}, options).find<Doc>(docs, cursor.projection);
  if (cursor.order) c = c.sort(cursor.order);
  const page = c.skip(cursor.offset).limit(cursor.limit).all();
  return cursor.projection && Object.keys(cursor.projection).length > 0 ? page.map(tidyProjected) : page;
}

/** Runs pipeline stages; inputs are cloned so no stage can touch stored documents. */
export function runPipeline(docs: Doc[], stages: Doc[], resolveCollection: (name: string) => Doc[]): Doc[] {
  return new Aggregator(stages, {
    ...options,
    processingMode: ProcessingMode.CLONE_INPUT,
    collectionResolver: resolveCollection,
  }).run<Doc>(docs);
}

/** The modifier with the embedded-documents rule applied to its `$pull` conditions. */
function withPullOnDocuments(modifier: Doc): Doc {
  const pull = modifier['$pull'];
  if (!isPlainObject(pull)) return modifier;
  const conditions = Object.fromEntries(Object.entries(pull).map(([path, c]) => [path, pullOnDocuments(c)]));
  return { ...modifier, $pull: conditions };
}

/** Applies MongoDB update operators in place; returns the paths that changed. */
export const applyModifier = (doc: Doc, modifier: Doc, condition: Doc | undefined): string[] =>
  update(doc, withPullOnDocuments(modifier) as Modifier<Doc>, undefined, condition, { queryOptions: options });
