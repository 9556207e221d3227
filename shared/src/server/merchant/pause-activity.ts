/**
 * pauseActivity (ops, merchant; 暂停): one update conditional on the status, so it never waits for or
 * conflicts with shoppers: from then on openGroup, joinGroup and a seat's payment find the activity paused
 * (the payment is refunded). Groups already forming keep their seats. A reason (from 实时监控) goes into the audit.
 */
import type { pauseActivityContract } from '../../contracts/admin';
import { activityEventSchema } from '../../domain/activity.machine';
import type { AdminUseCase } from '../runtime/define-http-function';
import { moveActivityStatus } from './activity-console';

export const pauseActivity: AdminUseCase<typeof pauseActivityContract> = async (input, ctx) => ({
  activity: await moveActivityStatus(ctx, input.activityId, activityEventSchema.enum.paused, input.reason),
});
