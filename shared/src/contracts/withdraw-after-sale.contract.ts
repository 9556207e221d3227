/**
 * withdrawAfterSale: the shopper withdraws their request before anything was sent back (waiting for review,
 * or approved and waiting for the return); the order may have another one afterwards.
 */
import { afterSaleRefSchema, afterSaleViewSchema } from './after-sale-view.schema';
import { defineContract } from './contract';

export const withdrawAfterSaleContract = defineContract({
  name: 'withdrawAfterSale',
  errors: ['NOT_FOUND', 'AFTER_SALE_NOT_ACTIONABLE', 'CONFLICT'],
  request: afterSaleRefSchema,
  response: afterSaleViewSchema,
});
