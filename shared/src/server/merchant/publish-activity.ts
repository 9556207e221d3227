/**
 * publishActivity (ops, merchant; 发布): a draft goes live. Read and written in one transaction, so it is
 * published once however many times it is asked, and never with a rule the check did not see.
 */
import type { publishActivityContract } from '../../contracts/admin';
import { publishRefusal } from '../../domain/activity-edit';
import { activityMachine } from '../../domain/activity.machine';
import { DomainError } from '../../kernel/errors';
import { ownsMerchant } from '../runtime/staff-scope';
import { changeActivity } from '../repositories/activity-admin.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { activityTarget, readConsoleActivity } from './activity-console';

export const publishActivity: AdminUseCase<typeof publishActivityContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { from, to } = await changeActivity(input.activityId, (found) => {
    const current = ownsMerchant(ctx, found, `activity ${input.activityId}`);
    const status = activityMachine.apply(current.status, 'published');
    const refusal = publishRefusal(current, now);
    if (refusal) throw new DomainError('CONFLICT', refusal);
    return { write: { set: { status, updatedAt: now } }, result: { from: current.status, to: status } };
  });
  await ctx.audit({ target: activityTarget(input.activityId), before: { status: from }, after: { status: to } });
  return { activity: await readConsoleActivity(ctx, input.activityId) };
};
