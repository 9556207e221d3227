/** listMyAfterSales: the caller's requests, newest first, or one order's; one database round trip. */
import type { listMyAfterSalesContract } from '../../contracts/list-my-after-sales.contract';
import { listAfterSalesOf } from '../repositories/after-sale.repository';
import type { UseCase } from '../runtime/define-function';
import { afterSaleSummary } from './after-sale-views';

export const listMyAfterSales: UseCase<typeof listMyAfterSalesContract> = async (input, ctx) => {
  const found = await listAfterSalesOf(ctx.openid, input.orderId, { offset: input.offset, limit: input.limit + 1 });
  return { items: found.slice(0, input.limit).map(afterSaleSummary), hasMore: found.length > input.limit };
};
