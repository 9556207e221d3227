/**
 * confirmReceipt (确认收货): the shopper says their express parcel arrived. Their order is received now and
 * its after-sales window starts; asking again answers the same. A pickup order is received when collected
 * with its code, not here.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { orderStatusSchema } from '../domain/order.machine';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

export const confirmReceiptContract = defineContract({
  name: 'confirmReceipt',
  errors: ['NOT_FOUND', 'ORDER_NOT_RECEIVABLE'],
  request: z.object({ orderId: idSchema }),
  response: z.object({
    orderId: idSchema,
    status: orderStatusSchema,
    statusLabel: z.string(),
    receivedAt: instantSchema,
    /** Until when the shopper may ask for after-sales. */
    afterSaleEndsAt: instantSchema,
  }),
});
