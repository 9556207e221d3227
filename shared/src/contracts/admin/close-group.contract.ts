import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { interventionReasonSchema } from './groups.schema';
import { OPS_ONLY } from './permissions';

/**
 * `closeGroup` (ops): closes a forming group now. It fails; every paid member is refunded through the
 * refund pipeline (deterministic refund numbers, never twice), unpaid seats are closed, stock is released,
 * and the members are told once their refunds are out.
 */
export const closeGroupContract = defineAdminContract({
  name: 'closeGroup',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({ groupId: idSchema, reason: interventionReasonSchema }),
  response: z.object({
    groupId: idSchema,
    refundsRequested: z.number().int().nonnegative(),
    /** Refunds CloudPay refused for now: the retry job asks again. */
    refundsFailed: z.number().int().nonnegative(),
    /** False when the refunds could not be asked for now: expireGroups finishes them within the minute. */
    settled: z.boolean(),
  }),
});
