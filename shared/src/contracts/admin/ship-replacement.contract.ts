import { carrierSchema, trackingNoSchema } from '../../domain/shipment.schema';
import { defineAdminContract } from './admin-contract';
import { afterSaleActionRequestSchema, afterSaleActionResponseSchema } from './after-sales.schema';
import { ANY_STAFF } from './permissions';

/**
 * `shipReplacement` (merchant for its own, ops, customer service): an exchange's replacement left, with its
 * carrier and waybill number; the shopper is told, and it is received by itself 10 days later.
 */
export const shipReplacementContract = defineAdminContract({
  name: 'shipReplacement',
  roles: ANY_STAFF,
  audited: true,
  request: afterSaleActionRequestSchema.extend({ carrier: carrierSchema, trackingNo: trackingNoSchema }),
  response: afterSaleActionResponseSchema,
});
