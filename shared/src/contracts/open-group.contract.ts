/**
 * openGroup: a shopper opens a group as its leader and gets the prepay for their order.
 */
import { SALE_REFUSALS } from '../domain/activity.machine';
import { idSchema } from '../domain/common.schema';
import { deliveryRequestSchema } from '../domain/delivery.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { ORDER_PLACEMENT_ERRORS, paymentParamsSchema, quantitySchema } from './common.schema';
import { defineContract } from './contract';

export const openGroupContract = defineContract({
  name: 'openGroup',
  errors: [...ORDER_PLACEMENT_ERRORS, ...SALE_REFUSALS],
  request: z.object({ activityId: idSchema, quantity: quantitySchema, delivery: deliveryRequestSchema }),
  response: z.object({ groupId: idSchema, orderId: idSchema, total: fenSchema, payment: paymentParamsSchema }),
});
