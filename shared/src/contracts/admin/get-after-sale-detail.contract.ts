import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { consoleAfterSaleDetailSchema } from './after-sales.schema';
import { consoleRefundSchema } from './get-order-detail.contract';
import { consoleOrderSchema } from './search-orders.contract';
import { ANY_STAFF } from './permissions';

/** `getAfterSaleDetail`: one request in full (photos, parcels, history with who acted), its order and its refund. */
export const getAfterSaleDetailContract = defineAdminContract({
  name: 'getAfterSaleDetail',
  roles: ANY_STAFF,
  request: z.object({ afterSaleId: idSchema }),
  response: z.object({
    afterSale: consoleAfterSaleDetailSchema,
    order: consoleOrderSchema,
    refund: consoleRefundSchema.optional(),
  }),
});
