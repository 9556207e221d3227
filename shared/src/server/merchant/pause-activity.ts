/**
 * pauseActivity (ops, merchant; 暂停): one update conditional on the status, so it never waits for or
 * conflicts with shoppers: from then on openGroup, joinGroup and a seat's payment find the activity paused
 * (the payment is refunded). Groups already forming keep their seats, and their paid members are told
 * (活动已暂停) through the groups' outboxes, which sendNotifications delivers once each. Only the request
 * that paused it tells them; if the function died between the two updates the pause stands untold.
 * A reason (a pause from 实时监控) goes into the audit.
 */
import type { pauseActivityContract } from '../../contracts/admin';
import { activityEventSchema } from '../../domain/activity.machine';
import { notifyActivityPaused } from '../repositories/group.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { moveActivityStatus } from './activity-console';

export const pauseActivity: AdminUseCase<typeof pauseActivityContract> = async (input, ctx) => {
  const activity = await moveActivityStatus(ctx, input.activityId, activityEventSchema.enum.paused, input.reason);
  await notifyActivityPaused(input.activityId, ctx.clock.now());
  return { activity };
};
