import { describe, expect, it } from 'vitest';
import { add, compare, fen, fenSchema, formatYuan, MoneyError, subtract, times, ZERO, yuanText } from './money';

describe('money (integer fen)', () => {
  it('formats fen as yuan with two decimals', () => {
    expect(formatYuan(fen(1230))).toBe('¥12.30');
    expect(formatYuan(fen(5))).toBe('¥0.05');
    expect(formatYuan(fen(100))).toBe('¥1.00');
    expect(formatYuan(ZERO)).toBe('¥0.00');
    expect(formatYuan(fen(123456789))).toBe('¥1234567.89');
    expect(formatYuan(fen(-5))).toBe('-¥0.05');
  });

  it('adds and multiplies exactly where floats would drift', () => {
    // 0.1 + 0.2 !== 0.3 in yuan floats; in fen it is exact.
    expect(add(fen(10), fen(20))).toBe(30);
    expect(add()).toBe(0);
    expect(times(fen(1990), 3)).toBe(5970);
    expect(subtract(fen(5970), fen(1990))).toBe(3980);
    expect(compare(fen(1), fen(2))).toBe(-1);
    expect(compare(fen(2), fen(2))).toBe(0);
  });

  it('refuses floats, NaN and unsafe integers', () => {
    expect(() => fen(12.3)).toThrow(MoneyError);
    expect(() => fen(Number.NaN)).toThrow(MoneyError);
    expect(() => fen(2 ** 60)).toThrow(MoneyError);
    expect(() => times(fen(100), 1.5)).toThrow(MoneyError);
    expect(() => times(fen(100), -1)).toThrow(MoneyError);
  });

  it('parses amounts crossing a contract as non-negative integers', () => {
    expect(fenSchema.parse(1990)).toBe(1990);
    expect(fenSchema.safeParse(19.9).success).toBe(false);
    expect(fenSchema.safeParse(-1).success).toBe(false);
    expect(fenSchema.safeParse('1990').success).toBe(false);
  });

  it('writes yuan with 2 decimals, exactly', () => {
    expect([yuanText(fen(1230)), yuanText(fen(5)), yuanText(fen(-5)), yuanText(fen(100_000_001))]).toEqual([
      '12.30',
      '0.05',
      '-0.05',
      '1000000.01',
    ]);
  });
});
