/**
 * Activities as the console manages them: the list by phase, title and merchant; the SKUs to build one on;
 * and the writes. A write that moves stock between an activity's dedicated pool and its SKU (create, edit,
 * end) runs in one transaction over both documents, so the SKU's `available` and `allocated` and the pool's
 * counters always move together and a race with a shopper's hold starts the transaction over rather than
 * losing a unit. A pause or resume touches only the status: one update conditional on it.
 * Statuses come from the activity machine, never literals.
 */
import { type ActivityPhase, phaseConditions } from '../../domain/activity-edit';
import { type ActivityEvent, activityMachine } from '../../domain/activity.machine';
import { type Activity, activitySchema } from '../../domain/activity.schema';
import { type Product, productSchema, type Sku, skuSchema } from '../../domain/catalog.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany, plain, type Query, type TransactionRef } from '../cloudbase/db';
import { inTransaction } from '../cloudbase/db';

const activities = () => db().collection(COLLECTIONS.activities);

/** What a query is limited to: a merchant's own documents, or every merchant's. */
export interface MerchantScope {
  readonly merchantId?: string | undefined;
}

/** `keyword` anywhere in a string field, case-insensitively (the regex's own characters are taken literally). */
const containing = (keyword: string) =>
  db().RegExp({ regexp: keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });

/** A phase's conditions (`phaseConditions`) as a query. */
function phaseQuery(phase: ActivityPhase, now: number): Query {
  const _ = cmd();
  const alternatives = phaseConditions(phase).map(({ statuses, started, ended }) => ({
    status: _.in(statuses),
    ...(started === undefined ? {} : { startAt: started ? _.lte(now) : _.gt(now) }),
    ...(ended === undefined ? {} : { endAt: ended ? _.lte(now) : _.gt(now) }),
  }));
  return alternatives.length === 1 ? (alternatives[0] ?? {}) : (_.or(alternatives) as Query);
}

export interface ActivitySearch extends MerchantScope {
  readonly phase?: ActivityPhase | undefined;
  readonly keyword?: string | undefined;
}

/** Activities matching the search, newest first (index `merchantId_createdAt` for a merchant's own). */
export async function searchActivities(
  search: ActivitySearch,
  page: { readonly offset: number; readonly limit: number },
  now: number,
): Promise<Activity[]> {
  const conditions: Query[] = [];
  if (search.merchantId !== undefined) conditions.push({ merchantId: search.merchantId });
  if (search.keyword) conditions.push({ title: containing(search.keyword) });
  if (search.phase) conditions.push(phaseQuery(search.phase, now));
  const where = conditions.length <= 1 ? (conditions[0] ?? {}) : (cmd().and(conditions) as Query);
  const docs = await getMany(
    activities()
      .where(where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .field({ 'pool.holds': false })
      .skip(page.offset)
      .limit(page.limit),
  );
  return docs.map((doc) => activitySchema.parse(doc));
}

/** Products by id, without their descriptions. */
export async function productsByIds(ids: readonly string[]): Promise<Map<string, Product>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.products)
      .where({ _id: cmd().in(unique) })
      .limit(unique.length),
  );
  return new Map(docs.map((doc) => productSchema.parse(doc)).map((p) => [p._id, p]));
}

/** SKUs by id, without their hold ledgers. */
export async function skusByIds(ids: readonly string[]): Promise<Map<string, Sku>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.skus)
      .where({ _id: cmd().in(unique) })
      .field({ 'stock.holds': false })
      .limit(unique.length),
  );
  return new Map(docs.map((doc) => skuSchema.parse(doc)).map((s) => [s._id, s]));
}

/** Up to `limit` SKUs of the products whose title holds `keyword`, newest products first. */
export async function skuChoices(
  search: MerchantScope & { readonly keyword?: string | undefined },
  limit: number,
): Promise<{ product: Product; sku: Sku }[]> {
  const where: Record<string, unknown> = {};
  if (search.merchantId !== undefined) where.merchantId = search.merchantId;
  if (search.keyword) where.title = containing(search.keyword);
  const products = (
    await getMany(
      db()
        .collection(COLLECTIONS.products)
        .where(where)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'asc')
        .limit(limit),
    )
  ).map((doc) => productSchema.parse(doc));
  if (products.length === 0) return [];
  const byId = new Map(products.map((p) => [p._id, p]));
  const skus = (
    await getMany(
      db()
        .collection(COLLECTIONS.skus)
        .where({ productId: cmd().in([...byId.keys()]) })
        .field({ 'stock.holds': false })
        .limit(1000),
    )
  ).map((doc) => skuSchema.parse(doc));
  return products
    .flatMap((product) =>
      skus.filter((sku) => sku.productId === product._id).map((sku) => ({ product: byId.get(sku.productId)!, sku })),
    )
    .slice(0, limit);
}

/** What a console write does to an activity (and, through its pool, to its SKU). */
export interface ActivityWrite {
  /** Top-level fields to set; an object or array replaces what is stored whole. */
  readonly set: Readonly<Record<string, unknown>>;
  /** Top-level fields to remove. */
  readonly unset?: readonly string[];
  /**
   * Units carved from the SKU into the pool (`delta` > 0) or given back to it (< 0), and what becomes of the
   * pool: `keep` moves its available units, `create` makes it with `delta` units, `remove` drops an emptied one.
   */
  readonly pool?: { readonly delta: number; readonly shape: 'keep' | 'create' | 'remove' | 'none' };
}

const SKU_STOCK = { available: 'stock.available', allocated: 'stock.allocated' } as const;

/** The SKU's side of a pool change: available −delta, allocated +delta. */
async function moveSkuStock(tx: TransactionRef, skuId: string, delta: number): Promise<void> {
  if (delta === 0) return;
  const _ = cmd();
  await tx
    .collection(COLLECTIONS.skus)
    .doc(skuId)
    .update({ data: { [SKU_STOCK.available]: _.inc(-delta), [SKU_STOCK.allocated]: _.inc(delta) } });
}

const emptyPool = (available: number) => ({ available, reserved: 0, sold: 0, holds: {} });

function activityPatch(write: ActivityWrite): Record<string, unknown> {
  const _ = cmd();
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(write.set)) {
    data[field] = value !== null && typeof value === 'object' ? _.set(value) : value;
  }
  for (const field of write.unset ?? []) data[field] = _.remove();
  const pool = write.pool;
  if (pool?.shape === 'create') data.pool = _.set(emptyPool(pool.delta));
  else if (pool?.shape === 'remove') data.pool = _.remove();
  else if (pool?.shape === 'keep' && pool.delta !== 0) data['pool.available'] = _.inc(pool.delta);
  return data;
}

async function readIn<T>(tx: TransactionRef, collection: string, id: string, parse: (doc: unknown) => T) {
  const { data } = await tx.collection(collection).doc(id).get();
  const doc = plain(data);
  return doc ? parse(doc) : null;
}

/**
 * Reads the activity and its SKU in a transaction, lets `decide` say what to write (or throw a refusal,
 * which changes nothing), and writes the activity and the SKU's side of any pool change together. A race
 * starts it over on what the database then holds, so `decide` may run more than once.
 */
export function changeActivity<T>(
  activityId: string,
  decide: (activity: Activity | null, sku: Sku | null) => { readonly write: ActivityWrite | null; readonly result: T },
): Promise<T> {
  return inTransaction(async (tx) => {
    const activity = await readIn(tx, COLLECTIONS.activities, activityId, (d) => activitySchema.parse(d));
    const sku = activity ? await readIn(tx, COLLECTIONS.skus, activity.skuId, (d) => skuSchema.parse(d)) : null;
    const { write, result } = decide(activity, sku);
    if (write && activity) {
      const data = activityPatch(write);
      if (Object.keys(data).length > 0) await tx.collection(COLLECTIONS.activities).doc(activityId).update({ data });
      await moveSkuStock(tx, activity.skuId, write.pool?.delta ?? 0);
    }
    return result;
  });
}

/**
 * Creates an activity on a SKU in a transaction: `build` sees the SKU and answers the document and the units
 * its pool carves from the SKU (0 for a shared activity), or throws a refusal.
 */
export function insertActivity<T>(
  skuId: string,
  build: (sku: Sku | null) => { readonly doc: Omit<Activity, 'pool'>; readonly poolSize?: number; readonly result: T },
): Promise<T> {
  return inTransaction(async (tx) => {
    const sku = await readIn(tx, COLLECTIONS.skus, skuId, (d) => skuSchema.parse(d));
    const { doc, poolSize, result } = build(sku);
    const data = poolSize === undefined ? { ...doc } : { ...doc, pool: emptyPool(poolSize) };
    await tx.collection(COLLECTIONS.activities).add({ data });
    await moveSkuStock(tx, skuId, poolSize ?? 0);
    return result;
  });
}

/**
 * Moves the activity from a status `event` leaves to the one it leads to, with one conditional update
 * (within the merchant's scope). False when it is in none of those statuses, or not in scope.
 */
export async function transitionActivity(
  activityId: string,
  event: ActivityEvent,
  scope: MerchantScope,
  now: number,
): Promise<boolean> {
  const _ = cmd();
  const { from, to } = activityMachine.transition(event);
  const { stats } = await activities()
    .where({
      _id: activityId,
      ...(scope.merchantId !== undefined ? { merchantId: scope.merchantId } : {}),
      status: _.in(from),
    })
    .update({ data: { status: to, updatedAt: now } });
  return stats.updated === 1;
}
