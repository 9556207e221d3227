import { defineAdminContract } from './admin-contract';
import { afterSaleActionRequestSchema, afterSaleActionResponseSchema } from './after-sales.schema';
import { ANY_STAFF } from './permissions';

/**
 * `confirmReturnReceived` (merchant for its own, ops, customer service): the returned goods arrived. A return
 * is refunded now through the refund pipeline; an exchange waits for its replacement.
 */
export const confirmReturnReceivedContract = defineAdminContract({
  name: 'confirmReturnReceived',
  roles: ANY_STAFF,
  audited: true,
  request: afterSaleActionRequestSchema,
  response: afterSaleActionResponseSchema,
});
