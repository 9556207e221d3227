import { activityStatusSchema } from '../../domain/activity.machine';
import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { interventionReasonSchema } from './groups.schema';

/**
 * `pauseActivity` (ops, or the activity's merchant): stops new groups, new members and members' payments
 * at once (groups already forming keep their seats; a seat paid while paused is refunded), and tells the
 * members of its forming groups.
 */
export const pauseActivityContract = defineAdminContract({
  name: 'pauseActivity',
  roles: ['ops', 'merchant'],
  audited: true,
  request: z.object({ activityId: idSchema, reason: interventionReasonSchema }),
  response: z.object({ activityId: idSchema, status: activityStatusSchema, groupsTold: z.number().int() }),
});
