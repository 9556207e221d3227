/** listMyAfterSales: the caller's after-sales requests, newest first, or one order's. */
import { idSchema } from '../domain/common.schema';
import * as z from '../kernel/zod';
import { afterSaleSummarySchema } from './after-sale-view.schema';
import { pageRequest } from './common.schema';
import { defineContract } from './contract';

export const listMyAfterSalesContract = defineContract({
  name: 'listMyAfterSales',
  request: z.object({ orderId: idSchema.optional(), ...pageRequest }),
  response: z.object({ items: z.array(afterSaleSummarySchema), hasMore: z.boolean() }),
});
