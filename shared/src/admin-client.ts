/**
 * The only module the web console (`admin/`) imports from shared/, as `@shared/admin-client`. Like
 * `client.ts` for the mini-program: nothing under `server/` may be reachable from here, and zod comes
 * only through the contracts (configured by kernel/zod).
 */
export * from './contracts/admin';
export { adminContractLoaders } from './contracts/admin/contract-loaders';
export { type Envelope, envelopeSchema, failure, success } from './kernel/envelope';
export { ERROR_CODES, ERROR_MESSAGES, type ErrorCode, isErrorCode, userMessage } from './kernel/errors';
export * as money from './kernel/money';
export { ORDER_STATUS_LABELS, type OrderStatus } from './domain/order.machine';
export { DISTRICTS, type District } from './domain/common.schema';
export {
  COMMISSION_BASE_LABELS,
  type CommissionRule,
  commissionRuleRefusal,
  commissionRuleSchema,
} from './domain/commission.schema';
export type { Fen } from './kernel/money';
