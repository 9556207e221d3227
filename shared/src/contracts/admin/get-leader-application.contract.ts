import { idSchema } from '../../domain/common.schema';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { consoleLeaderApplicationSchema, leaderPointViewSchema } from './leader-applications.schema';
import { OPS_ONLY } from './permissions';

/**
 * `getLeaderApplication` (ops): one application, and the pickup point it names (an existing one as it is now, or
 * the point an approved shop became); null for a shop not yet approved.
 */
export const getLeaderApplicationContract = defineAdminContract({
  name: 'getLeaderApplication',
  roles: OPS_ONLY,
  request: z.object({ applicationId: idSchema }),
  response: z.object({ application: consoleLeaderApplicationSchema, pickupPoint: leaderPointViewSchema.nullable() }),
});
