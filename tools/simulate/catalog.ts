/**
 * The flash sale's catalogue: the Chongqing demo seed (merchants, products, pickup points in six
 * districts), with this run's own SKUs and activities so a run never shares stock with an earlier run or
 * the demo data. Activities are tuned for a fast day: one-hour validity, groups of 2–5. Stock grows with
 * the crowd, except for a few hot items that sell out. The starting amounts are kept as the baseline the
 * conservation check compares against.
 */
import { type ActivityScope, activitySchema } from '../../shared/src/domain/activity.schema';
import { pickupPointSchema, skuSchema } from '../../shared/src/domain/catalog.schema';
import type { District, GeoPoint } from '../../shared/src/domain/common.schema';
import type { StockRef } from '../../shared/src/domain/order.schema';
import { chongqingSeed } from '../../emulator/seed/chongqing';
import { HOUR_MS } from './clock';
import type { Doc, EmulatorClient } from './client';

const DAY_MS = 24 * HOUR_MS;

export interface SimActivity {
  readonly id: string;
  readonly skuId: string;
  readonly title: string;
  readonly groupSize: number;
  readonly perOrderLimit: number;
  readonly scope?: ActivityScope;
  /** The 团长's own activity: the crowd never picks it, so a leader's neighbours find stock and seats. */
  readonly leadersOnly?: boolean;
}

export interface SimPickupPoint {
  readonly id: string;
  readonly district: District;
  readonly location: GeoPoint;
}

/** A stock document's counters when the sale started: `available + reserved + sold` must stay equal to `total`. */
export interface StockBaseline {
  readonly ref: StockRef;
  readonly total: number;
  /** SKU stock only: units carved out for dedicated pools, which the sale never moves. */
  readonly allocated?: number;
}

export interface SimCatalog {
  /** Prefix of this run's ids and shopper openids. */
  readonly tag: string;
  readonly activities: readonly SimActivity[];
  readonly skuIds: readonly string[];
  readonly pickupPoints: readonly SimPickupPoint[];
  readonly baselines: readonly StockBaseline[];
  readonly documents: Readonly<Record<string, readonly Doc[]>>;
}

/**
 * Units per SKU as a share of the crowd (at least 30): the 400 g hotpot base, which its group activity
 * and solo buyers share, sells out; the 麻花 pool runs tight.
 */
const STOCK_SHARE: Record<string, { available: number; pool?: number }> = {
  's-hotpot-base-400': { available: 0.15 },
  's-hotpot-base-3x400': { available: 0.1 },
  's-orange-5jin': { available: 0.05, pool: 0.25 },
  's-orange-10jin': { available: 0.1 },
  's-pepper-250': { available: 0.3 },
  's-mahua-gift': { available: 0.05, pool: 0.05 },
  's-hotpot-set-2': { available: 0.3 },
};

const units = (share: number, shoppers: number) => Math.max(30, Math.ceil(share * shoppers));
const counters = (available: number) => ({ available, reserved: 0, sold: 0, holds: {} });

export function buildCatalog(now: number, tag: string, shoppers: number): SimCatalog {
  const seed = chongqingSeed(now);
  const docs = (collection: string) => seed[collection] ?? [];
  const own = (id: string) => `${id}-${tag}`;
  const baselines: StockBaseline[] = [];

  const seedActivities = docs('activities').map((doc) => activitySchema.parse(doc));
  const pools = new Map<string, number>();
  for (const activity of seedActivities) {
    const share = STOCK_SHARE[activity.skuId]?.pool;
    if (activity.stockMode === 'dedicated' && share !== undefined) pools.set(activity.skuId, units(share, shoppers));
  }

  const skus = docs('skus').map((doc) => {
    const sku = skuSchema.parse(doc);
    const available = units(STOCK_SHARE[sku._id]?.available ?? 0.1, shoppers);
    const allocated = pools.get(sku._id) ?? 0;
    baselines.push({ ref: { kind: 'sku', id: own(sku._id) }, total: available, allocated });
    return skuSchema.parse({ ...sku, _id: own(sku._id), stock: { ...counters(available), allocated } });
  });

  const activities = seedActivities.map((activity) => {
    const pool = pools.get(activity.skuId);
    if (pool !== undefined) baselines.push({ ref: { kind: 'pool', id: own(activity._id) }, total: pool });
    const { pool: _seedPool, ...rules } = activity;
    return activitySchema.parse({
      ...rules,
      _id: own(activity._id),
      skuId: own(activity.skuId),
      title: `${activity.title}（秒杀）`,
      groupSize: Math.min(5, Math.max(2, activity.groupSize)),
      validityHours: 1,
      startAt: now - HOUR_MS,
      endAt: now + 14 * DAY_MS,
      ...(pool !== undefined ? { pool: counters(pool) } : {}),
    });
  });

  // The 团长's own activity, on a SKU of its own after the crowd's (so the crowd's indexes never reach it): the flash
  // sale empties the crowd's stock and fills its groups within minutes, and a leader's neighbours must find both.
  const template = activities.find((a) => a.stockMode === 'shared' && !a.scope);
  if (template) {
    const sku = skus.find((k) => k._id === template.skuId);
    if (sku) {
      const available = Math.max(60, Math.ceil(shoppers / 4));
      const leaderSku = skuSchema.parse({
        ...sku,
        _id: `${sku._id}-leaders`,
        stock: { ...counters(available), allocated: 0 },
      });
      skus.push(leaderSku);
      baselines.push({ ref: { kind: 'sku', id: leaderSku._id }, total: available, allocated: 0 });
      activities.push(
        activitySchema.parse({
          ...template,
          _id: `${template._id}-leaders`,
          skuId: leaderSku._id,
          title: `${template.title.replace('（秒杀）', '')}（团长专享）`,
          groupSize: 3,
        }),
      );
    }
  }

  const pickupPoints = docs('pickup_points').map((doc) => pickupPointSchema.parse(doc));
  return {
    tag,
    activities: activities.map((a) => ({
      id: a._id,
      skuId: a.skuId,
      title: a.title,
      groupSize: a.groupSize,
      perOrderLimit: a.perOrderLimit,
      ...(a.scope ? { scope: a.scope } : {}),
      ...(a._id.endsWith('-leaders') ? { leadersOnly: true } : {}),
    })),
    skuIds: skus.map((s) => s._id),
    pickupPoints: pickupPoints.map((p) => ({ id: p._id, district: p.district, location: p.location })),
    baselines,
    documents: {
      merchants: docs('merchants'),
      products: docs('products'),
      pickup_points: docs('pickup_points'),
      skus,
      activities,
    },
  };
}

/** Writes the catalogue; the demo's shared documents (merchants, products, pickup points) only where missing. */
export async function seedCatalog(client: EmulatorClient, catalog: SimCatalog): Promise<void> {
  for (const [collection, docs] of Object.entries(catalog.documents)) {
    const ids = docs.map((d) => d._id);
    const existing = new Set((await client.find(collection, { _id: { $in: ids } })).map((d) => d._id));
    await client.insert(
      collection,
      docs.filter((d) => !existing.has(d._id)),
    );
  }
}
