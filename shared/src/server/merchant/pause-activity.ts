/**
 * pauseActivity (ops, or the activity's merchant): the activity machine's pause, as one conditional
 * update; new groups, new members and members' payments stop at once (groups already forming keep their
 * seats and end as they would). The members of its forming groups are told, and the pause is audited.
 */
import type { pauseActivityContract } from '../../contracts/admin';
import { activityEventSchema, activityMachine } from '../../domain/activity.machine';

/** The activity machine's pause (the event shares its name with the status it leads to). */
const PAUSE = activityEventSchema.enum.paused;
import { outboxEntry } from '../../domain/notification';
import { DomainError } from '../../kernel/errors';
import { ownsMerchant } from '../console/staff-scope';
import { pauseActivityNow } from '../repositories/activity-state.repository';
import { getActivity } from '../repositories/catalog.repository';
import { notifyOpenGroupsOf } from '../repositories/group.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

export const pauseActivity: AdminUseCase<typeof pauseActivityContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const activity = ownsMerchant(ctx, await getActivity(input.activityId), `activity ${input.activityId}`);
  const to = activityMachine.apply(activity.status, PAUSE);
  if (!(await pauseActivityNow(activity._id, now)))
    throw new DomainError('CONFLICT', `activity ${activity._id} changed`);
  const groupsTold = await notifyOpenGroupsOf(activity._id, outboxEntry('activity_paused', now, String(now)), now);
  await ctx.audit({
    target: `activities/${activity._id}`,
    before: { status: activity.status },
    after: { status: to, reason: input.reason, groupsTold },
  });
  return { activityId: activity._id, status: to, groupsTold };
};
