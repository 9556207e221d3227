/**
 * An after-sales request (售后) from the shopper's submission to its end. It is its own aggregate: the order
 * only remembers which request is open (`openAfterSaleId`), so there is at most one at a time.
 *
 * - 仅退款 (`refund_only`): approved (by the merchant, by 48 hours of silence, or at once before shipping),
 *   then refunded through the refund pipeline.
 * - 退货退款 (`return_refund`): approved, the shopper sends the goods back (carrier and number), the merchant
 *   confirms receipt, then refunded. A return not sent within 7 days of approval closes the request.
 * - 换货 (`exchange`): approved and returned the same way, then the merchant ships a replacement, which the
 *   shopper receives.
 */
import * as z from '../kernel/zod';
import { defineMachine } from './machine';

export const afterSaleTypeSchema = z.enum(['refund_only', 'return_refund', 'exchange']);
export type AfterSaleType = z.infer<typeof afterSaleTypeSchema>;

export const AFTER_SALE_TYPE_LABELS: Record<AfterSaleType, string> = {
  refund_only: '仅退款',
  return_refund: '退货退款',
  exchange: '换货',
};

export const afterSaleStatusSchema = z.enum([
  'pending_review',
  'awaiting_return',
  'returning',
  'refunding',
  'awaiting_replacement',
  'replacement_shipped',
  'refunded',
  'exchanged',
  'declined',
  'closed',
]);
export type AfterSaleStatus = z.infer<typeof afterSaleStatusSchema>;

export const afterSaleEventSchema = z.enum([
  /** Approved a refund-only request: the refund is recorded with the approval. */
  'refund_approved',
  /** Approved a return or an exchange: the shopper is asked to send the goods back. */
  'return_approved',
  'declined',
  /** The shopper entered the return's carrier and waybill number. */
  'return_sent',
  /** The return was not sent within its deadline. */
  'return_expired',
  /** The shopper withdrew the request before anything was sent. */
  'withdrawn',
  /** The merchant has the returned goods: a return is refunded now. */
  'return_received_for_refund',
  /** The merchant has the returned goods: an exchange waits for its replacement. */
  'return_received_for_exchange',
  'replacement_shipped',
  /** The shopper received the replacement, or nobody said otherwise for 10 days after it shipped. */
  'replacement_received',
  /** The refund's money is back with the shopper. */
  'refund_confirmed',
  /**
   * Nothing is left to refund when the refund would be asked for (staff refunded the order meanwhile): the
   * request closes instead.
   */
  'nothing_to_refund',
]);
export type AfterSaleEvent = z.infer<typeof afterSaleEventSchema>;

export const afterSaleMachine = defineMachine<AfterSaleStatus, AfterSaleEvent>('afterSale', {
  pending_review: {
    refund_approved: 'refunding',
    return_approved: 'awaiting_return',
    declined: 'declined',
    withdrawn: 'closed',
    nothing_to_refund: 'closed',
  },
  awaiting_return: { return_sent: 'returning', return_expired: 'closed', withdrawn: 'closed' },
  returning: {
    return_received_for_refund: 'refunding',
    return_received_for_exchange: 'awaiting_replacement',
    nothing_to_refund: 'closed',
  },
  refunding: { refund_confirmed: 'refunded' },
  awaiting_replacement: { replacement_shipped: 'replacement_shipped' },
  replacement_shipped: { replacement_received: 'exchanged' },
  refunded: {},
  exchanged: {},
  declined: {},
  closed: {},
});

export const AFTER_SALE_STATUS_LABELS: Record<AfterSaleStatus, string> = {
  pending_review: '待商家处理',
  awaiting_return: '待寄回商品',
  returning: '商品寄回中',
  refunding: '退款中',
  awaiting_replacement: '待商家换货',
  replacement_shipped: '换货已发出',
  refunded: '已退款',
  exchanged: '换货完成',
  declined: '商家已拒绝',
  closed: '已关闭',
};

/** A new request starts here, unless it is approved at once (a refund before shipping). */
export const AFTER_SALE_SUBMITTED_STATUS: AfterSaleStatus = 'pending_review';

/** Requests still under way: their order counts one open request. */
export const AFTER_SALE_OPEN_STATUSES: readonly AfterSaleStatus[] = afterSaleMachine.states.filter(
  (status) => !afterSaleMachine.isFinal(status),
);

/** The event that approves a request of this type. */
export const approvalEvent = (type: AfterSaleType): 'refund_approved' | 'return_approved' =>
  type === 'refund_only' ? 'refund_approved' : 'return_approved';

/** The event that follows the merchant's receipt of returned goods. */
export const returnReceivedEvent = (
  type: Exclude<AfterSaleType, 'refund_only'>,
): 'return_received_for_refund' | 'return_received_for_exchange' =>
  type === 'return_refund' ? 'return_received_for_refund' : 'return_received_for_exchange';

/** A request the merchant does not answer within this time is approved (timed job). */
export const AFTER_SALE_REVIEW_MS = 48 * 3_600_000;

/** An approved return must be sent back within this time, or the request closes. */
export const RETURN_SEND_MS = 7 * 24 * 3_600_000;

/** A request's photos: at most this many. */
export const MAX_AFTER_SALE_PHOTOS = 6;

/**
 * A request whose refund is under way is looked at again this long after, and every this long until the
 * refund is done: its completion normally moves it (refundCallback, retryRefunds), this catches a completion
 * cut short.
 */
export const AFTER_SALE_REFUND_CHECK_MS = 30 * 60_000;

/** What staff may do with a request, as the console offers it (`staffActionsFor` says when). */
export const afterSaleStaffActionSchema = z.enum(['approve', 'decline', 'confirm_return', 'ship_replacement']);
export type AfterSaleStaffAction = z.infer<typeof afterSaleStaffActionSchema>;

/** What the shopper may do with their request, as the mini-program offers it (`shopperActionsFor` says when). */
export const afterSaleShopperActionSchema = z.enum(['withdraw', 'submit_return', 'confirm_replacement']);
export type AfterSaleShopperAction = z.infer<typeof afterSaleShopperActionSchema>;
