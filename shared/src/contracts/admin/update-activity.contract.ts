import { activityEditShape, refineActivityEdit } from '../../domain/activity-edit';
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { ACTIVITY_STAFF, consoleActivitySchema } from './activity.schema';
import { defineAdminContract } from './admin-contract';

/**
 * `updateActivity` (ops, merchant): the activity's title and rules, all sent as the form holds them. A draft
 * takes any valid rules; a published one only changes that cannot hurt a group already forming (end later,
 * start earlier, limits and validity up, scope wider, the new-customer rule dropped, the guarantee turned on
 * or lowered), else CONFLICT; an ended one none. The dedicated pool grows from the SKU's available stock
 * (OUT_OF_STOCK beyond it) and shrinks only down to what it holds and sold; pool and SKU change in one
 * transaction, so no unit is lost to a race with shoppers.
 */
export const updateActivityContract = defineAdminContract({
  name: 'updateActivity',
  roles: ACTIVITY_STAFF,
  audited: true,
  request: z.object({ activityId: idSchema, ...activityEditShape }).superRefine(refineActivityEdit),
  response: z.object({ activity: consoleActivitySchema }),
});
