import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { ANY_STAFF } from './permissions';
import { newPasswordSchema, passwordSchema, staffSchema } from './staff.schema';

/**
 * `changePassword`: the signed-in member of staff's own password. A wrong old password is WRONG_PASSWORD
 * (400, never 401: the session stays). Answers the staff member with `mustChangePassword: false`.
 */
export const changePasswordContract = defineAdminContract({
  name: 'changePassword',
  roles: ANY_STAFF,
  beforePasswordChange: true,
  audited: true,
  request: z
    .object({
      oldPassword: passwordSchema,
      newPassword: newPasswordSchema,
    })
    .refine((request) => request.newPassword !== request.oldPassword, {
      message: '新密码不能与原密码相同',
      path: ['newPassword'],
    }),
  response: z.object({ staff: staffSchema }),
});
