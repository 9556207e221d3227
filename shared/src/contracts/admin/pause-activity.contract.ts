import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, activityIdRequest, consoleActivitySchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';
import { interventionReasonSchema } from './groups.schema';

/**
 * `pauseActivity` (ops, merchant; 暂停): a live activity stops selling at once: no new groups, members or payments
 * for seats (a seat paid after the pause is refunded); groups already forming keep their seats. CONFLICT unless
 * it is active. Conditional on the current status, so a repeat or a race changes it once. A pause from 实时监控
 * (运营干预) gives its reason, which the audit log keeps.
 */
export const pauseActivityContract = defineAdminContract({
  name: 'pauseActivity',
  roles: ACTIVITY_STAFF,
  audited: true,
  request: activityIdRequest.extend({ reason: interventionReasonSchema.optional() }),
  response: z.object({ activity: consoleActivitySchema }),
});
