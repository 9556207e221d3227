/**
 * Commission rules (set per activity in the console) and the commission entries they earn (`commission_entries`).
 *
 * A rule's base is either a rate, in basis points of what the order paid, or a fixed amount per unit; it applies
 * to each kind an order earns (`group_opener`, `pickup_point`), so an order whose opener and point are both
 * registered leaders earns it twice. An optional bonus is earned once per successful group by its opener. The
 * bounds keep a mistyped rule from giving the goods away (`COMMISSION_LIMITS`):
 *
 * - rate: 1–2000 basis points (0.01%–20%) per kind, so at most 40% of an order goes to commission;
 * - per unit: ¥0.01–¥100, and at most 20% of the lowest price a unit of the activity sells at (its leader price or
 *   group price, `commissionRuleRefusal`), the same 20% per kind as a rate;
 * - bonus: ¥0.01–¥200 per successful group.
 */
import { fen, fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { commissionKindSchema, commissionEventSchema, commissionStatusSchema } from './commission.machine';
import { idSchema, instantSchema, openidSchema } from './common.schema';

export const COMMISSION_LIMITS = {
  minBasisPoints: 1,
  maxBasisPoints: 2_000,
  minPerUnit: 1,
  maxPerUnit: 10_000,
  /** A per-unit amount's most, as a share of the lowest unit price (basis points): the rate's own most. */
  maxPerUnitShareBasisPoints: 2_000,
  minGroupBonus: 1,
  maxGroupBonus: 20_000,
} as const;

/** 10 000 basis points make the whole. */
export const BASIS_POINTS = 10_000;

const fenBetween = (label: string, min: number, max: number, range: string) =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须精确到分`)
    .min(min, `${label}须在 ${range} 之间`)
    .max(max, `${label}须在 ${range} 之间`)
    .transform((n) => fen(n));

export const commissionBaseSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('rate'),
    basisPoints: z
      .number({ error: '请填写佣金比例' })
      .int('佣金比例须精确到 0.01%')
      .min(COMMISSION_LIMITS.minBasisPoints, '佣金比例须在 0.01% 到 20% 之间')
      .max(COMMISSION_LIMITS.maxBasisPoints, '佣金比例须在 0.01% 到 20% 之间'),
  }),
  z.object({
    kind: z.literal('per_unit'),
    amount: fenBetween('每件佣金', COMMISSION_LIMITS.minPerUnit, COMMISSION_LIMITS.maxPerUnit, '¥0.01 到 ¥100'),
  }),
]);
export type CommissionBase = z.infer<typeof commissionBaseSchema>;

export const COMMISSION_BASE_LABELS: Record<CommissionBase['kind'], string> = {
  rate: '按实付金额比例',
  per_unit: '按件固定金额',
};

/** An activity's commission rule. An activity without one earns no commission. */
export const commissionRuleSchema = z.object({
  base: commissionBaseSchema,
  /** Earned once by the registered leader who opened a group that succeeded. */
  groupBonus: fenBetween(
    '成团奖励',
    COMMISSION_LIMITS.minGroupBonus,
    COMMISSION_LIMITS.maxGroupBonus,
    '¥0.01 到 ¥200',
  ).optional(),
});
export type CommissionRule = z.infer<typeof commissionRuleSchema>;

/**
 * Why a rule does not suit its activity: a per-unit amount above 20% of the lowest price a unit sells at (the
 * leader price when there is one, else the group price). A rate is bounded by its schema alone.
 */
export function commissionRuleRefusal(
  rule: CommissionRule,
  prices: { readonly groupPrice: number; readonly leaderPrice?: number | undefined },
): 'COMMISSION_TOO_HIGH' | undefined {
  if (rule.base.kind !== 'per_unit') return undefined;
  const lowest = Math.min(prices.groupPrice, prices.leaderPrice ?? prices.groupPrice);
  return rule.base.amount * BASIS_POINTS > lowest * COMMISSION_LIMITS.maxPerUnitShareBasisPoints
    ? 'COMMISSION_TOO_HIGH'
    : undefined;
}

/** One step of an entry's life. */
export const commissionHistoryEntrySchema = z.object({
  at: instantSchema,
  event: z.union([z.literal('recorded'), commissionEventSchema]),
  status: commissionStatusSchema,
  /** The entry's amount and clawback after the step. */
  amount: fenSchema,
  clawedBack: fenSchema,
});
export type CommissionHistoryEntry = z.infer<typeof commissionHistoryEntrySchema>;

export const commissionEntrySchema = z.object({
  /** `commissionEntryId(kind, order or group)`: one entry per (order or group, kind). */
  _id: idSchema,
  kind: commissionKindSchema,
  leaderOpenid: openidSchema,
  activityId: idSchema,
  groupId: idSchema.optional(),
  /** The order it is earned on (absent for a bonus, which is earned on its group). */
  orderId: idSchema.optional(),
  /** The point a `pickup_point` entry was earned at. */
  pickupPointId: idSchema.optional(),
  /** The activity's rule when the entry was recorded: a later change of the rule changes no entry. */
  rule: commissionRuleSchema,
  /** What the order paid and how many units: what the rule is applied to (absent for a bonus). */
  orderTotal: fenSchema.optional(),
  quantity: z.number().int().positive().optional(),
  /** What the rule gave on the whole payment (a bonus: the bonus). */
  ruledAmount: fenSchema,
  /** What the entry gives now: the rule on what is left paid until withdrawable, fixed from then on; 0 reversed. */
  amount: fenSchema,
  /** Refunds recorded once the entry was withdrawable: deducted from the leader's balance. Never above `amount`. */
  clawedBack: fenSchema,
  status: commissionStatusSchema,
  withdrawableAt: instantSchema.optional(),
  paidOutAt: instantSchema.optional(),
  history: z.array(commissionHistoryEntrySchema),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type CommissionEntry = z.infer<typeof commissionEntrySchema>;
