/**
 * openGroup: a shopper opens a group as its leader and gets the prepay for their order. Refused while the
 * activity does not sell, and once its product is taken down (PRODUCT_OFF_SALE); a 社区团 takes only a pickup
 * at its point (PICKUP_POINT_ONLY).
 */
import { SALE_REFUSALS } from '../domain/activity.machine';
import { idSchema } from '../domain/common.schema';
import { deliveryRequestSchema } from '../domain/delivery.schema';
import { userRefSchema } from '../domain/user.schema';
import { PRODUCT_SALE_REFUSALS } from '../domain/product.machine';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { ORDER_PLACEMENT_ERRORS, paymentParamsSchema, quantitySchema } from './common.schema';
import { defineContract } from './contract';
import { SCOPE_REFUSALS } from '../domain/scope';

export const openGroupContract = defineContract({
  name: 'openGroup',
  errors: [...ORDER_PLACEMENT_ERRORS, ...SCOPE_REFUSALS, ...SALE_REFUSALS, ...PRODUCT_SALE_REFUSALS],
  request: z.object({
    activityId: idSchema,
    quantity: quantitySchema,
    delivery: deliveryRequestSchema,
    /** The share ref the shopper arrived through, if any: the order counts in that sharer's funnel. */
    referrerRef: userRefSchema.optional(),
  }),
  response: z.object({ groupId: idSchema, orderId: idSchema, total: fenSchema, payment: paymentParamsSchema }),
});
