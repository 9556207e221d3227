/** searchOrders (console): orders by number, group, phone, status, activity and date; a merchant sees its own. */
import type { searchOrdersContract } from '../../contracts/admin';
import { merchantScope } from '../runtime/staff-scope';
import { searchOrders as findOrders } from '../repositories/order.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleOrder } from './console-orders';

export const searchOrders: AdminUseCase<typeof searchOrdersContract> = async (input, ctx) => {
  const { limit, offset, ...filter } = input;
  const found = await findOrders({ ...filter, ...merchantScope(ctx) }, { offset, limit: limit + 1 });
  return { items: found.slice(0, limit).map(consoleOrder), hasMore: found.length > limit };
};
