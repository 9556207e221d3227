import { openidSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { leaderDetailSchema } from './leaders.schema';
import { OPS_ONLY } from './permissions';

/**
 * `getLeaderDetail` (ops): one registered 团长, the point they run, and their results: groups opened and
 * succeeded, paid sales of those groups, commission by status and their balance (each summed by the database).
 * NOT_FOUND for anyone who is not a registered leader.
 */
export const getLeaderDetailContract = defineAdminContract({
  name: 'getLeaderDetail',
  roles: OPS_ONLY,
  request: z.object({ openid: openidSchema }),
  response: leaderDetailSchema,
});
