/** confirmReplacementReceived: the shopper received an exchange's replacement; the request is done. */
import { afterSaleRefSchema, afterSaleViewSchema } from './after-sale-view.schema';
import { defineContract } from './contract';

export const confirmReplacementReceivedContract = defineContract({
  name: 'confirmReplacementReceived',
  errors: ['NOT_FOUND', 'AFTER_SALE_NOT_ACTIONABLE', 'CONFLICT'],
  request: afterSaleRefSchema,
  response: afterSaleViewSchema,
});
