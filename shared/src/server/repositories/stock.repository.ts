/**
 * Stock holds, on the SKU's normal stock (`skus.stock`) or an activity's dedicated pool
 * (`activities.pool`). Every move is one conditional update keyed by the order id in `holds`, so stock
 * never goes negative, never oversells, and is never reserved, released or sold twice for one order.
 */
import type { StockRef } from '../../domain/order.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db } from '../cloudbase/db';

/** Where each kind of stock is kept: the SKU's `stock`, or the activity's `pool`. */
const PLACES = {
  sku: { collection: COLLECTIONS.skus, field: 'stock' },
  pool: { collection: COLLECTIONS.activities, field: 'pool' },
} as const satisfies Record<StockRef['kind'], { collection: string; field: string }>;

const fieldOf = (ref: StockRef) => PLACES[ref.kind].field;
const stockDocs = (ref: StockRef) => db().collection(PLACES[ref.kind].collection);

export interface Hold {
  readonly orderId: string;
  readonly quantity: number;
}

/** available → reserved for this order. False when there is not enough stock (or it already holds). */
export async function reserveStock(ref: StockRef, hold: Hold): Promise<boolean> {
  const _ = cmd();
  const f = fieldOf(ref);
  const { stats } = await stockDocs(ref)
    .where({ _id: ref.id, [`${f}.available`]: _.gte(hold.quantity), [`${f}.holds.${hold.orderId}`]: _.exists(false) })
    .update({
      data: {
        [`${f}.available`]: _.inc(-hold.quantity),
        [`${f}.reserved`]: _.inc(hold.quantity),
        [`${f}.holds.${hold.orderId}`]: hold.quantity,
      },
    });
  return stats.updated === 1;
}

/** reserved → available, if this order still holds units. Safe to repeat. */
export async function releaseStock(ref: StockRef, hold: Hold): Promise<boolean> {
  const _ = cmd();
  const f = fieldOf(ref);
  const { stats } = await stockDocs(ref)
    .where({ _id: ref.id, [`${f}.holds.${hold.orderId}`]: _.exists(true) })
    .update({
      data: {
        [`${f}.available`]: _.inc(hold.quantity),
        [`${f}.reserved`]: _.inc(-hold.quantity),
        [`${f}.holds.${hold.orderId}`]: _.remove(),
      },
    });
  return stats.updated === 1;
}

/**
 * reserved → sold for these orders together (a solo payment, or every paid order of a group that
 * succeeded). All-or-nothing: false when any of them no longer holds (already sold or released).
 */
export async function sellStock(ref: StockRef, holds: readonly Hold[]): Promise<boolean> {
  if (holds.length === 0) return true;
  const _ = cmd();
  const f = fieldOf(ref);
  const total = holds.reduce((sum, h) => sum + h.quantity, 0);
  const where: Record<string, unknown> = { _id: ref.id };
  const data: Record<string, unknown> = { [`${f}.reserved`]: _.inc(-total), [`${f}.sold`]: _.inc(total) };
  for (const h of holds) {
    where[`${f}.holds.${h.orderId}`] = _.exists(true);
    data[`${f}.holds.${h.orderId}`] = _.remove();
  }
  const { stats } = await stockDocs(ref).where(where).update({ data });
  return stats.updated === 1;
}

/** Releases many orders' holds on one stock document in one request, falling back to one by one. */
export async function releaseStockMany(ref: StockRef, holds: readonly Hold[]): Promise<void> {
  if (holds.length === 0) return;
  const _ = cmd();
  const f = fieldOf(ref);
  const total = holds.reduce((sum, h) => sum + h.quantity, 0);
  const where: Record<string, unknown> = { _id: ref.id };
  const data: Record<string, unknown> = { [`${f}.available`]: _.inc(total), [`${f}.reserved`]: _.inc(-total) };
  for (const h of holds) {
    where[`${f}.holds.${h.orderId}`] = _.exists(true);
    data[`${f}.holds.${h.orderId}`] = _.remove();
  }
  const { stats } = await stockDocs(ref).where(where).update({ data });
  if (stats.updated === 1) return;
  for (const hold of holds) await releaseStock(ref, hold);
}
