/**
 * A leader's balance as the database sums it: their commission entries per status and their withdrawals per status,
 * one aggregation each, issued together, and the balance the domain computes from them (`leaderBalance`, through
 * `leaderBalanceView`). getMyEarnings shows it to the leader, getLeaderDetail to ops; money of a new kind that moves
 * the balance is read here, once.
 */
import type { LeaderBalanceView } from '../../contracts/withdrawal-view.schema';
import type { CommissionStatus } from '../../domain/commission.machine';
import type { Fen } from '../../kernel/money';
import { sumLeaderEntries } from '../repositories/commission.repository';
import { sumLeaderWithdrawals } from '../repositories/withdrawal.repository';
import { leaderBalanceView } from './withdrawal-views';

export interface LeaderBalanceRead {
  /** Entries summed per status (only the statuses the leader has). */
  readonly entries: readonly { status: CommissionStatus; amount: Fen; clawedBack: Fen }[];
  readonly balance: LeaderBalanceView;
}

export async function readLeaderBalance(leaderOpenid: string): Promise<LeaderBalanceRead> {
  const [entries, withdrawals] = await Promise.all([
    sumLeaderEntries(leaderOpenid),
    sumLeaderWithdrawals(leaderOpenid),
  ]);
  return { entries, balance: leaderBalanceView({ entries, withdrawals }) };
}
