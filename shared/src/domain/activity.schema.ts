/**
 * A group activity (拼团活动): the group rules for one SKU. Prices are integer fen; the rules that tie
 * fields together (group price below solo price, a window that ends after it starts, limits that fit)
 * are checked here, so an activity that breaks them cannot be stored.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { activityStatusSchema } from './activity.machine';
import { districtSchema, geoPointSchema, idSchema, instantSchema } from './common.schema';
import { stockSchema } from './catalog.schema';

export const stockModeSchema = z.enum(['dedicated', 'shared']);
export type StockMode = z.infer<typeof stockModeSchema>;

/** Where shoppers may join: listed districts, or within a radius of a point (同城 / 社区成团). */
export const activityScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('districts'), districts: z.array(districtSchema).min(1) }),
  z.object({
    kind: z.literal('radius'),
    center: geoPointSchema,
    radiusMeters: z.number().int().min(100).max(100_000),
  }),
]);
export type ActivityScope = z.infer<typeof activityScopeSchema>;

export const activityRulesSchema = z
  .object({
    groupPrice: fenSchema,
    soloPrice: fenSchema,
    /** What the opener (团长) pays, if the merchant offers a leader discount. */
    leaderPrice: fenSchema.optional(),
    groupSize: z.number().int().min(2).max(50),
    validityHours: z.number().int().min(1).max(72),
    startAt: instantSchema,
    endAt: instantSchema,
    perOrderLimit: z.number().int().min(1).max(99),
    perUserLimit: z.number().int().min(1).max(999),
    stockMode: stockModeSchema,
    newCustomerOnly: z.boolean().default(false),
    scope: activityScopeSchema.optional(),
  })
  .superRefine((rules, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (rules.groupPrice <= 0) issue('groupPrice', 'group price must be positive');
    if (rules.groupPrice >= rules.soloPrice) issue('groupPrice', 'group price must be below the solo price');
    if (rules.leaderPrice !== undefined && (rules.leaderPrice <= 0 || rules.leaderPrice > rules.groupPrice)) {
      issue('leaderPrice', 'leader price must be positive and not above the group price');
    }
    if (rules.endAt <= rules.startAt) issue('endAt', 'the activity must end after it starts');
    if (rules.perOrderLimit > rules.perUserLimit) issue('perOrderLimit', 'per-order limit exceeds the per-user limit');
  });
export type ActivityRules = z.infer<typeof activityRulesSchema>;

export const activitySchema = z
  .object({
    _id: idSchema,
    merchantId: idSchema,
    productId: idSchema,
    skuId: idSchema,
    title: z.string().min(1).max(60),
    status: activityStatusSchema,
    /** The dedicated pool's counters (stockMode `dedicated` only); shared activities draw on the SKU. */
    pool: stockSchema.optional(),
    createdAt: instantSchema,
  })
  .and(activityRulesSchema)
  .superRefine((activity, ctx) => {
    if ((activity.stockMode === 'dedicated') !== (activity.pool !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['pool'],
        message: 'a dedicated activity has a pool; a shared one has none',
      });
    }
  });
export type Activity = z.infer<typeof activitySchema>;
