/** getAfterSale: one of the caller's after-sales requests, where it stands and what they may do next. */
import { afterSaleRefSchema, afterSaleViewSchema } from './after-sale-view.schema';
import { defineContract } from './contract';

export const getAfterSaleContract = defineContract({
  name: 'getAfterSale',
  errors: ['NOT_FOUND'],
  request: afterSaleRefSchema,
  response: afterSaleViewSchema,
});
