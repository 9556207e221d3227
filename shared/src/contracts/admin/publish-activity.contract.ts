import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, activityIdRequest, consoleActivitySchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `publishActivity` (ops, merchant; 发布): a draft goes live (active): it sells from its start to its end. Refused
 * (CONFLICT) when it is not a draft, its end has passed, or a dedicated pool has no units. Conditional on the
 * current status, so a repeat or a race changes it once.
 */
export const publishActivityContract = defineAdminContract({
  name: 'publishActivity',
  roles: ACTIVITY_STAFF,
  audited: true,
  request: activityIdRequest,
  response: z.object({ activity: consoleActivitySchema }),
});
