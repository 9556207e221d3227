/**
 * Activities as shoppers browse them: the live ones (active and inside their window), with what a list
 * card needs, the units sold (what `hot` ranks by) and each product's first image. Only the fields a
 * card shows are read, never the stock ledgers.
 */
import { ACTIVITY_SELLING_STATUS } from '../../domain/activity.machine';
import { stockModeSchema } from '../../domain/activity.schema';
import { soldOfActivity } from '../../domain/activity-view';
import { commissionRuleSchema } from '../../domain/commission.schema';
import { productStatusSchema } from '../../domain/product.machine';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany, plain } from '../cloudbase/db';

/** The most documents one query returns (CloudBase's cap). */
export const QUERY_CAP = 1000;

const activityCardSchema = z.object({
  _id: z.string(),
  title: z.string(),
  productId: z.string(),
  skuId: z.string(),
  groupPrice: fenSchema,
  soloPrice: fenSchema,
  groupSize: z.number().int(),
  endAt: z.number().int(),
  stockMode: stockModeSchema,
  pool: z.object({ sold: z.number().int().nonnegative() }).optional(),
});
export type ActivityCard = z.infer<typeof activityCardSchema>;

const CARD_FIELDS = {
  title: true,
  productId: true,
  skuId: true,
  groupPrice: true,
  soloPrice: true,
  groupSize: true,
  endAt: true,
  stockMode: true,
  'pool.sold': true,
} as const;

/**
 * Live activities ending soonest first (index `status_endAt`), one page of them. For `hot` the caller
 * reads every live activity (up to the cap) and ranks them itself.
 */
export async function listLiveActivities(
  now: number,
  page: { readonly offset: number; readonly limit: number },
): Promise<ActivityCard[]> {
  const _ = cmd();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.activities)
      .where({ status: ACTIVITY_SELLING_STATUS, endAt: _.gt(now), startAt: _.lte(now) })
      .orderBy('endAt', 'asc')
      .orderBy('_id', 'asc')
      .field(CARD_FIELDS)
      .skip(page.offset)
      .limit(page.limit),
  );
  return docs.map((d) => activityCardSchema.parse(d));
}

const skuSoldSchema = z.object({ _id: z.string(), stock: z.object({ sold: z.number().int().nonnegative() }) });

/** Units sold per SKU id, in one query (only `stock.sold` is read). */
export async function soldBySku(skuIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(skuIds)].slice(0, QUERY_CAP);
  if (ids.length === 0) return new Map();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.skus)
      .where({ _id: cmd().in(ids) })
      .field({ 'stock.sold': true })
      .limit(ids.length),
  );
  return new Map(docs.map((d) => skuSoldSchema.parse(d)).map((s) => [s._id, s.stock.sold]));
}

const productImagesSchema = z.object({ _id: z.string(), images: z.array(z.string()) });

/** Each product's first image, in one query. */
export async function firstImages(productIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(productIds)].slice(0, QUERY_CAP);
  if (ids.length === 0) return new Map();
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.products)
      .where({ _id: cmd().in(ids) })
      .field({ images: true })
      .limit(ids.length),
  );
  return new Map(docs.map((d) => productImagesSchema.parse(d)).map((p) => [p._id, p.images[0] ?? '']));
}

/** What the activity's card says it sold: its dedicated pool's count, or its SKU's for a shared activity. */
export const soldOf = (activity: ActivityCard, skuSold: ReadonlyMap<string, number>): number =>
  soldOfActivity(activity, skuSold.get(activity.skuId) ?? 0);

/** The most activities 开团工具 lists (live ones, ending soonest first). */
export const OPENABLE_SHOWN = 100;

const openableSchema = z.object({
  _id: z.string(),
  title: z.string(),
  groupPrice: fenSchema,
  soloPrice: fenSchema,
  leaderPrice: fenSchema.optional(),
  groupSize: z.number().int(),
  perOrderLimit: z.number().int(),
  perUserLimit: z.number().int(),
  endAt: z.number().int(),
  stockMode: stockModeSchema,
  commission: commissionRuleSchema.optional(),
  poolAvailable: z.number().int().nullish(),
  skuAvailable: z.number().int().nullish(),
  spec: z.string().nullish(),
  productStatus: productStatusSchema.nullish(),
  image: z.string().nullish(),
});
export type OpenableActivityRow = z.infer<typeof openableSchema>;

/**
 * Live activities (active, inside their window) ending soonest first, each with the units its pool or SKU has
 * left, its SKU's spec, and its product's status and first image: one aggregation (index `status_endAt`).
 */
export async function listOpenableActivities(now: number): Promise<OpenableActivityRow[]> {
  const _ = cmd();
  const { list } = await db()
    .collection(COLLECTIONS.activities)
    .aggregate()
    .match({ status: ACTIVITY_SELLING_STATUS, endAt: _.gt(now), startAt: _.lte(now) })
    .sort({ endAt: 1, _id: 1 })
    .limit(OPENABLE_SHOWN)
    .lookup({ from: COLLECTIONS.skus, localField: 'skuId', foreignField: '_id', as: 'sku' })
    .lookup({ from: COLLECTIONS.products, localField: 'productId', foreignField: '_id', as: 'product' })
    .project({
      title: 1,
      groupPrice: 1,
      soloPrice: 1,
      leaderPrice: 1,
      groupSize: 1,
      perOrderLimit: 1,
      perUserLimit: 1,
      endAt: 1,
      stockMode: 1,
      commission: 1,
      poolAvailable: '$pool.available',
      skuAvailable: { $arrayElemAt: ['$sku.stock.available', 0] },
      spec: { $arrayElemAt: ['$sku.spec', 0] },
      productStatus: { $arrayElemAt: ['$product.status', 0] },
      image: { $arrayElemAt: [{ $arrayElemAt: ['$product.images', 0] }, 0] },
    })
    .limit(OPENABLE_SHOWN)
    .end();
  return list.map((doc) => openableSchema.parse(plain(doc)));
}
