import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, activityIdRequest, consoleActivitySchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `resumeActivity` (ops, merchant; 恢复): a paused activity sells again. CONFLICT unless it is paused. Conditional
 * on the current status, so a repeat or a race changes it once.
 */
export const resumeActivityContract = defineAdminContract({
  name: 'resumeActivity',
  roles: ACTIVITY_STAFF,
  audited: true,
  request: activityIdRequest,
  response: z.object({ activity: consoleActivitySchema }),
});
