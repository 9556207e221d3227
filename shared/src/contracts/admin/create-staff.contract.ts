import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY, staffRoleSchema } from './permissions';
import {
  ROLE_MERCHANT_MESSAGE,
  roleAndMerchant,
  staffItemSchema,
  staffNameSchema,
  temporaryPasswordSchema,
} from './staff-item.schema';
import { staffAccountSchema } from './staff.schema';

/**
 * `createStaff` (ops only, audited): a new account with a temporary password, answered once and never
 * stored (only its hash); the new member of staff must change it at first sign-in. An account name already
 * taken is ACCOUNT_TAKEN; a merchant that does not exist is NOT_FOUND.
 */
export const createStaffContract = defineAdminContract({
  name: 'createStaff',
  roles: OPS_ONLY,
  audited: true,
  request: z
    .object({
      account: staffAccountSchema,
      name: staffNameSchema,
      role: staffRoleSchema,
      merchantId: idSchema.optional(),
    })
    .refine(roleAndMerchant, { message: ROLE_MERCHANT_MESSAGE, path: ['merchantId'] }),
  response: z.object({ staff: staffItemSchema, temporaryPassword: temporaryPasswordSchema }),
});
