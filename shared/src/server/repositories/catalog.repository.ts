/** Reads of the catalogue: activities, SKUs, products, and pickup points (one, or a list for checkout). */
import { type Activity, activitySchema } from '../../domain/activity.schema';
import {
  type Merchant,
  merchantSchema,
  type PickupPoint,
  pickupPointSchema,
  type Product,
  productSchema,
  type Sku,
  skuSchema,
} from '../../domain/catalog.schema';
import type { District, GeoPoint } from '../../domain/common.schema';
import { PICKUP_POINT_CLOSED_STATUS } from '../../domain/pickup-point.machine';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getById, getMany } from '../cloudbase/db';

async function byId<T>(collection: string, id: string, parse: (data: unknown) => T): Promise<T | null> {
  const data = await getById(collection, id);
  return data ? parse(data) : null;
}

export const getActivity = (id: string): Promise<Activity | null> =>
  byId(COLLECTIONS.activities, id, (d) => activitySchema.parse(d));

export const getSku = (id: string): Promise<Sku | null> => byId(COLLECTIONS.skus, id, (d) => skuSchema.parse(d));

export const getProduct = (id: string): Promise<Product | null> =>
  byId(COLLECTIONS.products, id, (d) => productSchema.parse(d));

export const getMerchant = (id: string): Promise<Merchant | null> =>
  byId(COLLECTIONS.merchants, id, (d) => merchantSchema.parse(d));

/** Every merchant (at most `limit`), by name. */
export async function listMerchants(limit: number): Promise<Merchant[]> {
  const docs = await getMany(db().collection(COLLECTIONS.merchants).orderBy('name', 'asc').limit(limit));
  return docs.map((doc) => merchantSchema.parse(doc));
}

export const getPickupPoint = (id: string): Promise<PickupPoint | null> =>
  byId(COLLECTIONS.pickupPoints, id, (d) => pickupPointSchema.parse(d));

/** The points of these ids that exist, active or not (a few: a page's worth). */
export async function getPickupPoints(ids: readonly string[]): Promise<PickupPoint[]> {
  if (ids.length === 0) return [];
  const docs = await getMany(
    db()
      .collection(COLLECTIONS.pickupPoints)
      .where({ _id: cmd().in([...ids]) })
      .limit(ids.length),
  );
  return docs.map((d) => pickupPointSchema.parse(d));
}

/**
 * Up to `limit` active pickup points (checkout never offers a deactivated one; a point stored without a
 * status is active): nearest first from `near` (index `location_2dsphere`), else by district then name;
 * only those in `district` when one is given.
 */
export async function listPickupPoints(
  filter: { readonly near?: GeoPoint | undefined; readonly district?: District | undefined },
  limit: number,
): Promise<PickupPoint[]> {
  const where: Record<string, unknown> = { status: cmd().neq(PICKUP_POINT_CLOSED_STATUS) };
  if (filter.district) where.district = filter.district;
  let query;
  if (filter.near) {
    const [longitude, latitude] = filter.near.coordinates;
    where.location = cmd().geoNear({ geometry: db().Geo.Point(longitude, latitude) });
    query = db().collection(COLLECTIONS.pickupPoints).where(where);
  } else {
    query = db().collection(COLLECTIONS.pickupPoints).where(where).orderBy('district', 'asc').orderBy('name', 'asc');
  }
  const docs = await getMany(query.limit(limit));
  return docs.map((d) => pickupPointSchema.parse(d));
}
