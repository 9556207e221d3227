import { describe, expect, it } from 'vitest';
import { fen } from '../kernel/money';
import { commissionRuleText, unitsLeft } from './leader-tools';

describe('开团工具', () => {
  it('reads a commission rule in one line', () => {
    expect(commissionRuleText(undefined)).toBe('无佣金');
    expect(commissionRuleText({ base: { kind: 'rate', basisPoints: 850 } })).toBe('实付 8.5%');
    expect(commissionRuleText({ base: { kind: 'per_unit', amount: fen(150) }, groupBonus: fen(500) })).toBe(
      '每件 ¥1.50，成团奖励 ¥5.00',
    );
  });

  it('counts the units left in the pool or the SKU the activity sells from', () => {
    expect(unitsLeft({ stockMode: 'dedicated', poolAvailable: 7, skuAvailable: 100 })).toBe(7);
    expect(unitsLeft({ stockMode: 'shared', poolAvailable: 7, skuAvailable: 100 })).toBe(100);
    expect(unitsLeft({ stockMode: 'shared', skuAvailable: null })).toBe(0);
  });
});
