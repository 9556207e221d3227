/**
 * adminApi: the console's HTTP function. Each action's use case, by the name its contract
 * (`contracts/admin/`) gives it; `defineHttpFunction` authenticates the session, authorises the role,
 * parses, runs and audits.
 */
import type { adminApiContract } from '../../contracts/admin-api.contract';
import { adjustStock } from '../merchant/adjust-stock';
import { createPickupPoint } from '../merchant/create-pickup-point';
import { createProduct } from '../merchant/create-product';
import { deactivatePickupPoint } from '../merchant/deactivate-pickup-point';
import { getProduct } from '../merchant/get-product';
import { listMerchants } from '../merchant/list-merchants';
import { listProducts } from '../merchant/list-products';
import { reactivatePickupPoint } from '../merchant/reactivate-pickup-point';
import { searchPickupPoints } from '../merchant/search-pickup-points';
import { setProductStatus } from '../merchant/set-product-status';
import { updatePickupPoint } from '../merchant/update-pickup-point';
import { updateProduct } from '../merchant/update-product';
import { uploadProductImage } from '../merchant/upload-product-image';
import { listJobRuns } from '../jobs/list-job-runs';
import { listJobs } from '../jobs/list-jobs';
import { runJob } from '../jobs/run-job';
import { createActivity } from '../merchant/create-activity';
import { endActivity } from '../merchant/end-activity';
import { getActivityRules } from '../merchant/get-activity-rules';
import { listPickupPointChoices } from '../merchant/list-pickup-point-choices';
import { listSkuChoices } from '../merchant/list-sku-choices';
import { pauseActivity } from '../merchant/pause-activity';
import { setCommissionRule } from '../merchant/set-commission-rule';
import { previewActivity } from '../merchant/preview-activity';
import { publishActivity } from '../merchant/publish-activity';
import { resumeActivity } from '../merchant/resume-activity';
import { searchActivities } from '../merchant/search-activities';
import { updateActivity } from '../merchant/update-activity';
import { appendAudit } from '../repositories/audit.repository';
import type { HttpApi } from '../runtime/define-http-function';
import { changePassword } from '../staff/change-password';
import { listAuditLogs } from '../staff/list-audit-logs';
import { exportOrders } from '../ordering/export-orders';
import { getOrderDetail } from '../ordering/get-order-detail';
import { searchOrders } from '../ordering/search-orders';
import { listFlaggedRefunds } from '../payments/list-flagged-refunds';
import { refundOrder } from '../payments/refund-order';
import { retryRefund } from '../payments/retry-refund';
import { settleRefundOffline } from '../payments/settle-refund-offline';
import { createStaff } from '../staff/create-staff';
import { editStaff } from '../staff/edit-staff';
import { listStaff } from '../staff/list-staff';
import { resetStaffPassword } from '../staff/reset-staff-password';
import { setStaffStatus } from '../staff/set-staff-status';
import { staffLogin } from '../staff/staff-login';
import { staffLogout } from '../staff/staff-logout';
import { staffMe } from '../staff/staff-me';
import { authenticateSession } from '../staff/staff-sessions';
// The live monitor, groups and interventions (运营干预).
import { closeGroup } from '../groups/close-group';
import { completeGroup } from '../groups/complete-group';
import { extendGroupDeadline } from '../groups/extend-group-deadline';
import { getGroupDetail } from '../groups/get-group-detail';
import { searchGroups } from '../groups/search-groups';
import { getLiveMonitor } from '../monitor/get-live-monitor';
// Fulfilment: 待发货, picking, shipping, pickup batches and codes.
import { dispatchToPickupPoint } from '../fulfilment/dispatch-to-pickup-point';
import { getPickingSummary } from '../fulfilment/get-picking-summary';
import { importShipments } from '../fulfilment/import-shipments';
import { listOrdersToShip } from '../fulfilment/list-orders-to-ship';
import { listPickupBatches } from '../fulfilment/list-pickup-batches';
import { markBatchArrived } from '../fulfilment/mark-batch-arrived';
import { shipOrders } from '../fulfilment/ship-orders';
import { verifyPickup } from '../fulfilment/verify-pickup';
// After-sales (售后).
import { approveAfterSale } from '../after-sales/approve-after-sale';
import { confirmReturnReceived } from '../after-sales/confirm-return-received';
import { declineAfterSale } from '../after-sales/decline-after-sale';
import { getAfterSaleDetail } from '../after-sales/get-after-sale-detail';
import { searchAfterSales } from '../after-sales/search-after-sales';
import { shipReplacement } from '../after-sales/ship-replacement';
// 团长 applications.
import { approveLeaderApplication } from '../leader/approve-leader-application';
import { declineLeaderApplication } from '../leader/decline-leader-application';
import { getLeaderApplication } from '../leader/get-leader-application';
import { searchLeaderApplications } from '../leader/search-leader-applications';
import { approveWithdrawal } from '../leader/approve-withdrawal';
import { declineWithdrawal } from '../leader/decline-withdrawal';
import { retryWithdrawal } from '../leader/retry-withdrawal';
import { searchWithdrawals } from '../leader/search-withdrawals';
import { getLeaderDetail } from '../leader/get-leader-detail';
import { searchLeaders } from '../leader/search-leaders';

export const adminApi: HttpApi<(typeof adminApiContract)['actions']> = {
  useCases: {
    staffLogin,
    staffMe,
    changePassword,
    staffLogout,
    listAuditLogs,
    // The live monitor, groups and interventions (运营干预).
    getLiveMonitor,
    searchGroups,
    getGroupDetail,
    extendGroupDeadline,
    closeGroup,
    completeGroup,
    // Orders and refunds.
    searchOrders,
    getOrderDetail,
    exportOrders,
    refundOrder,
    listFlaggedRefunds,
    retryRefund,
    settleRefundOffline,
    // The catalogue: products and SKUs, merchants, pickup points.
    listProducts,
    getProduct,
    createProduct,
    updateProduct,
    setProductStatus,
    adjustStock,
    uploadProductImage,
    listMerchants,
    searchPickupPoints,
    createPickupPoint,
    updatePickupPoint,
    deactivatePickupPoint,
    reactivatePickupPoint,
    // 任务 (jobs)
    listJobs,
    listJobRuns,
    runJob,
    // 员工 (staff)
    listStaff,
    createStaff,
    editStaff,
    setStaffStatus,
    resetStaffPassword,
    // 拼团活动
    searchActivities,
    getActivityRules,
    listSkuChoices,
    listPickupPointChoices,
    createActivity,
    updateActivity,
    previewActivity,
    publishActivity,
    pauseActivity,
    setCommissionRule,
    resumeActivity,
    endActivity,
    // Fulfilment: 待发货, picking, shipping, pickup batches and codes.
    listOrdersToShip,
    getPickingSummary,
    shipOrders,
    importShipments,
    dispatchToPickupPoint,
    listPickupBatches,
    markBatchArrived,
    verifyPickup,
    // After-sales (售后).
    searchAfterSales,
    getAfterSaleDetail,
    approveAfterSale,
    declineAfterSale,
    confirmReturnReceived,
    shipReplacement,
    // 团长 applications (ops).
    searchLeaderApplications,
    getLeaderApplication,
    approveLeaderApplication,
    declineLeaderApplication,
    searchWithdrawals,
    approveWithdrawal,
    declineWithdrawal,
    retryWithdrawal,
    searchLeaders,
    getLeaderDetail,
  },
  authenticate: authenticateSession,
  writeAudit: appendAudit,
};
