/**
 * joinGroup: a shopper takes a seat in a forming group and gets the prepay for their order.
 */
import { SALE_REFUSALS } from '../domain/activity.machine';
import { idSchema } from '../domain/common.schema';
import { deliveryRequestSchema } from '../domain/delivery.schema';
import { userRefSchema } from '../domain/user.schema';
import { SEAT_REFUSALS } from '../domain/group.machine';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { ORDER_PLACEMENT_ERRORS, paymentParamsSchema, quantitySchema } from './common.schema';
import { defineContract } from './contract';
import { SCOPE_REFUSALS } from '../domain/scope';

export const joinGroupContract = defineContract({
  name: 'joinGroup',
  errors: [...ORDER_PLACEMENT_ERRORS, ...SCOPE_REFUSALS, ...SEAT_REFUSALS, ...SALE_REFUSALS],
  request: z.object({
    groupId: idSchema,
    quantity: quantitySchema,
    delivery: deliveryRequestSchema,
    /** The share ref the shopper arrived through, if any: the order counts in that sharer's funnel. */
    referrerRef: userRefSchema.optional(),
  }),
  response: z.object({ orderId: idSchema, total: fenSchema, payment: paymentParamsSchema }),
});
