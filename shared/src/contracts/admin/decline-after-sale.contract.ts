import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { afterSaleActionRequestSchema, afterSaleActionResponseSchema } from './after-sales.schema';
import { ANY_STAFF } from './permissions';

/** `declineAfterSale` (merchant for its own, ops, customer service): refuses a request, with the reason the shopper reads. */
export const declineAfterSaleContract = defineAdminContract({
  name: 'declineAfterSale',
  roles: ANY_STAFF,
  audited: true,
  request: afterSaleActionRequestSchema.extend({
    reason: z.string().trim().min(2, '请填写拒绝原因').max(200),
  }),
  response: afterSaleActionResponseSchema,
});
