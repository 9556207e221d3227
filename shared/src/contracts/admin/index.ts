/**
 * The console's actions (`POST <ADMIN_API_PREFIX>/<action>`), one contract file per action named after it,
 * and who may call them and see which page.
 */
import { changePasswordContract } from './change-password.contract';
import { closeGroupContract } from './close-group.contract';
import { completeGroupContract } from './complete-group.contract';
import { extendGroupDeadlineContract } from './extend-group-deadline.contract';
import { getGroupDetailContract } from './get-group-detail.contract';
import { getLiveMonitorContract } from './get-live-monitor.contract';
import { listAuditLogsContract } from './list-audit-logs.contract';
import { searchGroupsContract } from './search-groups.contract';
import { exportOrdersContract } from './export-orders.contract';
import { getOrderDetailContract } from './get-order-detail.contract';
import { listFlaggedRefundsContract } from './list-flagged-refunds.contract';
import { refundOrderContract } from './refund-order.contract';
import { retryRefundContract } from './retry-refund.contract';
import { searchOrdersContract } from './search-orders.contract';
import { settleRefundOfflineContract } from './settle-refund-offline.contract';
import { listJobRunsContract } from './list-job-runs.contract';
import { listJobsContract } from './list-jobs.contract';
import { runJobContract } from './run-job.contract';
import { createStaffContract } from './create-staff.contract';
import { editStaffContract } from './edit-staff.contract';
import { listStaffContract } from './list-staff.contract';
import { resetStaffPasswordContract } from './reset-staff-password.contract';
import { setStaffStatusContract } from './set-staff-status.contract';
import { staffLoginContract } from './staff-login.contract';
import { staffLogoutContract } from './staff-logout.contract';
import { staffMeContract } from './staff-me.contract';
import type { StaffRole } from './permissions';
// The catalogue: products and SKUs, merchants, pickup points.
import { adjustStockContract } from './adjust-stock.contract';
import { createPickupPointContract } from './create-pickup-point.contract';
import { createProductContract } from './create-product.contract';
import { deactivatePickupPointContract } from './deactivate-pickup-point.contract';
import { getProductContract } from './get-product.contract';
import { listMerchantsContract } from './list-merchants.contract';
import { listProductsContract } from './list-products.contract';
import { reactivatePickupPointContract } from './reactivate-pickup-point.contract';
import { searchPickupPointsContract } from './search-pickup-points.contract';
import { setProductStatusContract } from './set-product-status.contract';
import { updatePickupPointContract } from './update-pickup-point.contract';
import { updateProductContract } from './update-product.contract';
import { uploadProductImageContract } from './upload-product-image.contract';
// After-sales (售后).
import { approveAfterSaleContract } from './approve-after-sale.contract';
import { confirmReturnReceivedContract } from './confirm-return-received.contract';
import { declineAfterSaleContract } from './decline-after-sale.contract';
import { getAfterSaleDetailContract } from './get-after-sale-detail.contract';
import { searchAfterSalesContract } from './search-after-sales.contract';
import { shipReplacementContract } from './ship-replacement.contract';
// 拼团活动
import { createActivityContract } from './create-activity.contract';
import { endActivityContract } from './end-activity.contract';
import { getActivityRulesContract } from './get-activity-rules.contract';
import { listPickupPointChoicesContract } from './list-pickup-point-choices.contract';
import { listSkuChoicesContract } from './list-sku-choices.contract';
import { pauseActivityContract } from './pause-activity.contract';
import { previewActivityContract } from './preview-activity.contract';
import { publishActivityContract } from './publish-activity.contract';
import { resumeActivityContract } from './resume-activity.contract';
import { searchActivitiesContract } from './search-activities.contract';
import { setCommissionRuleContract } from './set-commission-rule.contract';
import { updateActivityContract } from './update-activity.contract';
// Fulfilment: 待发货, picking, shipping, pickup batches and codes.
import { dispatchToPickupPointContract } from './dispatch-to-pickup-point.contract';
import { getPickingSummaryContract } from './get-picking-summary.contract';
import { importShipmentsContract } from './import-shipments.contract';
import { listOrdersToShipContract } from './list-orders-to-ship.contract';
import { listPickupBatchesContract } from './list-pickup-batches.contract';
import { markBatchArrivedContract } from './mark-batch-arrived.contract';
import { shipOrdersContract } from './ship-orders.contract';
import { verifyPickupContract } from './verify-pickup.contract';
// 团长 applications.
import { approveLeaderApplicationContract } from './approve-leader-application.contract';
import { declineLeaderApplicationContract } from './decline-leader-application.contract';
import { getLeaderApplicationContract } from './get-leader-application.contract';
import { searchLeaderApplicationsContract } from './search-leader-applications.contract';
// 团长 withdrawals.
import { approveWithdrawalContract } from './approve-withdrawal.contract';
import { declineWithdrawalContract } from './decline-withdrawal.contract';
import { retryWithdrawalContract } from './retry-withdrawal.contract';
import { searchWithdrawalsContract } from './search-withdrawals.contract';
// Registered 团长 and their results.
import { getLeaderDetailContract } from './get-leader-detail.contract';
import { searchLeadersContract } from './search-leaders.contract';

export * from './admin-contract';
export * from './http';
export * from './permissions';
export * from './staff.schema';
export { changePasswordContract, staffLoginContract, staffLogoutContract, staffMeContract };
export * from './list-audit-logs.contract';
// The live monitor, groups and interventions (运营干预).
export * from './groups.schema';
export * from './get-live-monitor.contract';
export {
  closeGroupContract,
  completeGroupContract,
  extendGroupDeadlineContract,
  getGroupDetailContract,
  searchGroupsContract,
};
// Orders and refunds.
export * from './export-orders.contract';
export * from './get-order-detail.contract';
export * from './list-flagged-refunds.contract';
export * from './refund-order.contract';
export * from './retry-refund.contract';
export * from './search-orders.contract';
export * from './settle-refund-offline.contract';
// The catalogue.
export * from './adjust-stock.contract';
export * from './create-pickup-point.contract';
export * from './create-product.contract';
export * from './deactivate-pickup-point.contract';
export * from './get-product.contract';
export * from './list-merchants.contract';
export * from './list-products.contract';
export * from './pickup-point.schema';
export * from './product.schema';
export * from './reactivate-pickup-point.contract';
export * from './search-pickup-points.contract';
export * from './set-product-status.contract';
export * from './update-pickup-point.contract';
export * from './update-product.contract';
export * from './upload-product-image.contract';
// 任务 (jobs)
export * from './list-jobs.contract';
export * from './list-job-runs.contract';
export * from './run-job.contract';
// 员工 (staff)
export * from './staff-item.schema';
export * from './list-staff.contract';
export * from './create-staff.contract';
export * from './edit-staff.contract';
export * from './set-staff-status.contract';
export * from './reset-staff-password.contract';
// 拼团活动
export * from './activity.schema';
export {
  createActivityContract,
  endActivityContract,
  getActivityRulesContract,
  listPickupPointChoicesContract,
  listSkuChoicesContract,
  pauseActivityContract,
  previewActivityContract,
  publishActivityContract,
  resumeActivityContract,
  setCommissionRuleContract,
  searchActivitiesContract,
  updateActivityContract,
};
// Fulfilment.
export * from './fulfilment.schema';
export * from './get-picking-summary.contract';
export * from './import-shipments.contract';
export * from './list-pickup-batches.contract';
export * from './ship-orders.contract';
export * from './verify-pickup.contract';
export { dispatchToPickupPointContract, listOrdersToShipContract, markBatchArrivedContract };

// After-sales (售后).
export * from './after-sales.schema';
export {
  approveAfterSaleContract,
  confirmReturnReceivedContract,
  declineAfterSaleContract,
  getAfterSaleDetailContract,
  searchAfterSalesContract,
  shipReplacementContract,
};
// 团长 applications.
export * from './leader-applications.schema';
export * from './withdrawals.schema';
export * from './leaders.schema';
export type { PickupPointChoice } from './list-pickup-point-choices.contract';
export {
  approveLeaderApplicationContract,
  declineLeaderApplicationContract,
  getLeaderApplicationContract,
  searchLeaderApplicationsContract,
  approveWithdrawalContract,
  declineWithdrawalContract,
  retryWithdrawalContract,
  searchWithdrawalsContract,
  getLeaderDetailContract,
  searchLeadersContract,
};

/** Every action's contract, by action name: the console's `callAdmin` and the HTTP function's router use it. */
export const adminContracts = {
  staffLogin: staffLoginContract,
  staffMe: staffMeContract,
  changePassword: changePasswordContract,
  staffLogout: staffLogoutContract,
  listAuditLogs: listAuditLogsContract,
  // The live monitor, groups and interventions (运营干预).
  getLiveMonitor: getLiveMonitorContract,
  searchGroups: searchGroupsContract,
  getGroupDetail: getGroupDetailContract,
  extendGroupDeadline: extendGroupDeadlineContract,
  closeGroup: closeGroupContract,
  completeGroup: completeGroupContract,
  // Orders and refunds.
  searchOrders: searchOrdersContract,
  getOrderDetail: getOrderDetailContract,
  exportOrders: exportOrdersContract,
  refundOrder: refundOrderContract,
  listFlaggedRefunds: listFlaggedRefundsContract,
  retryRefund: retryRefundContract,
  settleRefundOffline: settleRefundOfflineContract,
  // The catalogue: products and SKUs (ops, merchant), merchants, pickup points (ops).
  listProducts: listProductsContract,
  getProduct: getProductContract,
  createProduct: createProductContract,
  updateProduct: updateProductContract,
  setProductStatus: setProductStatusContract,
  adjustStock: adjustStockContract,
  uploadProductImage: uploadProductImageContract,
  listMerchants: listMerchantsContract,
  searchPickupPoints: searchPickupPointsContract,
  createPickupPoint: createPickupPointContract,
  updatePickupPoint: updatePickupPointContract,
  deactivatePickupPoint: deactivatePickupPointContract,
  reactivatePickupPoint: reactivatePickupPointContract,
  // 任务 (jobs)
  listJobs: listJobsContract,
  listJobRuns: listJobRunsContract,
  runJob: runJobContract,
  // 员工 (staff)
  listStaff: listStaffContract,
  createStaff: createStaffContract,
  editStaff: editStaffContract,
  setStaffStatus: setStaffStatusContract,
  resetStaffPassword: resetStaffPasswordContract,
  // 拼团活动
  searchActivities: searchActivitiesContract,
  getActivityRules: getActivityRulesContract,
  listSkuChoices: listSkuChoicesContract,
  listPickupPointChoices: listPickupPointChoicesContract,
  createActivity: createActivityContract,
  updateActivity: updateActivityContract,
  previewActivity: previewActivityContract,
  publishActivity: publishActivityContract,
  pauseActivity: pauseActivityContract,
  resumeActivity: resumeActivityContract,
  endActivity: endActivityContract,
  setCommissionRule: setCommissionRuleContract,
  // Fulfilment: 待发货, picking, shipping, pickup batches and codes.
  listOrdersToShip: listOrdersToShipContract,
  getPickingSummary: getPickingSummaryContract,
  shipOrders: shipOrdersContract,
  importShipments: importShipmentsContract,
  dispatchToPickupPoint: dispatchToPickupPointContract,
  listPickupBatches: listPickupBatchesContract,
  markBatchArrived: markBatchArrivedContract,
  verifyPickup: verifyPickupContract,
  // After-sales (售后): merchants for their own, ops and customer service for all.
  searchAfterSales: searchAfterSalesContract,
  getAfterSaleDetail: getAfterSaleDetailContract,
  approveAfterSale: approveAfterSaleContract,
  declineAfterSale: declineAfterSaleContract,
  confirmReturnReceived: confirmReturnReceivedContract,
  shipReplacement: shipReplacementContract,
  // 团长 applications (ops).
  searchLeaderApplications: searchLeaderApplicationsContract,
  getLeaderApplication: getLeaderApplicationContract,
  approveLeaderApplication: approveLeaderApplicationContract,
  declineLeaderApplication: declineLeaderApplicationContract,
  searchWithdrawals: searchWithdrawalsContract,
  approveWithdrawal: approveWithdrawalContract,
  declineWithdrawal: declineWithdrawalContract,
  retryWithdrawal: retryWithdrawalContract,
  searchLeaders: searchLeadersContract,
  getLeaderDetail: getLeaderDetailContract,
} as const;

export type AdminAction = keyof typeof adminContracts;
export type AdminContractOf<A extends AdminAction> = (typeof adminContracts)[A];

export function isAdminAction(value: string): value is AdminAction {
  return Object.prototype.hasOwnProperty.call(adminContracts, value);
}

/** Whether a member of staff in `role` may call `action` (public actions: anyone, signed in or not). */
export function canCallAction(role: StaffRole, action: AdminAction): boolean {
  const { roles } = adminContracts[action];
  return roles === 'public' || roles.includes(role);
}
