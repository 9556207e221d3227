/**
 * The one CloudBase handle of a function instance: `wx-server-sdk` initialised for the current env, and
 * its database typed down to what the repositories use (the SDK's own typings mistype results).
 */
import * as cloud from 'wx-server-sdk';

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

/** A collection inside a transaction: documents by id, read and written at the transaction's snapshot. */
export interface TransactionCollection {
  doc(id: string): {
    get(): Promise<{ data: unknown }>;
    update(options: { data: Patch }): Promise<{ stats: { updated: number } }>;
  };
  add(options: { data: Readonly<Record<string, unknown>> }): Promise<{ _id: string }>;
}

export interface Transaction {
  collection(name: string): TransactionCollection;
}

/**
 * A transaction (`db.startTransaction()`): snapshot reads and locked writes by document id, applied together
 * by `commit`. A write to a document that changed after the snapshot fails with a conflict; see
 * `transaction.ts` for how a use case runs one.
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
  /** Runs `work` in a transaction: committed when it resolves, rolled back when it throws. */
  runTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
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
  const text = error instanceof Error ? error.message : typeof error === 'object' && error ? JSON.stringify(error) : '';
  return /TRANSACTION_CONFLICT|TransactionConflict/i.test(text);
}

/**
 * Runs a transaction, again when it lost a conflict to another writer (the SDK does not retry a conflict
 * met inside the callback), up to `attempts` times.
 */
export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().runTransaction(work);
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
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
