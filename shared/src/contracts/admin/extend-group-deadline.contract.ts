import { idSchema, instantSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { interventionReasonSchema } from './groups.schema';
import { OPS_ONLY } from './permissions';

/**
 * `extendGroupDeadline` (ops): moves a forming group's deadline later, by at most 24 hours and never past
 * its activity's end, and tells its members. Refused once the group ended or its deadline passed, and when
 * another extension got there first (CONFLICT: refresh and decide again).
 */
export const extendGroupDeadlineContract = defineAdminContract({
  name: 'extendGroupDeadline',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({ groupId: idSchema, deadlineAt: instantSchema, reason: interventionReasonSchema }),
  response: z.object({ groupId: idSchema, deadlineAt: instantSchema }),
});
