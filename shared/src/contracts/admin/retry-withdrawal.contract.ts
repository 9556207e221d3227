import { defineAdminContract } from './admin-contract';
import { OPS_ONLY } from './permissions';
import { withdrawalActionRequestSchema, withdrawalActionResponseSchema } from './withdrawals.schema';

/**
 * `retryWithdrawal` (ops): a withdrawal flagged after repeated transfer failures goes back to the payout queue, once
 * what WeChat refused is fixed, under the same bill number (WeChat never pays it twice). The same `requestKey`
 * again changes nothing.
 */
export const retryWithdrawalContract = defineAdminContract({
  name: 'retryWithdrawal',
  roles: OPS_ONLY,
  audited: true,
  request: withdrawalActionRequestSchema,
  response: withdrawalActionResponseSchema,
});
