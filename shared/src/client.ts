/**
 * The only module the mini-program imports from shared/. It is bundled by `npm run build:mp` into
 * `miniprogram/shared/client.js` and reached as `@shared/client` through app.json `resolveAlias`.
 * Nothing under `server/` may be reachable from here; from the domain, only names and labels the pages
 * show (types cost nothing in the bundle).
 */
export * from './contracts';
export * from './kernel';
export { DISTRICTS, type District } from './domain/common.schema';
export type { DeliveryRequest } from './domain/delivery.schema';
export type { GroupStatus } from './domain/group.machine';
export { ORDER_STATUS_LABELS, type OrderStatus } from './domain/order.machine';
export type { OrderRole } from './domain/order.schema';
export type { ParcelState, TrackEvent } from './domain/parcel-track';
export { CARRIERS, type CarrierCode, pickupCodeOfScan, pickupCodeOfTyped } from './domain/shipment.schema';
export {
  AFTER_SALE_OPEN_STATUSES,
  AFTER_SALE_TYPE_LABELS,
  MAX_AFTER_SALE_PHOTOS,
  type AfterSaleShopperAction,
  type AfterSaleStatus,
  type AfterSaleType,
} from './domain/after-sale.machine';
export { AFTER_SALE_REASON_LABELS, afterSalePhotoFolder, type AfterSaleReason } from './domain/after-sale.schema';
export type { RefundStatus } from './domain/refund.machine';
export { ORDER_TAB_LABELS, type OrderTab } from './domain/order-tab';
export { SUBSCRIBE_TEMPLATES } from './domain/notification';
export {
  CN_MOBILE,
  LEADER_POINT_CHOICE_LABELS,
  LEADER_TEXT_LIMITS,
  type LeaderPointChoice,
  type NewShop,
} from './domain/leader.schema';
export type { LeaderApplicationStatus } from './domain/leader-application.machine';
export { isInChongqing } from './domain/pickup-point.machine';
export { userRefSchema } from './domain/user.schema';
export {
  DASHBOARD_PERIOD_LABELS,
  DASHBOARD_PERIODS,
  type DashboardPeriod,
  FUNNEL_STAGE_LABELS,
  type FunnelStage,
  type ShareVisitStage,
} from './domain/share-funnel';
