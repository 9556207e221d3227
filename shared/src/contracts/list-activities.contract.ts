/**
 * listActivities: live activities, hot (by units sold) or ending soonest, a page at a time.
 */
import { idSchema, instantSchema } from '../domain/common.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { countSchema, pageRequest } from './common.schema';
import { defineContract } from './contract';

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
        sold: countSchema,
      }),
    ),
    hasMore: z.boolean(),
  }),
});
