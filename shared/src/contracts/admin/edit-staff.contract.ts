import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY, staffRoleSchema } from './permissions';
import { ROLE_MERCHANT_MESSAGE, roleAndMerchant, staffItemSchema, staffNameSchema } from './staff-item.schema';

/**
 * `editStaff` (ops only, audited): a member of staff's name, role and merchant. The role takes effect at
 * their next call. An ops cannot change their own role, and the last active ops keeps theirs
 * (LAST_ACTIVE_OPS).
 */
export const editStaffContract = defineAdminContract({
  name: 'editStaff',
  roles: OPS_ONLY,
  audited: true,
  request: z
    .object({
      staffId: idSchema,
      name: staffNameSchema,
      role: staffRoleSchema,
      merchantId: idSchema.optional(),
    })
    .refine(roleAndMerchant, { message: ROLE_MERCHANT_MESSAGE, path: ['merchantId'] }),
  response: z.object({ staff: staffItemSchema }),
});
