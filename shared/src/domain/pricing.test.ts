import { describe, expect, it } from 'vitest';
import { fen } from '../kernel/money';
import { priceOrder, unitPriceFor } from './pricing';

const rules = {
  groupPrice: fen(2990),
  soloPrice: fen(3990),
  leaderPrice: fen(2690),
  perOrderLimit: 3,
  perUserLimit: 5,
};

describe('pricing', () => {
  it('charges the leader price to the opener, the group price to members, the solo price alone', () => {
    expect(unitPriceFor(rules, 'leader')).toBe(2690);
    expect(unitPriceFor(rules, 'member')).toBe(2990);
    expect(unitPriceFor(rules, 'solo')).toBe(3990);
    expect(unitPriceFor({ ...rules, leaderPrice: undefined }, 'leader')).toBe(2990);
  });

  it('multiplies in integer fen', () => {
    expect(priceOrder(rules, 'member', 3, 0)).toEqual({ unitPrice: 2990, quantity: 3, total: 8970 });
  });

  it('enforces the per-order and per-user limits', () => {
    expect(() => priceOrder(rules, 'member', 4, 0)).toThrow('LIMIT_EXCEEDED');
    expect(() => priceOrder(rules, 'member', 2, 4)).toThrow('LIMIT_EXCEEDED');
    expect(priceOrder(rules, 'member', 1, 4).total).toBe(2990);
    expect(() => priceOrder(rules, 'member', 0, 0)).toThrow('INVALID_ARGUMENT');
    expect(() => priceOrder(rules, 'member', 1.5, 0)).toThrow('INVALID_ARGUMENT');
  });
});
