/**
 * Each console action's contract, loaded when it is first called: the console's client takes them from
 * here rather than from `adminContracts`, so the first download carries the contracts of signing in and of
 * the account's own actions only, and each page's actions (with the schemas and domain rules they use)
 * come in their own chunks with the page that calls them. The table is typed against `adminContracts`, so
 * an action added there without a loader here, or a loader answering another action's contract, does not
 * compile; admin-contracts.test.ts checks that each loads the very contract the server routes by.
 */
import type { AdminAction, AdminContractOf } from '.';
import { changePasswordContract } from './change-password.contract';
import { staffLoginContract } from './staff-login.contract';
import { staffLogoutContract } from './staff-logout.contract';
import { staffMeContract } from './staff-me.contract';

export type AdminContractLoaders = { readonly [A in AdminAction]: () => Promise<AdminContractOf<A>> };

export const adminContractLoaders: AdminContractLoaders = {
  staffLogin: async () => staffLoginContract,
  staffMe: async () => staffMeContract,
  changePassword: async () => changePasswordContract,
  staffLogout: async () => staffLogoutContract,
  listAuditLogs: () => import('./list-audit-logs.contract').then((m) => m.listAuditLogsContract),
  getLiveMonitor: () => import('./get-live-monitor.contract').then((m) => m.getLiveMonitorContract),
  searchGroups: () => import('./search-groups.contract').then((m) => m.searchGroupsContract),
  getGroupDetail: () => import('./get-group-detail.contract').then((m) => m.getGroupDetailContract),
  extendGroupDeadline: () => import('./extend-group-deadline.contract').then((m) => m.extendGroupDeadlineContract),
  closeGroup: () => import('./close-group.contract').then((m) => m.closeGroupContract),
  completeGroup: () => import('./complete-group.contract').then((m) => m.completeGroupContract),
  searchOrders: () => import('./search-orders.contract').then((m) => m.searchOrdersContract),
  getOrderDetail: () => import('./get-order-detail.contract').then((m) => m.getOrderDetailContract),
  exportOrders: () => import('./export-orders.contract').then((m) => m.exportOrdersContract),
  refundOrder: () => import('./refund-order.contract').then((m) => m.refundOrderContract),
  listFlaggedRefunds: () => import('./list-flagged-refunds.contract').then((m) => m.listFlaggedRefundsContract),
  retryRefund: () => import('./retry-refund.contract').then((m) => m.retryRefundContract),
  settleRefundOffline: () => import('./settle-refund-offline.contract').then((m) => m.settleRefundOfflineContract),
  listProducts: () => import('./list-products.contract').then((m) => m.listProductsContract),
  getProduct: () => import('./get-product.contract').then((m) => m.getProductContract),
  createProduct: () => import('./create-product.contract').then((m) => m.createProductContract),
  updateProduct: () => import('./update-product.contract').then((m) => m.updateProductContract),
  setProductStatus: () => import('./set-product-status.contract').then((m) => m.setProductStatusContract),
  adjustStock: () => import('./adjust-stock.contract').then((m) => m.adjustStockContract),
  uploadProductImage: () => import('./upload-product-image.contract').then((m) => m.uploadProductImageContract),
  listMerchants: () => import('./list-merchants.contract').then((m) => m.listMerchantsContract),
  searchPickupPoints: () => import('./search-pickup-points.contract').then((m) => m.searchPickupPointsContract),
  createPickupPoint: () => import('./create-pickup-point.contract').then((m) => m.createPickupPointContract),
  updatePickupPoint: () => import('./update-pickup-point.contract').then((m) => m.updatePickupPointContract),
  deactivatePickupPoint: () =>
    import('./deactivate-pickup-point.contract').then((m) => m.deactivatePickupPointContract),
  reactivatePickupPoint: () =>
    import('./reactivate-pickup-point.contract').then((m) => m.reactivatePickupPointContract),
  listJobs: () => import('./list-jobs.contract').then((m) => m.listJobsContract),
  listJobRuns: () => import('./list-job-runs.contract').then((m) => m.listJobRunsContract),
  runJob: () => import('./run-job.contract').then((m) => m.runJobContract),
  listStaff: () => import('./list-staff.contract').then((m) => m.listStaffContract),
  createStaff: () => import('./create-staff.contract').then((m) => m.createStaffContract),
  editStaff: () => import('./edit-staff.contract').then((m) => m.editStaffContract),
  setStaffStatus: () => import('./set-staff-status.contract').then((m) => m.setStaffStatusContract),
  resetStaffPassword: () => import('./reset-staff-password.contract').then((m) => m.resetStaffPasswordContract),
  searchActivities: () => import('./search-activities.contract').then((m) => m.searchActivitiesContract),
  getActivityRules: () => import('./get-activity-rules.contract').then((m) => m.getActivityRulesContract),
  listSkuChoices: () => import('./list-sku-choices.contract').then((m) => m.listSkuChoicesContract),
  listPickupPointChoices: () =>
    import('./list-pickup-point-choices.contract').then((m) => m.listPickupPointChoicesContract),
  createActivity: () => import('./create-activity.contract').then((m) => m.createActivityContract),
  updateActivity: () => import('./update-activity.contract').then((m) => m.updateActivityContract),
  previewActivity: () => import('./preview-activity.contract').then((m) => m.previewActivityContract),
  publishActivity: () => import('./publish-activity.contract').then((m) => m.publishActivityContract),
  pauseActivity: () => import('./pause-activity.contract').then((m) => m.pauseActivityContract),
  setCommissionRule: () => import('./set-commission-rule.contract').then((m) => m.setCommissionRuleContract),
  resumeActivity: () => import('./resume-activity.contract').then((m) => m.resumeActivityContract),
  endActivity: () => import('./end-activity.contract').then((m) => m.endActivityContract),
  listOrdersToShip: () => import('./list-orders-to-ship.contract').then((m) => m.listOrdersToShipContract),
  getPickingSummary: () => import('./get-picking-summary.contract').then((m) => m.getPickingSummaryContract),
  shipOrders: () => import('./ship-orders.contract').then((m) => m.shipOrdersContract),
  importShipments: () => import('./import-shipments.contract').then((m) => m.importShipmentsContract),
  dispatchToPickupPoint: () =>
    import('./dispatch-to-pickup-point.contract').then((m) => m.dispatchToPickupPointContract),
  listPickupBatches: () => import('./list-pickup-batches.contract').then((m) => m.listPickupBatchesContract),
  markBatchArrived: () => import('./mark-batch-arrived.contract').then((m) => m.markBatchArrivedContract),
  verifyPickup: () => import('./verify-pickup.contract').then((m) => m.verifyPickupContract),
  searchAfterSales: () => import('./search-after-sales.contract').then((m) => m.searchAfterSalesContract),
  getAfterSaleDetail: () => import('./get-after-sale-detail.contract').then((m) => m.getAfterSaleDetailContract),
  approveAfterSale: () => import('./approve-after-sale.contract').then((m) => m.approveAfterSaleContract),
  declineAfterSale: () => import('./decline-after-sale.contract').then((m) => m.declineAfterSaleContract),
  confirmReturnReceived: () =>
    import('./confirm-return-received.contract').then((m) => m.confirmReturnReceivedContract),
  shipReplacement: () => import('./ship-replacement.contract').then((m) => m.shipReplacementContract),
  searchLeaderApplications: () =>
    import('./search-leader-applications.contract').then((m) => m.searchLeaderApplicationsContract),
  getLeaderApplication: () => import('./get-leader-application.contract').then((m) => m.getLeaderApplicationContract),
  approveLeaderApplication: () =>
    import('./approve-leader-application.contract').then((m) => m.approveLeaderApplicationContract),
  declineLeaderApplication: () =>
    import('./decline-leader-application.contract').then((m) => m.declineLeaderApplicationContract),
  searchWithdrawals: () => import('./search-withdrawals.contract').then((m) => m.searchWithdrawalsContract),
  approveWithdrawal: () => import('./approve-withdrawal.contract').then((m) => m.approveWithdrawalContract),
  declineWithdrawal: () => import('./decline-withdrawal.contract').then((m) => m.declineWithdrawalContract),
  retryWithdrawal: () => import('./retry-withdrawal.contract').then((m) => m.retryWithdrawalContract),
  searchLeaders: () => import('./search-leaders.contract').then((m) => m.searchLeadersContract),
  getLeaderDetail: () => import('./get-leader-detail.contract').then((m) => m.getLeaderDetailContract),
};
