import { actionKeySchema } from '../../domain/after-sale.schema';
import { commissionRuleSchema } from '../../domain/commission.schema';
import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, activityIdRequest, consoleActivitySchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `setCommissionRule` (ops, merchant; 佣金规则): sets the activity's 团长 commission rule (a rate or a fixed amount
 * per unit, and an optional bonus per successful group), or removes it (`rule: null`). A per-unit amount above 20%
 * of the lowest unit price is refused (COMMISSION_TOO_HIGH). Entries already recorded keep the rule they were
 * earned under. Audited; the same `requestKey` again changes nothing.
 */
export const setCommissionRuleContract = defineAdminContract({
  name: 'setCommissionRule',
  roles: ACTIVITY_STAFF,
  audited: true,
  request: activityIdRequest.extend({ rule: commissionRuleSchema.nullable(), requestKey: actionKeySchema }),
  response: z.object({ activity: consoleActivitySchema }),
});
