/**
 * buySolo: a shopper buys a SKU alone, at its normal price; refused once its product is taken down
 * (PRODUCT_OFF_SALE).
 */
import { idSchema } from '../domain/common.schema';
import { deliveryRequestSchema } from '../domain/delivery.schema';
import { PRODUCT_SALE_REFUSALS } from '../domain/product.machine';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { ORDER_PLACEMENT_ERRORS, paymentParamsSchema, quantitySchema } from './common.schema';
import { defineContract } from './contract';

export const buySoloContract = defineContract({
  name: 'buySolo',
  errors: [...ORDER_PLACEMENT_ERRORS, ...PRODUCT_SALE_REFUSALS],
  request: z.object({ skuId: idSchema, quantity: quantitySchema, delivery: deliveryRequestSchema }),
  response: z.object({ orderId: idSchema, total: fenSchema, payment: paymentParamsSchema }),
});
