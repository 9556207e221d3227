/**
 * What ops' withdrawal actions share: one change of a withdrawal, decided on it as read and written with one update
 * conditional on the status it was read in (a write that finds it moved reads it again and decides again), audited
 * with what it was before and after, and answered as the console shows it.
 */
import type { ConsoleWithdrawal } from '../../contracts/admin/withdrawals.schema';
import type { Withdrawal } from '../../domain/withdrawal.schema';
import { DomainError } from '../../kernel/errors';
import type { Patch } from '../cloudbase/db';
import { getLeader } from '../repositories/leader.repository';
import { getWithdrawal, updateWithdrawalIf } from '../repositories/withdrawal.repository';
import type { AdminCallContext } from '../runtime/define-http-function';
import { consoleWithdrawal } from './withdrawal-views';

/** A decision on the withdrawal as read: null when it is a repeat (nothing to write), or the fields to write. */
export type WithdrawalDecision = (withdrawal: Withdrawal) => Patch | null;

const ATTEMPTS = 5;

export async function changeWithdrawal(
  withdrawalId: string,
  decide: WithdrawalDecision,
  ctx: AdminCallContext,
  audit: (before: Withdrawal, after: Withdrawal) => Record<string, unknown>,
): Promise<{ withdrawal: ConsoleWithdrawal }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await getWithdrawal(withdrawalId);
    if (!before) throw new DomainError('NOT_FOUND', `withdrawal ${withdrawalId}`);
    const patch = decide(before);
    const after = patch ? ({ ...before, ...patch } as Withdrawal) : before;
    if (
      patch &&
      !(await updateWithdrawalIf(before._id, { status: before.status, updatedAt: before.updatedAt }, patch))
    ) {
      continue;
    }
    await ctx.audit({
      target: `withdrawal/${before._id}`,
      before: { status: before.status, amount: before.amount, leaderOpenid: before.leaderOpenid },
      after: { ...audit(before, after), ...(patch ? {} : { repeat: true }) },
    });
    const leader = await getLeader(after.leaderOpenid);
    return { withdrawal: consoleWithdrawal(after, leader?.name) };
  }
  throw new DomainError('CONFLICT', `withdrawal ${withdrawalId} kept changing`);
}
