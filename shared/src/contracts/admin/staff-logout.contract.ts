import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { ANY_STAFF } from './permissions';

/** `staffLogout`: revokes the session the request carries. */
export const staffLogoutContract = defineAdminContract({
  name: 'staffLogout',
  roles: ANY_STAFF,
  beforePasswordChange: true,
  audited: true,
  request: z.object({}),
  response: z.object({}),
});
