/** Server-only entry: cloud functions import from here. Never reachable from `client.ts`. */
export * from './runtime';
export { buySolo } from './use-cases/buy-solo';
export { joinGroup } from './use-cases/join-group';
export { openGroup } from './use-cases/open-group';
export { handlePayment, paymentNotificationSchema } from './use-cases/pay-callback';
export { ping } from './use-cases/ping';
export { handleRefund, refundNotificationSchema } from './use-cases/refund-callback';
