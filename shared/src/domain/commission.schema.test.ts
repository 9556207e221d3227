import { describe, expect, it } from 'vitest';
import { COMMISSION_LIMITS, commissionRuleRefusal, commissionRuleSchema } from './commission.schema';

const valid = (rule: unknown) => commissionRuleSchema.safeParse(rule).success;

describe('a commission rule', () => {
  it('is a rate of 0.01%–20% in basis points, or ¥0.01–¥100 per unit', () => {
    for (const basisPoints of [1, 500, 2_000]) expect(valid({ base: { kind: 'rate', basisPoints } })).toBe(true);
    for (const basisPoints of [0, -1, 2_001, 10_000, 5.5])
      expect(valid({ base: { kind: 'rate', basisPoints } })).toBe(false);
    for (const amount of [1, 150, 10_000]) expect(valid({ base: { kind: 'per_unit', amount } })).toBe(true);
    for (const amount of [0, 10_001, 1.5]) expect(valid({ base: { kind: 'per_unit', amount } })).toBe(false);
    expect(valid({ base: { kind: 'rate', amount: 100 } })).toBe(false);
    expect(valid({})).toBe(false);
  });

  it('may add a bonus of ¥0.01–¥200 per successful group', () => {
    const base = { kind: 'rate', basisPoints: 800 };
    expect(commissionRuleSchema.parse({ base })).toEqual({ base });
    for (const groupBonus of [1, 20_000]) expect(valid({ base, groupBonus })).toBe(true);
    for (const groupBonus of [0, 20_001, 0.5]) expect(valid({ base, groupBonus })).toBe(false);
  });

  it('says what is wrong in Chinese', () => {
    const result = commissionRuleSchema.safeParse({ base: { kind: 'rate', basisPoints: 2_500 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('佣金比例须在 0.01% 到 20% 之间');
  });

  it('gives per unit at most 20% of the lowest price a unit sells at', () => {
    const perUnit = (amount: number) => commissionRuleSchema.parse({ base: { kind: 'per_unit', amount } });
    expect(commissionRuleRefusal(perUnit(200), { groupPrice: 1_000 })).toBeUndefined();
    expect(commissionRuleRefusal(perUnit(201), { groupPrice: 1_000 })).toBe('COMMISSION_TOO_HIGH');
    expect(commissionRuleRefusal(perUnit(200), { groupPrice: 1_000, leaderPrice: 900 })).toBe('COMMISSION_TOO_HIGH');
    expect(commissionRuleRefusal(perUnit(180), { groupPrice: 1_000, leaderPrice: 900 })).toBeUndefined();
    const rate = commissionRuleSchema.parse({ base: { kind: 'rate', basisPoints: COMMISSION_LIMITS.maxBasisPoints } });
    expect(commissionRuleRefusal(rate, { groupPrice: 1 })).toBeUndefined();
  });
});
