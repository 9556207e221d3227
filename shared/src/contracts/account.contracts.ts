/**
 * Contracts of the shopper's own account: login (who am I: the openid comes from the WeChat context,
 * there is no password), updateProfile (nickname and avatar others see, masked), listMyGroups.
 */
import { groupStatusSchema } from '../domain/group.machine';
import { roleSchema, userRefSchema } from '../domain/user.schema';
import { idSchema, instantSchema } from '../domain/common.schema';
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import { defineContract } from './contract';

/** A shopper's public share reference (defined with the user, where it is stored). */
export { userRefSchema };

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

export const updateProfileContract = defineContract({
  name: 'updateProfile',
  request: z.object({
    nickname: z.string().trim().min(1).max(32),
    /** What `<button open-type="chooseAvatar">` gave, once uploaded (a cloud:// file id or https URL). */
    avatarUrl: z
      .string()
      .max(512)
      .regex(/^(cloud|https):\/\//, 'a cloud:// or https:// URL')
      .optional(),
  }),
  response: z.object({ nickname: z.string(), avatarUrl: z.string() }),
});

export const listMyGroupsContract = defineContract({
  name: 'listMyGroups',
  /** The groups the shopper opened or holds a seat in, newest first. */
  request: z.object({
    limit: z.number().int().min(1).max(50).default(20),
    offset: z.number().int().min(0).max(1000).default(0),
  }),
  response: z.object({
    items: z.array(
      z.object({
        groupId: idSchema,
        activityId: idSchema,
        title: z.string(),
        image: z.string(),
        groupPrice: fenSchema,
        status: groupStatusSchema,
        role: z.enum(['leader', 'member']),
        size: z.number().int().min(2),
        seatsPaid: z.number().int().nonnegative(),
        seatsLeft: z.number().int().nonnegative(),
        deadlineAt: instantSchema,
        openedAt: instantSchema,
      }),
    ),
    hasMore: z.boolean(),
  }),
});
