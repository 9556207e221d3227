/**
 * endActivity (ops, merchant; 结束): the activity ends for good. In the same transaction a dedicated pool
 * gives its available units back to the SKU (pool available −N, SKU available +N, allocated −N); units held
 * by forming groups stay in the pool until those groups succeed or fail (what comes back later can be given
 * back by shrinking the pool). Once: a repeat or a racing end finds it ended (CONFLICT).
 */
import type { endActivityContract } from '../../contracts/admin';
import { activityEventSchema, activityMachine } from '../../domain/activity.machine';
import { ownsMerchant } from '../runtime/staff-scope';
import { changeActivity } from '../repositories/activity-admin.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { activityTarget, readConsoleActivity } from './activity-console';

export const endActivity: AdminUseCase<typeof endActivityContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const outcome = await changeActivity(input.activityId, (found) => {
    const current = ownsMerchant(ctx, found, `activity ${input.activityId}`);
    const status = activityMachine.apply(current.status, activityEventSchema.enum.ended);
    const givenBack = current.pool?.available ?? 0;
    return {
      write: { set: { status, updatedAt: now }, pool: { delta: -givenBack, shape: 'keep' as const } },
      result: { from: current.status, to: status, givenBack },
    };
  });
  await ctx.audit({
    target: activityTarget(input.activityId),
    before: { status: outcome.from },
    after: { status: outcome.to, ...(outcome.givenBack > 0 ? { poolReturned: outcome.givenBack } : {}) },
  });
  return { activity: await readConsoleActivity(ctx, input.activityId) };
};
