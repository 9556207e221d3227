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
import { geoQueryOperators } from './geo';
import type { Doc } from './values';

/**
 * mingo with every operator plus the geo ones, built once (mingo's default entry point rebuilds its context on
 * every call). Scripts (`$where`, `$function`, `$accumulator`) are off, as on CloudBase. mingo's QueryOperator
 * type is the intersection of its built-ins' signatures, so the custom operators need a cast.
 */
const options = {
  context: Context.init({
    accumulator,
    expression,
    pipeline,
    projection,
    query: { ...query, ...(geoQueryOperators as unknown as Record<`$${string}`, QueryOperator>) },
    window,
  }),
  scriptEnabled: false,
};

export const compileQuery = (condition: Doc | undefined): Query => new Query(condition ?? {}, options);

/** Projection, sort, skip and limit over already-matched documents, with MongoDB semantics. */
export function shape(docs: Doc[], cursor: { projection?: Doc; order?: Doc; offset: number; limit: number }): Doc[] {
  let c = new Query({}, options).find<Doc>(docs, cursor.projection);
  if (cursor.order) c = c.sort(cursor.order);
  return c.skip(cursor.offset).limit(cursor.limit).all();
}

/** Runs pipeline stages; inputs are cloned so no stage can touch stored documents. */
export function runPipeline(docs: Doc[], stages: Doc[], resolveCollection: (name: string) => Doc[]): Doc[] {
  return new Aggregator(stages, {
    ...options,
    processingMode: ProcessingMode.CLONE_INPUT,
    collectionResolver: resolveCollection,
  }).run<Doc>(docs);
}

/** Applies MongoDB update operators in place; returns the paths that changed. */
export const applyModifier = (doc: Doc, modifier: Doc, condition: Doc | undefined): string[] =>
  update(doc, modifier as Modifier<Doc>, undefined, condition, { queryOptions: options });
