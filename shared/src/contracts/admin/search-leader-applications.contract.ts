import { leaderApplicationStatusSchema } from '../../domain/leader-application.machine';
import * as z from '../../kernel/zod';
import { defineAdminContract } from './admin-contract';
import { consoleLeaderApplicationSchema } from './leader-applications.schema';
import { OPS_ONLY } from './permissions';

/** `searchLeaderApplications` (ops): 团长 applications, of one status or all, newest first, a page at a time. */
export const searchLeaderApplicationsContract = defineAdminContract({
  name: 'searchLeaderApplications',
  roles: OPS_ONLY,
  request: z.object({
    status: leaderApplicationStatusSchema.optional(),
    limit: z.number().int().min(1).max(100).default(20),
    offset: z.number().int().min(0).max(10_000).default(0),
  }),
  response: z.object({ items: z.array(consoleLeaderApplicationSchema), hasMore: z.boolean() }),
});
