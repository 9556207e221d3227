/**
 * Contracts of the read functions: getGroup, getActivity, listActivities, listMyOrders, getOrder. Money
 * is integer fen, instants epoch ms. Nicknames of other shoppers are always masked (`张*`).
 */
import { activityScopeSchema, activityStatusSchema, stockModeSchema } from '../domain/activity.schema';
import { idSchema, instantSchema } from '../domain/common.schema';
import { deliverySchema } from '../domain/delivery.schema';
import { groupStatusSchema } from '../domain/group.machine';
import { orderStatusSchema } from '../domain/order.machine';
import { orderRoleSchema, refundStatusSchema } from '../domain/order.schema';
import { orderTabSchema } from '../domain/order-tab';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

const count = z.number().int().nonnegative();

/** Offset pagination: `limit` defaults to 20, at most 50. */
const pageRequest = {
  limit: z.number().int().min(1).max(50).default(20),
  offset: z.number().int().min(0).max(1000).default(0),
};

/** Another shopper as the public sees them. */
export const publicProfileSchema = z.object({
  /** Masked: `张*`, `解**货`; `微信用户` when they set none. */
  nickname: z.string(),
  avatarUrl: z.string(),
});
export type PublicProfile = z.infer<typeof publicProfileSchema>;

export const getGroupContract = defineContract({
  name: 'getGroup',
  request: z.object({ groupId: idSchema }),
  response: z.object({
    groupId: idSchema,
    activityId: idSchema,
    status: groupStatusSchema,
    /** The activity's title and the SKU's spec as the group opened; the product's first image. */
    title: z.string(),
    spec: z.string(),
    image: z.string(),
    groupPrice: fenSchema,
    soloPrice: fenSchema,
    size: z.number().int().min(2),
    seatsPaid: count,
    /** Seats still free (size − seats taken, paid or awaiting payment). */
    seatsLeft: count,
    /** The leader first, then members who paid, in the order they paid. */
    members: z.array(publicProfileSchema.extend({ isLeader: z.boolean() })),
    deadlineAt: instantSchema,
    shareTitle: z.string(),
    /** Whether the caller could join now: forming, before its deadline, a seat left, not in it already. */
    joinable: z.boolean(),
    /** The caller's place in it: its leader, a member (paid or awaiting payment), or a visitor. */
    viewer: z.enum(['leader', 'member', 'visitor']),
  }),
});

export const getActivityContract = defineContract({
  name: 'getActivity',
  request: z.object({ activityId: idSchema }),
  response: z.object({
    activityId: idSchema,
    title: z.string(),
    status: activityStatusSchema,
    /** Active and inside its window: a group can be opened now. */
    onSale: z.boolean(),
    groupPrice: fenSchema,
    soloPrice: fenSchema,
    leaderPrice: fenSchema.optional(),
    groupSize: z.number().int().min(2),
    validityHours: z.number().int().min(1),
    startAt: instantSchema,
    endAt: instantSchema,
    perOrderLimit: z.number().int().min(1),
    perUserLimit: z.number().int().min(1),
    newCustomerOnly: z.boolean(),
    scope: activityScopeSchema.optional(),
    stockMode: stockModeSchema,
    /** Units that can still be bought: the dedicated pool's, or the SKU's for a shared activity. */
    stockLeft: count,
    product: z.object({
      productId: idSchema,
      title: z.string(),
      subtitle: z.string(),
      images: z.array(z.string()),
      origin: z.string(),
    }),
    sku: z.object({ skuId: idSchema, spec: z.string() }),
    /** 凑团: up to 10 forming groups to join, fewest seats left first, then the soonest deadline. */
    openGroups: z.array(
      z.object({
        groupId: idSchema,
        seatsLeft: z.number().int().positive(),
        deadlineAt: instantSchema,
        leader: publicProfileSchema,
      }),
    ),
  }),
});

export const activitySortSchema = z.enum(['hot', 'ending_soon']);
export type ActivitySort = z.infer<typeof activitySortSchema>;

export const listActivitiesContract = defineContract({
  name: 'listActivities',
  request: z.object({ sort: activitySortSchema, ...pageRequest }),
  response: z.object({
    items: z.array(
      z.object({
        activityId: idSchema,
        title: z.string(),
        /** The product's first image ('' if the product is gone). */
        image: z.string(),
        groupPrice: fenSchema,
        soloPrice: fenSchema,
        groupSize: z.number().int().min(2),
        endAt: instantSchema,
        /** Units sold: the dedicated pool's, or the SKU's for a shared activity. What `hot` sorts by. */
        sold: count,
      }),
    ),
    hasMore: z.boolean(),
  }),
});

export const listMyOrdersContract = defineContract({
  name: 'listMyOrders',
  request: z.object({ status: orderTabSchema.default('all'), ...pageRequest }),
  response: z.object({
    items: z.array(
      z.object({
        orderId: idSchema,
        role: orderRoleSchema,
        title: z.string(),
        spec: z.string(),
        quantity: z.number().int().min(1),
        unitPrice: fenSchema,
        total: fenSchema,
        status: orderStatusSchema,
        statusLabel: z.string(),
        groupId: idSchema.optional(),
        createdAt: instantSchema,
        payDeadlineAt: instantSchema,
      }),
    ),
    hasMore: z.boolean(),
  }),
});

export const getOrderContract = defineContract({
  name: 'getOrder',
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
    /** A group order's group, as it stands now. */
    group: z
      .object({
        groupId: idSchema,
        status: groupStatusSchema,
        size: z.number().int().min(2),
        seatsPaid: count,
        seatsLeft: count,
        deadlineAt: instantSchema,
      })
      .optional(),
    /** The refund of a `refunding` or `refunded` order, once recorded. */
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
