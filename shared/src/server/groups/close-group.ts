/**
 * closeGroup (ops): a forming group is closed now. One update conditional on the group still forming fails
 * it (the group machine's `cancelled`), so a last seat paid at the same moment, expireGroups, or another
 * close each either win before it or find it ended. Then the settlement that expireGroups uses refunds
 * every paid member through the refund pipeline, closes the unpaid seats and releases their stock; if it
 * can't finish now (CloudPay unreachable), expireGroups finishes it within the minute. The members are
 * told once their refunds are out.
 */
import type { closeGroupContract } from '../../contracts/admin';
import { closeRefusal } from '../../domain/group-intervention';
import { DomainError } from '../../kernel/errors';
import { ownsMerchant } from '../runtime/staff-scope';
import { closeGroupNow, getGroup } from '../repositories/group.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { settleFailedGroups } from './group-settlement';

export const closeGroup: AdminUseCase<typeof closeGroupContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const group = ownsMerchant(ctx, await getGroup(input.groupId), `group ${input.groupId}`);
  const refusal = closeRefusal(group);
  if (refusal) throw new DomainError(refusal, `group ${group._id} is ${group.status}`);
  if (!(await closeGroupNow(group._id, now))) throw new DomainError('GROUP_NOT_FORMING', `group ${group._id} changed`);
  await ctx.audit({
    target: `groups/${group._id}`,
    before: { status: group.status, seatsPaid: group.seatsPaid },
    after: { closed: true, reason: input.reason },
  });
  try {
    const refunds = await settleFailedGroups([group._id], now, ctx);
    return { groupId: group._id, refundsRequested: refunds.requested, refundsFailed: refunds.failed, settled: true };
  } catch (error) {
    ctx.log.warn('a closed group could not be settled now; expireGroups finishes it', {
      groupId: group._id,
      error: String(error),
    });
    return { groupId: group._id, refundsRequested: 0, refundsFailed: 0, settled: false };
  }
};
