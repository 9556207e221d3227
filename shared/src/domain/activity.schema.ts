/**
 * A group activity (拼团活动): the group rules for one SKU. Prices are integer fen; the rules that tie
 * fields together (group price below solo price, a window that ends after it starts, limits that fit, a
 * guarantee that asks for fewer seats than a full group) are checked here, so an activity that breaks them
 * cannot be stored. The messages are Chinese: the console shows them beside the field they name.
 */
import { fen } from '../kernel/money';
import * as z from '../kernel/zod';
import { activityStatusSchema } from './activity.machine';
import { districtSchema, idSchema, instantSchema } from './common.schema';
import { stockSchema } from './catalog.schema';
import { commissionRuleSchema } from './commission.schema';
import { guaranteeApplies, guaranteeSchema } from './guarantee';

export const stockModeSchema = z.enum(['dedicated', 'shared']);
export type StockMode = z.infer<typeof stockModeSchema>;

/** The highest price an activity may ask (¥100,000), so a mistyped price cannot reach a shopper. */
export const MAX_ACTIVITY_PRICE = 10_000_000;

/** A price in fen, with the field's name in its messages. */
const price = (label: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须精确到分`)
    .min(0, `${label}须大于 0`)
    .max(MAX_ACTIVITY_PRICE, `${label}不能超过 ¥100000`)
    .transform((n) => fen(n));

const whole = (label: string, min: number, max: number, unit: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(min, `${label}须在 ${min} 到 ${max} ${unit}之间`)
    .max(max, `${label}须在 ${min} 到 ${max} ${unit}之间`);

const instant = (label: string) =>
  z
    .number({ error: `请选择${label}` })
    .int(`请选择${label}`)
    .nonnegative();

/** Where Chongqing is (a radius scope's centre must be in it): longitude 105.2–110.2, latitude 28.1–32.2. */
export const CHONGQING_BOUNDS = { west: 105.2, east: 110.2, south: 28.1, north: 32.2 } as const;

/** A radius scope's centre: a GeoJSON point in Chongqing. */
const scopeCenterSchema = z
  .object({
    type: z.literal('Point'),
    coordinates: z.tuple([z.number({ error: '请填写经度' }), z.number({ error: '请填写纬度' })]),
  })
  .refine(({ coordinates: [lng, lat] }) => {
    const b = CHONGQING_BOUNDS;
    return lng >= b.west && lng <= b.east && lat >= b.south && lat <= b.north;
  }, '中心点须在重庆市内（经度 105.2–110.2，纬度 28.1–32.2）');

/** An activity's title, as shoppers read it on the card and the detail page. */
export const activityTitleSchema = z.string().trim().min(1, '请填写活动标题').max(60, '活动标题最多 60 个字');

export const MIN_SCOPE_RADIUS = 100;
export const MAX_SCOPE_RADIUS = 100_000;

/**
 * Where shoppers may join: listed districts, within a radius of a point (同城 / 社区成团), or only by pickup at
 * one active pickup point (社区团: every member collects there; the point is checked when the activity is saved).
 */
export const activityScopeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('districts'),
    districts: z.array(districtSchema, { error: '请选择区县' }).min(1, '请至少选择一个区县'),
  }),
  z.object({
    kind: z.literal('radius'),
    center: scopeCenterSchema,
    radiusMeters: z
      .number({ error: '请填写半径' })
      .int('半径须为整数米')
      .min(MIN_SCOPE_RADIUS, '半径须在 100 米到 100 公里之间')
      .max(MAX_SCOPE_RADIUS, '半径须在 100 米到 100 公里之间'),
  }),
  z.object({
    kind: z.literal('pickup_point'),
    pickupPointId: z.string({ error: '请选择自提点' }).min(1, '请选择自提点').max(64),
  }),
]);
export type ActivityScope = z.infer<typeof activityScopeSchema>;

/** The fields of the rules, before the checks that tie them together (`checkActivityRules`). */
export const activityRulesShape = {
  groupPrice: price('拼团价'),
  soloPrice: price('单买价'),
  /** What the opener (团长) pays, if the merchant offers a leader discount. */
  leaderPrice: price('团长价').optional(),
  groupSize: whole('成团人数', 2, 50, '人'),
  /** How long a group has to fill once opened (and never past the activity's end). */
  validityHours: whole('成团时限', 1, 72, '小时'),
  startAt: instant('开始时间'),
  endAt: instant('结束时间'),
  perOrderLimit: whole('每单限购', 1, 99, '件'),
  perUserLimit: whole('每人限购', 1, 999, '件'),
  stockMode: stockModeSchema,
  newCustomerOnly: z.boolean().default(false),
  scope: activityScopeSchema.optional(),
  /** 成团保障: the platform may complete a group once this share of its seats is paid; off when absent. */
  guarantee: guaranteeSchema.optional(),
};

type RulesFields = z.output<z.ZodObject<typeof activityRulesShape>>;

/** Reports each broken cross-field rule at the field a form shows it on. */
export function checkActivityRules(rules: RulesFields, issue: (path: keyof RulesFields, message: string) => void) {
  if (rules.groupPrice <= 0) issue('groupPrice', '拼团价须大于 0');
  if (rules.groupPrice >= rules.soloPrice) issue('groupPrice', '拼团价须低于单买价');
  if (rules.leaderPrice !== undefined && (rules.leaderPrice <= 0 || rules.leaderPrice > rules.groupPrice)) {
    issue('leaderPrice', '团长价须大于 0 且不高于拼团价');
  }
  if (rules.endAt <= rules.startAt) issue('endAt', '结束时间须晚于开始时间');
  if (rules.perOrderLimit > rules.perUserLimit) issue('perOrderLimit', '每单限购不能超过每人限购');
  if (rules.guarantee && !guaranteeApplies(rules.guarantee, rules.groupSize)) {
    issue('guarantee', `成团保障比例过高：${rules.groupSize} 人团按此比例须全员付款，保障不起作用`);
  }
}

/** `superRefine` for a schema whose output holds the rules. */
export const refineActivityRules = (rules: RulesFields, ctx: z.RefinementCtx) =>
  checkActivityRules(rules, (path, message) => ctx.addIssue({ code: 'custom', path: [path], message }));

export const activityRulesSchema = z.object(activityRulesShape).superRefine(refineActivityRules);
export type ActivityRules = z.infer<typeof activityRulesSchema>;

export const activitySchema = z
  .object({
    _id: idSchema,
    merchantId: idSchema,
    productId: idSchema,
    skuId: idSchema,
    title: activityTitleSchema,
    status: activityStatusSchema,
    /** The dedicated pool's counters (stockMode `dedicated` only); shared activities draw on the SKU. */
    pool: stockSchema.optional(),
    createdAt: instantSchema,
    /** The 团长 commission rule (`setCommissionRule`); an activity without one earns no commission. */
    commission: commissionRuleSchema.optional(),
    /** The console's request key of the last `setCommissionRule`: the same request again changes nothing. */
    commissionKey: z.string().optional(),
    /** The last change made in the console. */
    updatedAt: instantSchema.optional(),
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
