/**
 * getActivity: an activity's rules, product, stock left, and the groups waiting to be joined (凑团).
 */
import { activityStatusSchema } from '../domain/activity.machine';
import { activityScopeSchema, stockModeSchema } from '../domain/activity.schema';
import { idSchema, instantSchema } from '../domain/common.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { countSchema, publicProfileSchema, scopedPointSchema } from './common.schema';
import { defineContract } from './contract';

export const getActivityContract = defineContract({
  name: 'getActivity',
  errors: ['NOT_FOUND'],
  request: z.object({ activityId: idSchema }),
  response: z.object({
    activityId: idSchema,
    title: z.string(),
    status: activityStatusSchema,
    /** Active, inside its window, and its product on sale (not 下架): a group can be opened now. */
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
    /** 社区团 (scope `pickup_point`): the point every order is collected at, named. */
    pickupPoint: scopedPointSchema.optional(),
    stockMode: stockModeSchema,
    /** Units that can still be bought: the dedicated pool's, or the SKU's for a shared activity. */
    stockLeft: countSchema,
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
