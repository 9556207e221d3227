import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { staffItemSchema, temporaryPasswordSchema } from './staff-item.schema';

/**
 * `resetStaffPassword` (ops only, audited): a new temporary password, answered once; the member of staff's
 * sessions end, a lock from failed sign-ins is lifted, and they must change it at their next sign-in. Not
 * for one's own account (NOT_ON_SELF: 修改密码 is).
 */
export const resetStaffPasswordContract = defineAdminContract({
  name: 'resetStaffPassword',
  roles: OPS_ONLY,
  audited: true,
  request: z.object({ staffId: idSchema }),
  response: z.object({ staff: staffItemSchema, temporaryPassword: temporaryPasswordSchema }),
});
