/**
 * payoutWithdrawals (every minute, or by hand): withdrawals due now (approved; failed and due again; a bill under
 * way due for a check) are claimed one by one (`claimWithdrawal`: conditional on what was listed, so two runs at
 * once never both ask about one) and paid out (`payOut`: WeChat is asked about the bill under the withdrawal's own
 * number first, and the bill made only when it has none), a few at once. Failures are asked again after the
 * refunds' delays and flagged for ops after five (the domain's step); a bill whose notification was lost is
 * learnt from the query.
 */
import type { payoutWithdrawalsContract } from '../../contracts/payout-withdrawals.contract';
import { TRANSFER_REQUEST_GRACE_MS, WITHDRAWAL_PAID_STATUS, withdrawalMachine } from '../../domain/withdrawal.machine';
import type { Withdrawal } from '../../domain/withdrawal.schema';
import { payOut } from '../leader/withdrawal-payout';
import { claimWithdrawal, countDueWithdrawals, listDueWithdrawals } from '../repositories/withdrawal.repository';
import type { Job } from '../runtime/define-trigger';

/** Withdrawals asked about at once: WeChat allows 100 calls a second; a run stays well below. */
export const PAYOUT_CONCURRENCY = 4;
const BATCH = 20;
const FLAGGED = withdrawalMachine.transition('gave_up').to;

export const payoutWithdrawals: Job<typeof payoutWithdrawalsContract> = async (run, ctx) => {
  let scanned = 0;
  let changed = 0;
  let transferred = 0;
  let flagged = 0;
  const seen = new Set<string>();
  const one = async (withdrawal: Withdrawal) => {
    if (!(await claimWithdrawal(withdrawal, ctx.clock.now() + TRANSFER_REQUEST_GRACE_MS))) return;
    const status = await payOut(withdrawal, ctx);
    if (status !== withdrawal.status) changed += 1;
    if (status === WITHDRAWAL_PAID_STATUS && withdrawal.status !== status) transferred += 1;
    if (status === FLAGGED && withdrawal.status !== status) flagged += 1;
  };
  while (scanned < run.limit && run.hasTime()) {
    const batch = (await listDueWithdrawals(ctx.clock.now(), Math.min(BATCH, run.limit - scanned))).filter(
      (w) => !seen.has(w._id),
    );
    if (batch.length === 0) break;
    scanned += batch.length;
    if (run.dryRun) break;
    for (const w of batch) seen.add(w._id);
    for (let i = 0; i < batch.length; i += PAYOUT_CONCURRENCY) {
      await Promise.all(batch.slice(i, i + PAYOUT_CONCURRENCY).map(one));
      if (!run.hasTime()) break;
    }
  }
  const remaining = await countDueWithdrawals(ctx.clock.now());
  return { scanned, changed, remaining, transferred, flagged };
};
