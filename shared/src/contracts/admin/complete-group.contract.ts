import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { interventionReasonSchema } from './groups.schema';
import { OPS_ONLY } from './permissions';

/**
 * `completeGroup` (ops, 成团保障): the platform completes a forming group with the members who paid, where
 * its activity allows it and at least its share of seats is paid. Unpaid seats' orders are closed and
 * their stock released; the paid members' orders go to shipping, and their pages say 平台成团. No member
 * and no count is ever made up: the group keeps its size and its real paid seats.
 */
export const completeGroupContract = defineAdminContract({
  name: 'completeGroup',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({ groupId: idSchema, reason: interventionReasonSchema }),
  response: z.object({
    groupId: idSchema,
    seatsPaid: z.number().int().nonnegative(),
    size: z.number().int().min(2),
  }),
});
