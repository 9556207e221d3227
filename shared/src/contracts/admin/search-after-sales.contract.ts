import { afterSaleStatusSchema, afterSaleTypeSchema } from '../../domain/after-sale.machine';
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { consoleAfterSaleSchema } from './after-sales.schema';
import { ANY_STAFF } from './permissions';

/**
 * `searchAfterSales`: after-sales requests by status, type, merchant and order, newest first; a merchant
 * sees its own (its merchant filter is its own, whatever it sends).
 */
export const searchAfterSalesContract = defineAdminContract({
  name: 'searchAfterSales',
  roles: ANY_STAFF,
  request: z.object({
    status: afterSaleStatusSchema.optional(),
    type: afterSaleTypeSchema.optional(),
    merchantId: idSchema.optional(),
    orderId: idSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(consoleAfterSaleSchema), hasMore: z.boolean() }),
});
