import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { OPS_ONLY, staffRoleSchema } from './permissions';
import { staffItemSchema, staffStatusSchema } from './staff-item.schema';

/**
 * `listStaff` (ops only): staff accounts by account (a prefix), role and status, oldest first, a page at a
 * time; with every merchant's id and name, for the role-and-merchant form.
 */
export const listStaffContract = defineAdminContract({
  name: 'listStaff',
  roles: OPS_ONLY,
  request: z.object({
    account: z.string().trim().max(32).optional(),
    role: staffRoleSchema.optional(),
    status: staffStatusSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({
    items: z.array(staffItemSchema),
    hasMore: z.boolean(),
    merchants: z.array(z.object({ merchantId: idSchema, name: z.string() })),
  }),
});
