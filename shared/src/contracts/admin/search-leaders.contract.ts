import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { consoleLeaderSchema } from './leaders.schema';
import { OPS_ONLY } from './permissions';

/**
 * `searchLeaders` (ops): registered 团长 by name (any part of it), mobile (its start) and the point they run,
 * newest approval first, a page at a time.
 */
export const searchLeadersContract = defineAdminContract({
  name: 'searchLeaders',
  roles: OPS_ONLY,
  request: z.object({
    name: z.string().trim().max(20).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\d{1,11}$/, '手机号只能是数字')
      .optional(),
    pickupPointId: idSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(consoleLeaderSchema), hasMore: z.boolean() }),
});
