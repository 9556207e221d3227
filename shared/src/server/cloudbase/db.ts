/**
 * The one CloudBase handle of a function instance: `wx-server-sdk` initialised for the current env, and
 * its database typed down to what the repositories use (the SDK's own typings mistype results).
 */
import * as cloud from 'wx-server-sdk';
import { DomainError, isDomainError } from '../../kernel/errors';

let initialised = false;

/** `wx-server-sdk`, initialised once per instance for the env the function runs in. */
export function wxCloud(): typeof cloud {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    initialised = true;
  }
  return cloud;
}

/** An operand built by `db.command` (`_.inc(1)`, `_.lt(5)`, ...). */
export type Operand = { readonly __operand?: never };

export interface Command {
  eq(value: unknown): Operand;
  neq(value: unknown): Operand;
  lt(value: unknown): Operand;
  lte(value: unknown): Operand;
  gt(value: unknown): Operand;
  gte(value: unknown): Operand;
  in(values: readonly unknown[]): Operand;
  nin(values: readonly unknown[]): Operand;
  exists(present: boolean): Operand;
  and(...conditions: unknown[]): Operand;
  or(...conditions: unknown[]): Operand;
  not(condition: Operand): Operand;
  size(length: number): Operand;
  /** Nearest first (`$nearSphere`); distances in metres. Needs a 2dsphere index on the field. */
  geoNear(options: { geometry: GeoPointRef; maxDistance?: number; minDistance?: number }): Operand;
  inc(by: number): Operand;
  min(value: unknown): Operand;
  push(values: unknown): Operand;
  pull(value: unknown): Operand;
  remove(): Operand;
  /** Replaces the field with this value whole (an object given to `update` is merged field by field). */
  set(value: unknown): Operand;
}

export type Query = Readonly<Record<string, unknown>>;
export type Patch = Readonly<Record<string, unknown>>;

export interface QueryRef {
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Patch }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
  orderBy(field: string, direction: 'asc' | 'desc'): QueryRef;
  limit(max: number): QueryRef;
  skip(offset: number): QueryRef;
  field(projection: Readonly<Record<string, boolean>>): QueryRef;
}

export interface DocRef {
  get(): Promise<{ data: unknown }>;
  update(options: { data: Patch }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

/**
 * An aggregation pipeline (`collection.aggregate()`). Stage values are MongoDB's own (`{ $sum: 1 }`), except
 * `match`, which takes a query as `where` does. CloudBase answers 20 documents when a pipeline has no
 * `limit`: always end with one.
 */
export interface AggregateRef {
  match(query: Query | Operand): AggregateRef;
  project(spec: Readonly<Record<string, unknown>>): AggregateRef;
  group(spec: Readonly<Record<string, unknown>>): AggregateRef;
  sort(spec: Readonly<Record<string, 1 | -1>>): AggregateRef;
  limit(max: number): AggregateRef;
  lookup(spec: Readonly<Record<string, unknown>>): AggregateRef;
  unwind(path: string): AggregateRef;
  end(): Promise<{ list: unknown[] }>;
}

export interface CollectionRef extends QueryRef {
  doc(id: string): DocRef;
  aggregate(): AggregateRef;
  where(query: Query): QueryRef;
  add(options: { data: Readonly<Record<string, unknown>> }): Promise<{ _id: string }>;
}

/** A `db.Geo.Point`: what geo query operators take. */
export type GeoPointRef = { readonly __geoPoint?: never };

/**
 * A transaction (`db.startTransaction()`): snapshot reads and locked writes by document id, applied together
 * by `commit`. A write to a document that changed after the snapshot fails with a conflict; `inTransaction`
 * runs one.
 */
export interface TransactionRef {
  collection(name: string): {
    doc(id: string): DocRef;
    add(options: { data: Readonly<Record<string, unknown>> }): Promise<{ _id: string }>;
  };
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}

export interface Database {
  collection(name: string): CollectionRef;
  readonly command: Command;
  readonly Geo: { Point(longitude: number, latitude: number): GeoPointRef };
  /** A regular expression to match a string field with (`{ regexp, options: 'i' }`). */
  RegExp(options: { regexp: string; options?: string }): Operand;
  startTransaction(): Promise<TransactionRef>;
}

let database: Database | undefined;

/** The database, with `throwOnNotFound: false` so a missing document reads as `null`. */
export function db(): Database {
  database ??= wxCloud().database({ throwOnNotFound: false } as never) as unknown as Database;
  return database;
}

/** `db.command`, the query and update operators. */
export const cmd = (): Command => db().command;

/** True when the database refused a transaction because another write touched the same documents. */
export function isTransactionConflict(error: unknown): boolean {
  if (isDomainError(error)) return false;
  const text = error instanceof Error ? error.message : typeof error === 'object' && error ? JSON.stringify(error) : '';
  return /TRANSACTION_CONFLICT|TransactionConflict/i.test(text);
}

/** How many snapshots a transaction is tried on before it answers CONFLICT. */
export const TRANSACTION_ATTEMPTS = 20;

/**
 * Runs `work` in a transaction and commits it. CloudBase transactions read a snapshot and lock each document
 * they write; a write to a document that changed after the snapshot fails at once with a conflict and the
 * transaction is gone, so a conflict starts over on a fresh snapshot (jittered backoff, up to
 * TRANSACTION_ATTEMPTS times, then CONFLICT) and the work always decides on what the database holds when it
 * commits. Anything else `work` throws rolls the transaction back and is thrown as it is, so a refusal keeps
 * its code and changes nothing. (`wx-server-sdk`'s `runTransaction` is not used: it retries only conflicts
 * at commit and turns an error thrown by the work into an opaque one.)
 */
export async function inTransaction<T>(work: (tx: TransactionRef) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const tx = await db().startTransaction();
    try {
      const result = await work(tx);
      await tx.commit();
      return result;
    } catch (error) {
      // After a conflict the transaction is already gone: its rollback fails, harmlessly.
      await tx.rollback().catch(() => undefined);
      if (!isTransactionConflict(error)) throw error;
      if (attempt >= TRANSACTION_ATTEMPTS) throw new DomainError('CONFLICT', 'transaction kept conflicting');
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 5 * 2 ** attempt)));
    }
  }
}

/** True when an SDK error is a unique-index violation (E11000), e.g. a payment recorded twice. */
export function isDuplicateKey(error: unknown): boolean {
  const text = error instanceof Error ? error.message : typeof error === 'object' && error ? JSON.stringify(error) : '';
  return /E11000|duplicate key/i.test(text);
}

/**
 * A document as plain JSON. The SDK hands `Geo.Point` objects back for GeoJSON points (and their
 * `toJSON` turns them into GeoJSON again); every timestamp here is epoch ms, so nothing else changes.
 */
export function plain(document: unknown): unknown {
  return document === null || document === undefined ? null : JSON.parse(JSON.stringify(document));
}

/** One document by id as plain JSON, or null. */
export async function getById(collection: string, id: string): Promise<unknown> {
  const { data } = await db().collection(collection).doc(id).get();
  return plain(data);
}

/** The documents a query returns, as plain JSON. */
export async function getMany(query: QueryRef): Promise<unknown[]> {
  const { data } = await query.get();
  return data.map(plain);
}
