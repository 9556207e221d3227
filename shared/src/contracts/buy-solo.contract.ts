/**
 * buySolo: a shopper buys a SKU alone, at its normal price.
 */
import { idSchema } from '../domain/common.schema';
import { deliveryRequestSchema } from '../domain/delivery.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { ORDER_PLACEMENT_ERRORS, paymentParamsSchema, quantitySchema } from './common.schema';
import { defineContract } from './contract';

export const buySoloContract = defineContract({
  name: 'buySolo',
  errors: ORDER_PLACEMENT_ERRORS,
  request: z.object({ skuId: idSchema, quantity: quantitySchema, delivery: deliveryRequestSchema }),
  response: z.object({ orderId: idSchema, total: fenSchema, payment: paymentParamsSchema }),
});
