/**
 * Every cloud function's contract, one file per function named after it (`join-group.contract.ts`).
 * `contracts` (the callable ones) types the mini-program's `services/cloud.ts`; the job and callback
 * contracts describe what ops and the payment platform send.
 */
import { applyForLeaderContract } from './apply-for-leader.contract';
import { buySoloContract } from './buy-solo.contract';
import { confirmReceiptContract } from './confirm-receipt.contract';
import { confirmReplacementReceivedContract } from './confirm-replacement-received.contract';
import { getAfterSaleContract } from './get-after-sale.contract';
import { getActivityContract } from './get-activity.contract';
import { getGroupContract } from './get-group.contract';
import { getMyEarningsContract } from './get-my-earnings.contract';
import { getLeaderDashboardContract } from './get-leader-dashboard.contract';
import { getMyLeaderApplicationContract } from './get-my-leader-application.contract';
import { listMyWithdrawalsContract } from './list-my-withdrawals.contract';
import { getPickupDeskContract } from './get-pickup-desk.contract';
import { getOrderContract } from './get-order.contract';
import { getOrderTrackContract } from './get-order-track.contract';
import { getShareCodeContract } from './get-share-code.contract';
import { joinGroupContract } from './join-group.contract';
import { listActivitiesContract } from './list-activities.contract';
import { listGroupsContract } from './list-groups.contract';
import { listLeaderActivitiesContract } from './list-leader-activities.contract';
import { listLeaderGroupsContract } from './list-leader-groups.contract';
import { listMyAfterSalesContract } from './list-my-after-sales.contract';
import { listMyGroupsContract } from './list-my-groups.contract';
import { listMyOrdersContract } from './list-my-orders.contract';
import { listPickupPointsContract } from './list-pickup-points.contract';
import { loginContract } from './login.contract';
import { openGroupContract } from './open-group.contract';
import { payCallbackContract } from './pay-callback.contract';
import { payOrderContract } from './pay-order.contract';
import { pingContract } from './ping.contract';
import { recordShareVisitContract } from './record-share-visit.contract';
import { refundCallbackContract } from './refund-callback.contract';
import { requestAfterSaleContract } from './request-after-sale.contract';
import { requestWithdrawalContract } from './request-withdrawal.contract';
import { retractLeaderApplicationContract } from './retract-leader-application.contract';
import { submitReturnParcelContract } from './submit-return-parcel.contract';
import { transferCallbackContract } from './transfer-callback.contract';
import { updateProfileContract } from './update-profile.contract';
import { verifyPickupAtPointContract } from './verify-pickup-at-point.contract';
import { withdrawAfterSaleContract } from './withdraw-after-sale.contract';

export * from './common.schema';
export * from './contract';
export * from './routes';
export * from './buy-solo.contract';
export * from './close-unpaid-orders.contract';
export * from './complete-orders.contract';
export * from './confirm-receipt.contract';
export * from './expire-groups.contract';
export * from './get-activity.contract';
export * from './get-group.contract';
export * from './get-order.contract';
export * from './get-order-track.contract';
export * from './get-share-code.contract';
export * from './join-group.contract';
export * from './list-activities.contract';
export * from './list-groups.contract';
export * from './list-my-groups.contract';
export * from './list-my-orders.contract';
export * from './list-pickup-points.contract';
export * from './login.contract';
export * from './open-group.contract';
export * from './pay-callback.contract';
export * from './pay-order.contract';
export * from './ping.contract';
export * from './refund-callback.contract';
export * from './report-shipments.contract';
export * from './retry-refunds.contract';
export * from './send-notifications.contract';
export * from './update-profile.contract';
// After-sales (售后).
export * from './after-sale-view.schema';
export * from './confirm-replacement-received.contract';
export * from './get-after-sale.contract';
export * from './list-my-after-sales.contract';
export * from './process-after-sales.contract';
export * from './request-after-sale.contract';
export * from './submit-return-parcel.contract';
export * from './withdraw-after-sale.contract';
// 团长 (leaders).
export * from './apply-for-leader.contract';
export * from './get-my-leader-application.contract';
export * from './get-pickup-desk.contract';
export * from './leader-application-view.schema';
export * from './list-leader-groups.contract';
export * from './retract-leader-application.contract';
export * from './list-my-withdrawals.contract';
export * from './request-withdrawal.contract';
export * from './withdrawal-view.schema';
export * from './get-leader-dashboard.contract';
export * from './list-leader-activities.contract';
export * from './record-share-visit.contract';
export * from './verify-pickup-at-point.contract';

/** Every callable function's contract, by function name: `services/cloud.ts` is typed from this map. */
export const contracts = {
  ping: pingContract,
  openGroup: openGroupContract,
  joinGroup: joinGroupContract,
  buySolo: buySoloContract,
  payOrder: payOrderContract,
  getGroup: getGroupContract,
  getActivity: getActivityContract,
  listActivities: listActivitiesContract,
  listMyOrders: listMyOrdersContract,
  getOrder: getOrderContract,
  getOrderTrack: getOrderTrackContract,
  listGroups: listGroupsContract,
  listPickupPoints: listPickupPointsContract,
  login: loginContract,
  updateProfile: updateProfileContract,
  listMyGroups: listMyGroupsContract,
  getShareCode: getShareCodeContract,
  confirmReceipt: confirmReceiptContract,
  // After-sales (售后).
  requestAfterSale: requestAfterSaleContract,
  getAfterSale: getAfterSaleContract,
  listMyAfterSales: listMyAfterSalesContract,
  withdrawAfterSale: withdrawAfterSaleContract,
  submitReturnParcel: submitReturnParcelContract,
  confirmReplacementReceived: confirmReplacementReceivedContract,
  // 团长 (leaders).
  applyForLeader: applyForLeaderContract,
  getMyLeaderApplication: getMyLeaderApplicationContract,
  retractLeaderApplication: retractLeaderApplicationContract,
  getMyEarnings: getMyEarningsContract,
  requestWithdrawal: requestWithdrawalContract,
  listMyWithdrawals: listMyWithdrawalsContract,
  getLeaderDashboard: getLeaderDashboardContract,
  listLeaderActivities: listLeaderActivitiesContract,
  recordShareVisit: recordShareVisitContract,
  // 团长中心: the pickup desk, its 核销, and 团员管理.
  getPickupDesk: getPickupDeskContract,
  verifyPickupAtPoint: verifyPickupAtPointContract,
  listLeaderGroups: listLeaderGroupsContract,
} as const;

export type FunctionName = keyof typeof contracts;

/** The timed jobs, by function name. */
export { jobContracts, type JobName, JOB_NAMES, isJobName } from './jobs';

/** The payment platform's callbacks, by function name. */
export const callbackContracts = {
  payCallback: payCallbackContract,
  refundCallback: refundCallbackContract,
} as const;

/** WeChat Pay's notifications over HTTP (API v3), by function name. */
export const notifyContracts = {
  transferCallback: transferCallbackContract,
} as const;
