/**
 * extendGroupDeadline (ops): a forming group's deadline moves later (at most 24 hours more, never past its
 * activity's end), with one update conditional on the group still forming and its deadline unchanged and
 * not passed: expireGroups and a concurrent extension each either win before it or find it changed. Its
 * members are told by subscription message; the change is audited with its reason.
 */
import type { extendGroupDeadlineContract } from '../../contracts/admin';
import { extensionRefusal, isOpenForIntervention } from '../../domain/group-intervention';
import { DomainError } from '../../kernel/errors';
import { ownsMerchant } from '../runtime/staff-scope';
import { getActivity } from '../repositories/catalog.repository';
import { extendDeadline, getGroup } from '../repositories/group.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const extendGroupDeadline: AdminUseCase<typeof extendGroupDeadlineContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const group = ownsMerchant(ctx, await getGroup(input.groupId), `group ${input.groupId}`);
  const activity = await getActivity(group.activityId);
  if (!activity) throw new DomainError('NOT_FOUND', `activity ${group.activityId}`);
  const refusal = extensionRefusal(group, activity, input.deadlineAt, now);
  if (refusal) throw new DomainError(refusal, `group ${group._id}`);
  if (!(await extendDeadline(group._id, group.deadlineAt, input.deadlineAt, now))) {
    // Read again to say why: it ended (or its deadline passed), or another extension got there first.
    const fresh = await getGroup(group._id);
    const open = fresh !== null && isOpenForIntervention(fresh, ctx.clock.now());
    throw new DomainError(open ? 'CONFLICT' : 'GROUP_NOT_FORMING', `group ${group._id} changed`);
  }
  await ctx.audit({
    target: `groups/${group._id}`,
    before: { deadlineAt: group.deadlineAt },
    after: { deadlineAt: input.deadlineAt, reason: input.reason },
  });
  return { groupId: group._id, deadlineAt: input.deadlineAt };
};
