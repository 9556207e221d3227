/**
 * setCommissionRule (ops, merchant; 佣金规则): one transaction reads the activity, lets the domain refuse a rule that
 * does not suit its prices (`commissionRuleRefusal`), and sets or removes the rule with the request's key. The same
 * key again finds it stored and changes nothing (audited as a repeat). Entries already recorded keep the rule they
 * were earned under (`commission_entries`.rule), so a change only touches what is earned from then on.
 */
import type { setCommissionRuleContract } from '../../contracts/admin';
import { commissionRuleRefusal } from '../../domain/commission.schema';
import { DomainError } from '../../kernel/errors';
import { changeActivity } from '../repositories/activity-admin.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { activityTarget, readConsoleActivity, scopedActivity } from './activity-console';

export const setCommissionRule: AdminUseCase<typeof setCommissionRuleContract> = async (input, ctx) => {
  await scopedActivity(ctx, input.activityId);
  const now = ctx.clock.now();
  const { rule, requestKey } = input;
  const acted = await changeActivity(input.activityId, (activity) => {
    if (!activity) throw new DomainError('NOT_FOUND', `activity ${input.activityId}`);
    const before = activity.commission ?? null;
    if (activity.commissionKey === requestKey) return { write: null, result: { before, repeat: true } };
    const refusal = rule ? commissionRuleRefusal(rule, activity) : undefined;
    if (refusal) throw new DomainError(refusal, `activity ${activity._id}`);
    return {
      write: {
        set: { ...(rule ? { commission: rule } : {}), commissionKey: requestKey, updatedAt: now },
        ...(rule ? {} : { unset: ['commission'] }),
      },
      result: { before, repeat: false },
    };
  });
  const activity = await readConsoleActivity(ctx, input.activityId);
  await ctx.audit({
    target: activityTarget(input.activityId),
    before: { commission: acted.before },
    after: { commission: activity.commission ?? null, ...(acted.repeat ? { repeat: true } : {}) },
  });
  return { activity };
};
