import { describe, expect, it } from 'vitest';
import { commissionByStatus, tallyLeaderGroups } from './leader-results';

describe("a 团长's results", () => {
  it('counts groups that went public as opened, succeeded ones (filled or platform-completed) and forming ones', () => {
    expect(
      tallyLeaderGroups([
        { status: 'pending', count: 4 },
        { status: 'abandoned', count: 2 },
        { status: 'forming', count: 3 },
        { status: 'succeeded', count: 5 },
        { status: 'failed', count: 1 },
      ]),
    ).toEqual({ opened: 9, succeeded: 5, forming: 3 });
    expect(tallyLeaderGroups([])).toEqual({ opened: 0, succeeded: 0, forming: 0 });
  });

  it('shows every commission status, zero where the leader has none', () => {
    const rows = commissionByStatus([{ status: 'withdrawable', amount: 300, clawedBack: 50 }], 0);
    expect(rows.map((r) => r.status)).toEqual(['pending', 'earned', 'withdrawable', 'paid_out', 'reversed']);
    expect(rows[2]).toEqual({ status: 'withdrawable', statusLabel: rows[2]?.statusLabel, amount: 300, clawedBack: 50 });
    expect(rows[2]?.statusLabel).not.toBe('');
    expect(rows[0]).toMatchObject({ amount: 0, clawedBack: 0 });
  });
});
