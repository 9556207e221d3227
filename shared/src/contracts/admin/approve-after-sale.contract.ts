import { defineAdminContract } from './admin-contract';
import { afterSaleActionRequestSchema, afterSaleActionResponseSchema } from './after-sales.schema';
import { ANY_STAFF } from './permissions';

/**
 * `approveAfterSale` (merchant for its own, ops, customer service): approves a request waiting for review. A
 * refund-only request is refunded now through the refund pipeline (its own number, never more than is left);
 * a return or an exchange waits 7 days for the shopper to send the goods back.
 */
export const approveAfterSaleContract = defineAdminContract({
  name: 'approveAfterSale',
  roles: ANY_STAFF,
  audited: true,
  request: afterSaleActionRequestSchema,
  response: afterSaleActionResponseSchema,
});
