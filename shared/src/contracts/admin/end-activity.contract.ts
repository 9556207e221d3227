import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, activityIdRequest, consoleActivitySchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `endActivity` (ops, merchant; 结束): the activity ends for good (active or paused; else CONFLICT). A dedicated
 * pool gives its available units back to the SKU in the same transaction; units held by forming groups stay in
 * the pool until those groups settle. Conditional on the current status, so a repeat or a race changes it once.
 */
export const endActivityContract = defineAdminContract({
  name: 'endActivity',
  roles: ACTIVITY_STAFF,
  audited: true,
  request: activityIdRequest,
  response: z.object({ activity: consoleActivitySchema }),
});
