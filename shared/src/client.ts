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
export type { CarrierCode } from './domain/shipment.schema';
export type { RefundStatus } from './domain/refund.machine';
export { ORDER_TAB_LABELS, type OrderTab } from './domain/order-tab';
export { SUBSCRIBE_TEMPLATES } from './domain/notification';
