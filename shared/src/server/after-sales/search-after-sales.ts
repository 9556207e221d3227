/** searchAfterSales (console): requests by status, type, merchant and order, newest first; a merchant sees its own. */
import type { searchAfterSalesContract } from '../../contracts/admin';
import { merchantScope } from '../runtime/staff-scope';
import { searchAfterSales as findAfterSales } from '../repositories/after-sale.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { consoleAfterSale } from './after-sale-views';

export const searchAfterSales: AdminUseCase<typeof searchAfterSalesContract> = async (input, ctx) => {
  const { limit, offset, ...filter } = input;
  const found = await findAfterSales({ ...filter, ...merchantScope(ctx) }, { offset, limit: limit + 1 });
  return { items: found.slice(0, limit).map(consoleAfterSale), hasMore: found.length > limit };
};
