import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { toShipFilterSchema } from './fulfilment.schema';
import { OPS_AND_MERCHANT } from './permissions';
import { consoleOrderSchema } from './search-orders.contract';

/**
 * `listOrdersToShip` (ops, merchant): 待发货, oldest payment first, by activity, pickup point and delivery; a
 * merchant sees its own. An order whose shopper asked for after-sales before it shipped is listed, flagged,
 * and not to be packed.
 */
export const listOrdersToShipContract = defineAdminContract({
  name: 'listOrdersToShip',
  roles: OPS_AND_MERCHANT,
  request: toShipFilterSchema.extend({
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({
    items: z.array(consoleOrderSchema.extend({ afterSaleOpen: z.boolean() })),
    hasMore: z.boolean(),
  }),
});
