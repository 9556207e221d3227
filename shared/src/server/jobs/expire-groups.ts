/**
 * expireGroups (every minute, or by hand): groups past their deadline fail, and the groups that ended
 * otherwise are settled (groups/group-settlement.ts). Per batch, in few requests: the batch's forming
 * groups fail together; their paid orders go to `refunding` and each gets its refund requested under its
 * deterministic number; their unpaid orders close and their prepays are closed; all their held stock is
 * released; then the groups are marked settled. A group ops closed or the platform completed whose
 * settlement died halfway is finished here too. Every step is conditional or keyed, so a run repeated, run
 * twice at once, or resumed after dying halfway settles each group once.
 */
import type { expireGroupsContract } from '../../contracts/expire-groups.contract';
import { groupMachine } from '../../domain/group.machine';
import { BY_PLATFORM } from '../../domain/group.schema';
import { countGroupsToSettle, failGroups, listGroupsToSettle } from '../repositories/group.repository';
import type { Job } from '../runtime/define-trigger';
import { settleCompletedGroup, settleFailedGroups } from '../groups/group-settlement';

/** Groups settled per batch: one query, a handful of multi-document updates, one refund request per paid order. */
export const EXPIRE_BATCH = 50;

export const expireGroups: Job<typeof expireGroupsContract> = async (run, ctx) => {
  let scanned = 0;
  let changed = 0;
  let refundsRequested = 0;
  let refundsFailed = 0;
  const expiring = groupMachine.sourcesOf('deadline_passed');
  while (scanned < run.limit && run.hasTime()) {
    const now = ctx.clock.now();
    const batch = await listGroupsToSettle(now, Math.min(EXPIRE_BATCH, run.limit - scanned));
    scanned += batch.length;
    if (batch.length === 0 || run.dryRun) break;
    const completed = batch.filter((g) => g.completedBy === BY_PLATFORM);
    const ending = batch.filter((g) => g.completedBy !== BY_PLATFORM);
    await failGroups(
      ending.filter((g) => expiring.includes(g.status)).map((g) => g._id),
      now,
    );
    const settled = await settleFailedGroups(
      ending.map((g) => g._id),
      now,
      ctx,
    );
    changed += settled.settled;
    for (const group of completed) {
      try {
        if (await settleCompletedGroup(group, now, ctx)) changed += 1;
      } catch (error) {
        ctx.log.warn('could not settle a group the platform completed; left for the next run', {
          groupId: group._id,
          error: String(error),
        });
      }
    }
    refundsRequested += settled.requested;
    refundsFailed += settled.failed;
  }
  const remaining = await countGroupsToSettle(ctx.clock.now());
  return { scanned, changed, remaining, refundsRequested, refundsFailed };
};
