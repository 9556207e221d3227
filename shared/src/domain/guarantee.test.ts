import { describe, expect, it } from 'vitest';
import { guaranteeApplies, guaranteeCovers, minPaidSeats, sharePercent } from './guarantee';

describe('the platform guarantee (成团保障)', () => {
  it('asks for ⌈size × share⌉ paid seats, at least one, in whole percent', () => {
    expect(minPaidSeats({ minPaidShare: 0.6 }, 5)).toBe(3);
    expect(minPaidSeats({ minPaidShare: 0.5 }, 5)).toBe(3);
    expect(minPaidSeats({ minPaidShare: 0.5 }, 4)).toBe(2);
    // 0.28 × 25 is 7.000000000000001 in floating point; in percent it is 7 exactly.
    expect(0.28 * 25).not.toBe(7);
    expect(minPaidSeats({ minPaidShare: 0.28 }, 25)).toBe(7);
    expect(minPaidSeats({ minPaidShare: 0.01 }, 2)).toBe(1);
    expect(sharePercent(0.29)).toBe(29);
    for (let size = 2; size <= 50; size++) {
      for (let percent = 1; percent <= 99; percent++) {
        const seats = minPaidSeats({ minPaidShare: percent / 100 }, size);
        expect(seats * 100).toBeGreaterThanOrEqual(percent * size);
        expect((seats - 1) * 100 < percent * size || seats === 1).toBe(true);
      }
    }
  });

  it('applies only when it asks for fewer seats than the group has', () => {
    expect(guaranteeApplies({ minPaidShare: 0.5 }, 2)).toBe(true);
    expect(guaranteeApplies({ minPaidShare: 0.51 }, 2)).toBe(false);
    expect(guaranteeApplies({ minPaidShare: 0.9 }, 10)).toBe(true);
    expect(guaranteeApplies({ minPaidShare: 0.91 }, 10)).toBe(false);
  });

  it('covers a group with enough paid seats that is not full, and nothing without a guarantee', () => {
    const g = { minPaidShare: 0.6 };
    expect(guaranteeCovers(g, { size: 5, seatsPaid: 2 })).toBe(false);
    expect(guaranteeCovers(g, { size: 5, seatsPaid: 3 })).toBe(true);
    expect(guaranteeCovers(g, { size: 5, seatsPaid: 4 })).toBe(true);
    expect(guaranteeCovers(g, { size: 5, seatsPaid: 5 })).toBe(false);
    expect(guaranteeCovers(undefined, { size: 5, seatsPaid: 4 })).toBe(false);
  });
});
