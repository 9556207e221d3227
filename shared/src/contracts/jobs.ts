/**
 * The timed jobs, by function name: what the console lists and may run, and what the API reference
 * documents. Its own module (not `index.ts`) so the console imports these contracts and no others.
 * A test holds it equal to the functions whose `config.json` has a timer, each with its contract's cron.
 */
import { closeUnpaidOrdersContract } from './close-unpaid-orders.contract';
import { completeOrdersContract } from './complete-orders.contract';
import { expireGroupsContract } from './expire-groups.contract';
import { reportShipmentsContract } from './report-shipments.contract';
import { payoutWithdrawalsContract } from './payout-withdrawals.contract';
import { processAfterSalesContract } from './process-after-sales.contract';
import { retryRefundsContract } from './retry-refunds.contract';
import { sendNotificationsContract } from './send-notifications.contract';
import { settleCommissionsContract } from './settle-commissions.contract';

export const jobContracts = {
  expireGroups: expireGroupsContract,
  closeUnpaidOrders: closeUnpaidOrdersContract,
  retryRefunds: retryRefundsContract,
  sendNotifications: sendNotificationsContract,
  reportShipments: reportShipmentsContract,
  completeOrders: completeOrdersContract,
  processAfterSales: processAfterSalesContract,
  settleCommissions: settleCommissionsContract,
  payoutWithdrawals: payoutWithdrawalsContract,
} as const;

export type JobName = keyof typeof jobContracts;

export const JOB_NAMES = Object.keys(jobContracts) as [JobName, ...JobName[]];

export function isJobName(value: string): value is JobName {
  return Object.prototype.hasOwnProperty.call(jobContracts, value);
}
