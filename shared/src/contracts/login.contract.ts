/**
 * login: who am I. The openid comes from the WeChat context (there is no password); the first call creates the user.
 */
import { roleSchema, userRefSchema } from '../domain/user.schema';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

export const loginContract = defineContract({
  name: 'login',
  /** Creates the user on the first call; later calls change nothing. */
  request: z.object({}),
  response: z.object({
    openid: z.string().min(1),
    ref: userRefSchema,
    nickname: z.string(),
    avatarUrl: z.string(),
    roles: z.array(roleSchema),
    /** Never paid an order: what 新人团 (new-customer-only activities) require. */
    newCustomer: z.boolean(),
  }),
});
