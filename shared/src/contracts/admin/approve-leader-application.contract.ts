import { defineAdminContract } from './admin-contract';
import {
  leaderApplicationActionRequestSchema,
  leaderApplicationActionResponseSchema,
} from './leader-applications.schema';
import { OPS_ONLY } from './permissions';

/**
 * `approveLeaderApplication` (ops): the applicant becomes a 团长 running the point they chose, in one transaction
 * with the application, their leader document and the point (an existing point gets them as its keeper, a shop
 * becomes a new point). A point that got another keeper meanwhile is refused; the same `requestKey` again changes
 * nothing.
 */
export const approveLeaderApplicationContract = defineAdminContract({
  name: 'approveLeaderApplication',
  roles: OPS_ONLY,
  audited: true,
  request: leaderApplicationActionRequestSchema,
  response: leaderApplicationActionResponseSchema,
});
