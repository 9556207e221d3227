/** A shopper's orders, newest first (index `openid_status_createdAt` / `openid_createdAt`). */
import type { OrderStatus } from '../../domain/order.machine';
import { type Order, orderSchema } from '../../domain/order.schema';
import { COLLECTIONS } from '../cloudbase/collections';
import { cmd, db, getMany } from '../cloudbase/db';

/** One page of `openid`'s orders in these statuses (all when `statuses` is undefined). */
export async function listOrdersOf(
  openid: string,
  statuses: readonly OrderStatus[] | undefined,
  page: { readonly offset: number; readonly limit: number },
): Promise<Order[]> {
  const where = statuses ? { openid, status: cmd().in(statuses) } : { openid };
  const docs = await getMany(
    db().collection(COLLECTIONS.orders).where(where).orderBy('createdAt', 'desc').skip(page.offset).limit(page.limit),
  );
  return docs.map((d) => orderSchema.parse(d));
}
