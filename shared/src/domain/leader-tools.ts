/**
 * What the 团长's 开团工具 shows of an activity they may open now: its commission rule in one line, and the units it
 * has left (its dedicated pool's, or its SKU's).
 */
import { type Fen, formatYuan } from '../kernel/money';
import type { CommissionRule } from './commission.schema';

/** How a rule reads to the leader: `实付 8%，成团奖励 ¥5.00`, `每件 ¥1.50`, or that it earns nothing. */
export function commissionRuleText(rule: CommissionRule | undefined): string {
  if (!rule) return '无佣金';
  const base =
    rule.base.kind === 'rate' ? `实付 ${rule.base.basisPoints / 100}%` : `每件 ${formatYuan(rule.base.amount)}`;
  return rule.groupBonus !== undefined ? `${base}，成团奖励 ${formatYuan(rule.groupBonus as Fen)}` : base;
}

/** The units an activity can still sell: its dedicated pool's when it has one, else its SKU's. */
export function unitsLeft(activity: {
  readonly stockMode: 'shared' | 'dedicated';
  readonly poolAvailable?: number | null | undefined;
  readonly skuAvailable?: number | null | undefined;
}): number {
  const left = activity.stockMode === 'dedicated' ? activity.poolAvailable : activity.skuAvailable;
  return Math.max(0, left ?? 0);
}
