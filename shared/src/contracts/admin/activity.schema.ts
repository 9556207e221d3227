/**
 * 拼团活动 in the console: an activity as the console reads it, a row of the list, a SKU to build one on,
 * and the domain's rules the form checks inline before anything is sent (the same checks the server makes).
 * Every activity action is for ops (all merchants) and merchants (their own); customer service has none.
 */
import { activityEventSchema, activityStatusSchema } from '../../domain/activity.machine';
import { activityPhaseSchema } from '../../domain/activity-edit';
import { activityRulesShape, stockModeSchema } from '../../domain/activity.schema';
import { productStatusSchema } from '../../domain/catalog.schema';
import { commissionRuleSchema } from '../../domain/commission.schema';
import { idSchema, instantSchema } from '../../domain/common.schema';
import { fenSchema } from '../../kernel/money';
import * as z from '../../kernel/zod';
import { countSchema } from '../common.schema';
import { ADMIN_PAGES } from './permissions';

/** Who manages activities: the roles of the 拼团活动 page. */
export const ACTIVITY_STAFF = ADMIN_PAGES.activities.roles;

/** What the console may ask about one activity. */
export const activityIdRequest = z.object({ activityId: idSchema });

const poolCountersSchema = z.object({ available: countSchema, reserved: countSchema, sold: countSchema });

/** An activity as the console edits it: every rule, its pool, its product and SKU, and what may be done now. */
export const consoleActivitySchema = z.object({
  activityId: idSchema,
  merchantId: idSchema,
  productId: idSchema,
  skuId: idSchema,
  title: z.string(),
  status: activityStatusSchema,
  /** 草稿 / 未开始 / 进行中 / 已暂停 / 已结束, from the status and the window. */
  phase: activityPhaseSchema,
  ...activityRulesShape,
  /** The dedicated pool (dedicated only): units available, held by unpaid orders and sold. */
  pool: poolCountersSchema.optional(),
  /** The 团长 commission rule (佣金规则), when one is set. */
  commission: commissionRuleSchema.optional(),
  /** What the machine allows now: 发布, 暂停, 恢复, 结束. */
  events: z.array(activityEventSchema),
  product: z.object({ title: z.string(), image: z.string(), status: productStatusSchema.optional() }),
  sku: z.object({
    spec: z.string(),
    /** The SKU's normal price. */
    price: fenSchema,
    /** Its normal stock; `allocated` is what all dedicated pools carved from it hold. */
    stock: z.object({ available: countSchema, reserved: countSchema, sold: countSchema, allocated: countSchema }),
  }),
  createdAt: instantSchema,
  updatedAt: instantSchema.optional(),
});
export type ConsoleActivity = z.infer<typeof consoleActivitySchema>;

/** One row of the 拼团活动 list. */
export const activityRowSchema = z.object({
  activityId: idSchema,
  merchantId: idSchema,
  title: z.string(),
  status: activityStatusSchema,
  phase: activityPhaseSchema,
  productTitle: z.string(),
  spec: z.string(),
  groupPrice: fenSchema,
  soloPrice: fenSchema,
  groupSize: z.number().int(),
  startAt: instantSchema,
  endAt: instantSchema,
  stockMode: stockModeSchema,
  /** The pool's available units, or the SKU's for a shared activity. */
  stockLeft: countSchema,
  /** The pool's sold units, or the SKU's for a shared activity. */
  sold: countSchema,
  pool: poolCountersSchema.optional(),
  createdAt: instantSchema,
});
export type ActivityRow = z.infer<typeof activityRowSchema>;

/** A SKU an activity can be built on: its product, spec, normal price and stock. */
export const skuChoiceSchema = z.object({
  skuId: idSchema,
  productId: idSchema,
  merchantId: idSchema,
  productTitle: z.string(),
  productStatus: productStatusSchema,
  spec: z.string(),
  price: fenSchema,
  available: countSchema,
  allocated: countSchema,
});
export type SkuChoice = z.infer<typeof skuChoiceSchema>;

// The domain's rules, for the console's form and preview (the server applies the same ones).
export {
  ACTIVITY_EVENT_LABELS,
  ACTIVITY_FIELD_LABELS,
  ACTIVITY_PHASE_LABELS,
  type ActivityEdit,
  activityEditSchema,
  activityEvents,
  type ActivityPhase,
  activityPhaseSchema,
  type EditField,
  type EditIssue,
  editOf,
  editRefusals,
  LIVE_CHANGE_HINTS,
  LIVE_CHANGES,
  type LiveChange,
  MAX_POOL_SIZE,
  poolHeld,
  poolPlan,
  poolTotal,
  publishRefusal,
} from '../../domain/activity-edit';
export { type ActivityEvent, type ActivityStatus } from '../../domain/activity.machine';
export {
  type ActivityScope,
  CHONGQING_BOUNDS,
  MAX_ACTIVITY_PRICE,
  MAX_SCOPE_RADIUS,
  MIN_SCOPE_RADIUS,
  type StockMode,
} from '../../domain/activity.schema';
export { DISTRICTS, type District } from '../../domain/common.schema';
export { yuanText } from '../../domain/display';
export { type Guarantee, guaranteeApplies, minPaidSeats, sharePercent } from '../../domain/guarantee';
