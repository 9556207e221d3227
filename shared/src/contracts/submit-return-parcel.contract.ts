/**
 * submitReturnParcel: the shopper sent the goods back, within the 7 days of an approved return or exchange,
 * and enters the carrier and waybill number; the merchant confirms receipt next.
 */
import { carrierSchema, trackingNoSchema } from '../domain/shipment.schema';
import { afterSaleRefSchema, afterSaleViewSchema } from './after-sale-view.schema';
import { defineContract } from './contract';

export const submitReturnParcelContract = defineContract({
  name: 'submitReturnParcel',
  errors: ['NOT_FOUND', 'AFTER_SALE_NOT_ACTIONABLE', 'CONFLICT'],
  request: afterSaleRefSchema.extend({ carrier: carrierSchema, trackingNo: trackingNoSchema }),
  response: afterSaleViewSchema,
});
