/** Server-only entry: cloud functions import from here. Never reachable from `client.ts`. */
export * from './runtime';
export { buySolo } from './use-cases/buy-solo';
export { closeUnpaidOrders } from './use-cases/close-unpaid-orders';
export { expireGroups } from './use-cases/expire-groups';
export { getActivity } from './use-cases/get-activity';
export { getGroup } from './use-cases/get-group';
export { getOrder } from './use-cases/get-order';
export { joinGroup } from './use-cases/join-group';
export { listActivities } from './use-cases/list-activities';
export { listMyOrders } from './use-cases/list-my-orders';
export { openGroup } from './use-cases/open-group';
export { handlePayment, paymentNotificationSchema } from './use-cases/pay-callback';
export { ping } from './use-cases/ping';
export { handleRefund, refundNotificationSchema } from './use-cases/refund-callback';
export { retryRefunds } from './use-cases/retry-refunds';
export { sendNotifications } from './use-cases/send-notifications';
