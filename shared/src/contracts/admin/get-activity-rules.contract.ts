import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, activityIdRequest, consoleActivitySchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `getActivityRules` (ops, merchant): one activity with every rule, its pool, its product and SKU's stock,
 * and the actions its status allows. Another merchant's activity is NOT_FOUND.
 */
export const getActivityRulesContract = defineAdminContract({
  name: 'getActivityRules',
  roles: ACTIVITY_STAFF,
  request: activityIdRequest,
  response: z.object({ activity: consoleActivitySchema }),
});
