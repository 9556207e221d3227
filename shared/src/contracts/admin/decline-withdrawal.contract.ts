import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { withdrawalActionResponseSchema, withdrawalDeclineRequestSchema } from './withdrawals.schema';

/**
 * `declineWithdrawal` (ops): refuses a requested withdrawal with the reason the leader reads; its amount is back in
 * their balance. The same `requestKey` again changes nothing.
 */
export const declineWithdrawalContract = defineAdminContract({
  name: 'declineWithdrawal',
  roles: OPS_ONLY,
  audited: true,
  request: withdrawalDeclineRequestSchema,
  response: withdrawalActionResponseSchema,
});
