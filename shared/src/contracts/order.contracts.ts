/** Contracts of the functions that create orders: openGroup, joinGroup, buySolo. */
import { idSchema } from '../domain/common.schema';
import { deliveryRequestSchema } from '../domain/delivery.schema';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

/** What `wx.requestPayment` needs, from CloudPay's prepay. */
export const paymentParamsSchema = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.string(),
  paySign: z.string(),
});

const quantitySchema = z.number().int().min(1).max(99);

export const openGroupContract = defineContract({
  name: 'openGroup',
  request: z.object({ activityId: idSchema, quantity: quantitySchema, delivery: deliveryRequestSchema }),
  response: z.object({ groupId: idSchema, orderId: idSchema, total: z.number().int(), payment: paymentParamsSchema }),
});

export const joinGroupContract = defineContract({
  name: 'joinGroup',
  request: z.object({ groupId: idSchema, quantity: quantitySchema, delivery: deliveryRequestSchema }),
  response: z.object({ orderId: idSchema, total: z.number().int(), payment: paymentParamsSchema }),
});

export const buySoloContract = defineContract({
  name: 'buySolo',
  request: z.object({ skuId: idSchema, quantity: quantitySchema, delivery: deliveryRequestSchema }),
  response: z.object({ orderId: idSchema, total: z.number().int(), payment: paymentParamsSchema }),
});

/** Pays an unpaid order later (from the order list or detail): the same prepay, again. */
export const payOrderContract = defineContract({
  name: 'payOrder',
  request: z.object({ orderId: idSchema }),
  response: z.object({ orderId: idSchema, total: z.number().int(), payment: paymentParamsSchema }),
});
