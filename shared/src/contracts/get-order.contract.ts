/**
 * getOrder: one of the caller's orders, with its group, payment deadline and refund, and once it shipped its
 * shipment, its pickup code while it waits at the point, its receipt, its after-sales window and what after-sales
 * it may ask for.
 */
import { afterSaleTypeSchema } from '../domain/after-sale.machine';
import { idSchema, instantSchema } from '../domain/common.schema';
import { deliverySchema } from '../domain/delivery.schema';
import { groupStatusSchema } from '../domain/group.machine';
import { groupInterventionBySchema } from '../domain/group.schema';
import { orderStatusSchema } from '../domain/order.machine';
import { orderRoleSchema } from '../domain/order.schema';
import { refundStatusSchema } from '../domain/refund.machine';
import { pickupCodeSchema } from '../domain/shipment.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { countSchema, shipmentViewSchema } from './common.schema';
import { defineContract } from './contract';

export const getOrderContract = defineContract({
  name: 'getOrder',
  errors: ['NOT_FOUND'],
  request: z.object({ orderId: idSchema }),
  response: z.object({
    orderId: idSchema,
    role: orderRoleSchema,
    status: orderStatusSchema,
    statusLabel: z.string(),
    activityId: idSchema.optional(),
    title: z.string(),
    spec: z.string(),
    quantity: z.number().int().min(1),
    unitPrice: fenSchema,
    total: fenSchema,
    delivery: deliverySchema,
    createdAt: instantSchema,
    /** Until when a `pending_payment` order can be paid. */
    payDeadlineAt: instantSchema,
    /** True while the order waits for payment and its deadline has not passed. */
    payable: z.boolean(),
    paidAt: instantSchema.optional(),
    closedAt: instantSchema.optional(),
    /** How the goods left: carrier and waybill, or the batch to the pickup point. */
    shipment: shipmentViewSchema.optional(),
    /** The code to collect a pickup order with, only while it waits at its point (待取货). */
    pickupCode: pickupCodeSchema.optional(),
    /** When the goods were received or collected. */
    receivedAt: instantSchema.optional(),
    /** Until when after-sales may be asked for, once received. */
    afterSaleEndsAt: instantSchema.optional(),
    completedAt: instantSchema.optional(),
    /** A group order's group, as it stands now. */
    group: z
      .object({
        groupId: idSchema,
        status: groupStatusSchema,
        size: z.number().int().min(2),
        seatsPaid: countSchema,
        seatsLeft: countSchema,
        deadlineAt: instantSchema,
        /** `platform`: 平台成团, the platform completed it with the members who paid (成团保障). */
        completedBy: groupInterventionBySchema.optional(),
      })
      .optional(),
    /** The after-sales request open on it (getAfterSale), if any. */
    openAfterSaleId: idSchema.optional(),
    /** What 申请售后 may ask for now (requestAfterSale): empty while one is open, after the window, before payment. */
    afterSaleTypes: z.array(afterSaleTypeSchema),
    /** Its refunds once one is recorded (a failed group's, or partial ones): their total, the newest one's progress. */
    refund: z
      .object({
        status: refundStatusSchema,
        amount: fenSchema,
        requestedAt: instantSchema,
        updatedAt: instantSchema,
      })
      .optional(),
  }),
});
