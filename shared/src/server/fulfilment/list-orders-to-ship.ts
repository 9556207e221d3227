/**
 * listOrdersToShip (console: ops, merchant): 待发货 by activity, pickup point and delivery, oldest payment
 * first, a page at a time; a merchant sees its own whatever it asks for.
 */
import type { listOrdersToShipContract } from '../../contracts/admin';
import { merchantScope } from '../runtime/staff-scope';
import { consoleOrder } from '../ordering/console-orders';
import { listOrdersToShip as findOrdersToShip } from '../repositories/order-fulfilment.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const listOrdersToShip: AdminUseCase<typeof listOrdersToShipContract> = async (input, ctx) => {
  const { limit, offset, ...filter } = input;
  const found = await findOrdersToShip(
    { ...filter, merchantId: merchantScope(ctx).merchantId ?? filter.merchantId },
    { offset, limit: limit + 1 },
  );
  return {
    items: found.slice(0, limit).map((order) => ({ ...consoleOrder(order), afterSaleOpen: !!order.openAfterSaleId })),
    hasMore: found.length > limit,
  };
};
