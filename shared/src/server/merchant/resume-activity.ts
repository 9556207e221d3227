/** resumeActivity (ops, merchant; 恢复): a paused activity sells again; one update conditional on the status. */
import type { resumeActivityContract } from '../../contracts/admin';
import { activityEventSchema } from '../../domain/activity.machine';
import type { AdminUseCase } from '../runtime/define-http-function';
import { moveActivityStatus } from './activity-console';

export const resumeActivity: AdminUseCase<typeof resumeActivityContract> = async (input, ctx) => ({
  activity: await moveActivityStatus(ctx, input.activityId, activityEventSchema.enum.resumed),
});
