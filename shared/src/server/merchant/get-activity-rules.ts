/** getActivityRules (ops, merchant): one activity as the console edits it, within the staff member's scope. */
import type { getActivityRulesContract } from '../../contracts/admin';
import type { AdminUseCase } from '../runtime/define-http-function';
import { readConsoleActivity } from './activity-console';

export const getActivityRules: AdminUseCase<typeof getActivityRulesContract> = async (input, ctx) => ({
  activity: await readConsoleActivity(ctx, input.activityId),
});
