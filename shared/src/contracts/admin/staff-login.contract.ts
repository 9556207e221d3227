import { instantSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { passwordSchema, sessionTokenSchema, staffAccountSchema, staffSchema } from './staff.schema';

/**
 * `staffLogin`: account and password for a session token. An unknown account and a wrong password get
 * the same answer (INVALID_CREDENTIALS, 401); repeated failures lock the account (ACCOUNT_LOCKED, 429).
 */
export const staffLoginContract = defineAdminContract({
  name: 'staffLogin',
  roles: 'public',
  audited: true,
  request: z.object({
    account: staffAccountSchema,
    password: passwordSchema,
  }),
  response: z.object({
    token: sessionTokenSchema,
    /** When the session ends if left idle (epoch ms); each call moves it on. */
    expiresAt: instantSchema,
    staff: staffSchema,
  }),
});
