/** Reads of the catalogue the order use cases need: activities, SKUs, products, pickup points. */
import { type Activity, activitySchema } from '../../domain/activity.schema';
import {
  type PickupPoint,
  pickupPointSchema,
  type Product,
  productSchema,
  type Sku,
  skuSchema,
} from '../../domain/catalog.schema';
import { COLLECTIONS } from '../db/collections';
import { getById } from '../db/cloud';

async function byId<T>(collection: string, id: string, parse: (data: unknown) => T): Promise<T | null> {
  const data = await getById(collection, id);
  return data ? parse(data) : null;
}

export const getActivity = (id: string): Promise<Activity | null> =>
  byId(COLLECTIONS.activities, id, (d) => activitySchema.parse(d));

export const getSku = (id: string): Promise<Sku | null> => byId(COLLECTIONS.skus, id, (d) => skuSchema.parse(d));

export const getProduct = (id: string): Promise<Product | null> =>
  byId(COLLECTIONS.products, id, (d) => productSchema.parse(d));

export const getPickupPoint = (id: string): Promise<PickupPoint | null> =>
  byId(COLLECTIONS.pickupPoints, id, (d) => pickupPointSchema.parse(d));
