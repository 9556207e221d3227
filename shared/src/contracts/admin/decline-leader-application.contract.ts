import { declineReasonSchema } from '../../domain/leader.schema';
import { defineAdminContract } from './admin-contract';
import {
  leaderApplicationActionRequestSchema,
  leaderApplicationActionResponseSchema,
} from './leader-applications.schema';
import { OPS_ONLY } from './permissions';

/** `declineLeaderApplication` (ops): refuses a waiting application, with the reason the applicant reads. */
export const declineLeaderApplicationContract = defineAdminContract({
  name: 'declineLeaderApplication',
  roles: OPS_ONLY,
  audited: true,
  request: leaderApplicationActionRequestSchema.extend({ reason: declineReasonSchema }),
  response: leaderApplicationActionResponseSchema,
});
