/**
 * payOrder: pays an unpaid order later (from the order list or detail): the same prepay, again.
 */
import { idSchema } from '../domain/common.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { paymentParamsSchema } from './common.schema';
import { defineContract } from './contract';

/** Pays an unpaid order later (from the order list or detail): the same prepay, again. */
export const payOrderContract = defineContract({
  name: 'payOrder',
  errors: ['NOT_FOUND', 'ORDER_NOT_PAYABLE', 'PAYMENT_FAILED'],
  request: z.object({ orderId: idSchema }),
  response: z.object({ orderId: idSchema, total: fenSchema, payment: paymentParamsSchema }),
});
