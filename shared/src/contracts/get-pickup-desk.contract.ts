/**
 * getPickupDesk (团长中心 → 自提点工作台): for the point the caller keeps, and no other: today's arrivals by SKU
 * (orders that reached it today, units, and units still waiting), who is due to collect what (every order
 * waiting there, oldest arrival first: the shopper's nickname masked, a phone tail where the order kept one,
 * never the pickup code, which the shopper brings) and what was collected today. Anyone who is not a registered
 * leader keeping a point is refused FORBIDDEN.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import * as z from '../kernel/zod';
import { countSchema } from './common.schema';
import { defineContract } from './contract';

/** An order at the desk: the shopper masked (`张*`), what they collect. */
const deskOrderSchema = z.object({
  orderId: idSchema,
  /** The shopper's nickname, masked. */
  shopper: z.string(),
  /** The last 4 digits of the order's phone, where it kept one (a pickup order keeps none). */
  phoneTail: z.string().optional(),
  title: z.string(),
  spec: z.string(),
  quantity: z.number().int().positive(),
});

export const getPickupDeskContract = defineContract({
  name: 'getPickupDesk',
  errors: ['FORBIDDEN'],
  request: z.object({}),
  response: z.object({
    pickupPoint: z.object({ pickupPointId: idSchema, name: z.string(), address: z.string() }),
    /** Where "today" starts (Asia/Shanghai). */
    dayStart: instantSchema,
    arrivals: z.array(
      z.object({
        skuId: idSchema,
        title: z.string(),
        spec: z.string(),
        orders: countSchema,
        units: countSchema,
        /** Of those units, the ones not collected yet. */
        unitsWaiting: countSchema,
      }),
    ),
    due: z.array(deskOrderSchema.extend({ arrivedAt: instantSchema })),
    /** More orders wait than `due` lists. */
    dueMore: z.boolean(),
    collected: z.array(deskOrderSchema.extend({ collectedAt: instantSchema })),
    collectedMore: z.boolean(),
  }),
});
