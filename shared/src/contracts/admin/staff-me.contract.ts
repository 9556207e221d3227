import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { ANY_STAFF } from './permissions';
import { staffSchema } from './staff.schema';

/** `staffMe`: who the session belongs to now (role, merchant, whether the password must be changed). */
export const staffMeContract = defineAdminContract({
  name: 'staffMe',
  roles: ANY_STAFF,
  beforePasswordChange: true,
  request: z.object({}),
  response: z.object({ staff: staffSchema }),
});
