import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { withdrawalActionRequestSchema, withdrawalActionResponseSchema } from './withdrawals.schema';

/**
 * `approveWithdrawal` (ops): a requested withdrawal goes to the payout queue (`payoutWithdrawals` asks WeChat for
 * it within about a minute). The same `requestKey` again changes nothing.
 */
export const approveWithdrawalContract = defineAdminContract({
  name: 'approveWithdrawal',
  roles: OPS_ONLY,
  audited: true,
  request: withdrawalActionRequestSchema,
  response: withdrawalActionResponseSchema,
});
