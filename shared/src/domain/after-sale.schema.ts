/**
 * An after-sales request document (`after_sales`), and the rule that decides whether a shopper may open one:
 * which types an order's status allows, the window, one open request at a time, and never more money than
 * is left of what was paid.
 */
import { fenSchema } from '../kernel/money';
import * as z from '../kernel/zod';
import {
  AFTER_SALE_REVIEW_MS,
  AFTER_SALE_SUBMITTED_STATUS,
  afterSaleEventSchema,
  afterSaleStatusSchema,
  type AfterSaleType,
  afterSaleTypeSchema,
  MAX_AFTER_SALE_PHOTOS,
} from './after-sale.machine';
import { idSchema, instantSchema, openidSchema } from './common.schema';
import { afterSaleOutboxEntrySchema } from './notification';
import {
  AFTER_SALE_STATUSES,
  ORDER_DELIVERED_STATUSES,
  orderMachine,
  type OrderStatus,
  refundableLeft,
} from './order.machine';
import { expressShipmentSchema } from './shipment.schema';

export const afterSaleReasonSchema = z.enum([
  'not_received',
  'missing_items',
  'quality',
  'damaged',
  'wrong_item',
  'not_as_described',
  'no_longer_wanted',
]);
export type AfterSaleReason = z.infer<typeof afterSaleReasonSchema>;

export const AFTER_SALE_REASON_LABELS: Record<AfterSaleReason, string> = {
  not_received: '未收到货',
  missing_items: '少件/漏发',
  quality: '质量问题',
  damaged: '商品破损',
  wrong_item: '发错货',
  not_as_described: '与描述不符',
  no_longer_wanted: '不想要了',
};

/** Who moved a request: the shopper, the timed jobs (`system`), or a member of staff (`staff:<account>`). */
const afterSaleActorSchema = z.string().min(1).max(64);

export const afterSaleHistoryEntrySchema = z.object({
  at: instantSchema,
  event: z.union([z.literal('submitted'), afterSaleEventSchema]),
  status: afterSaleStatusSchema,
  by: afterSaleActorSchema,
  note: z.string().max(200).optional(),
});
export type AfterSaleHistoryEntry = z.infer<typeof afterSaleHistoryEntrySchema>;

/** A return's or a replacement's parcel: the carrier and waybill, and when it was sent. */
export const afterSaleParcelSchema = expressShipmentSchema.omit({ kind: true });
export type AfterSaleParcel = z.infer<typeof afterSaleParcelSchema>;

/** The console's key for one request (a dialog's submission): a repeat answers what the first did. */
export const actionKeySchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);

export const afterSaleSchema = z.object({
  _id: idSchema,
  orderId: idSchema,
  openid: openidSchema,
  merchantId: idSchema,
  /** The order's title: what lists and messages name. */
  title: z.string(),
  type: afterSaleTypeSchema,
  reason: afterSaleReasonSchema,
  description: z.string().max(500),
  /** Cloud storage file ids of the shopper's photos. */
  photos: z.array(z.string().min(1).max(512)).max(MAX_AFTER_SALE_PHOTOS),
  /** The refund asked for (fen); absent for an exchange. */
  amount: fenSchema.optional(),
  status: afterSaleStatusSchema,
  /** The mini-program's key for this submission: a repeated tap finds this request instead of a refusal. */
  requestKey: z.string().min(8).max(64),
  /** When the request is approved if the merchant has not answered. */
  reviewDeadlineAt: instantSchema,
  /** When an approved return closes if the shopper has not sent it. */
  returnDeadlineAt: instantSchema.optional(),
  returnParcel: afterSaleParcelSchema.optional(),
  replacementParcel: afterSaleParcelSchema.optional(),
  /** The refund this request asked for, once approved (its number in `refunds`). */
  outRefundNo: z.string().optional(),
  /** What that refund returns: the amount asked for, or what was left when staff refunded part meanwhile. */
  refundAmount: fenSchema.optional(),
  /** Why the merchant declined it. */
  declineReason: z.string().max(200).optional(),
  /**
   * When the timed job (processAfterSales) next looks at it: the review's or the return's deadline, the
   * replacement's automatic receipt, or a refund to check on. Absent once nothing is timed.
   */
  dueAt: instantSchema.optional(),
  /** The console's request keys already applied to it (`actionKeySchema`): a repeat changes nothing. */
  actionKeys: z.array(z.string()).optional(),
  /** Messages to the shopper its changes caused, waiting for sendNotifications. */
  outbox: z.array(afterSaleOutboxEntrySchema).optional(),
  /** Set while the outbox holds anything (the sender's index). */
  outboxPending: z.boolean().optional(),
  history: z.array(afterSaleHistoryEntrySchema),
  createdAt: instantSchema,
  updatedAt: instantSchema,
});
export type AfterSale = z.infer<typeof afterSaleSchema>;

/** What a shopper submits. */
export interface AfterSaleRequest {
  readonly type: AfterSaleType;
  readonly reason: AfterSaleReason;
  readonly description: string;
  readonly photos: readonly string[];
  /** For a refund, how much (fen); the whole of what is left when absent. */
  readonly amount?: number | undefined;
  readonly requestKey: string;
}

export type AfterSaleRefusal =
  'AFTER_SALE_NOT_ALLOWED' | 'AFTER_SALE_WINDOW_CLOSED' | 'AFTER_SALE_ALREADY_OPEN' | 'REFUND_EXCEEDS_PAID';

/** Where a shopper's photos for after-sales are uploaded (by the mini-program, under its own openid). */
export const afterSalePhotoFolder = (openid: string): string => `after-sales/${openid}/`;

/**
 * Whether a file id is a photo this shopper uploaded for after-sales in this environment:
 * `cloud://<env>.<bucket>/after-sales/<openid>/<name>.<jpg|jpeg|png|webp|gif>`.
 */
export function isOwnAfterSalePhoto(fileId: string, env: string, openid: string): boolean {
  const match = /^cloud:\/\/([^./]+)\.[^/]+\/(.+)$/.exec(fileId);
  if (!match || match[1] !== env || env === '') return false;
  const folder = afterSalePhotoFolder(openid);
  const path = match[2] ?? '';
  return path.startsWith(folder) && /^[A-Za-z0-9_-]{1,100}\.(jpe?g|png|webp|gif)$/i.test(path.slice(folder.length));
}

/** The first photo a request may not carry (another's, another environment's, a repeat), or undefined. */
export function refusedAfterSalePhoto(photos: readonly string[], env: string, openid: string): string | undefined {
  const seen = new Set<string>();
  for (const photo of photos) {
    if (seen.has(photo) || !isOwnAfterSalePhoto(photo, env, openid)) return photo;
    seen.add(photo);
  }
  return undefined;
}

/** The types of request an order's status allows: before shipping only a refund, which cancels the order. */
export function afterSaleTypesFor(status: OrderStatus): readonly AfterSaleType[] {
  if (!AFTER_SALE_STATUSES.includes(status)) return [];
  if (status === AFTER_SALE_STATUSES[0]) return ['refund_only'];
  if (!ORDER_DELIVERED_STATUSES.includes(status)) return ['refund_only', 'return_refund'];
  return afterSaleTypeSchema.options;
}

/**
 * What 申请售后 may ask for on the order now: nothing while a request is open, once the window has closed,
 * or before the order is paid and kept; no refund once nothing is left to refund.
 */
export function afterSaleTypesOffered(
  order: {
    readonly status: OrderStatus;
    readonly total: number;
    readonly refundedAmount?: number | undefined;
    readonly afterSaleEndsAt?: number | undefined;
    readonly openAfterSaleId?: string | undefined;
  },
  now: number,
): readonly AfterSaleType[] {
  if (order.openAfterSaleId) return [];
  if (ORDER_DELIVERED_STATUSES.includes(order.status) && !(now < (order.afterSaleEndsAt ?? 0))) return [];
  const left = refundableLeft(order);
  return afterSaleTypesFor(order.status).filter((type) => type === 'exchange' || left > 0);
}

/** The id of an order's `seq`-th request: deterministic, so a repeated submission is a duplicate key. */
export const afterSaleIdFor = (orderId: string, seq: number): string => `AS${orderId}-${seq}`.slice(0, 64);

export interface AfterSaleDecision {
  readonly afterSale: AfterSale;
  /** A refund asked for before shipping is approved at once: the order has not left the merchant. */
  readonly approveNow: boolean;
}

/**
 * Decides a shopper's request on an order: the type must suit the order's status, a delivered order's window
 * must still be open, no other request may be open, and a refund never asks for more than is left.
 */
export function decideAfterSaleRequest(
  order: {
    readonly _id: string;
    readonly openid: string;
    readonly merchantId: string;
    readonly title: string;
    readonly status: OrderStatus;
    readonly total: number;
    readonly refundedAmount?: number | undefined;
    readonly afterSaleEndsAt?: number | undefined;
    readonly openAfterSaleId?: string | undefined;
    readonly afterSaleCount?: number | undefined;
  },
  request: AfterSaleRequest,
  now: number,
): AfterSaleDecision | AfterSaleRefusal {
  if (order.openAfterSaleId) return 'AFTER_SALE_ALREADY_OPEN';
  if (order.status === orderMachine.transition('window_closed').to) return 'AFTER_SALE_WINDOW_CLOSED';
  const allowed = afterSaleTypesFor(order.status);
  if (ORDER_DELIVERED_STATUSES.includes(order.status) && !(now < (order.afterSaleEndsAt ?? 0)))
    return 'AFTER_SALE_WINDOW_CLOSED';
  if (!allowed.includes(request.type)) return 'AFTER_SALE_NOT_ALLOWED';
  const left = refundableLeft(order);
  const beforeShipping = order.status === AFTER_SALE_STATUSES[0];
  let amount: number | undefined;
  if (request.type !== 'exchange') {
    amount = beforeShipping ? left : (request.amount ?? left);
    if (amount < 1 || amount > left) return 'REFUND_EXCEEDS_PAID';
  }
  const afterSale: AfterSale = {
    _id: afterSaleIdFor(order._id, (order.afterSaleCount ?? 0) + 1),
    orderId: order._id,
    openid: order.openid,
    merchantId: order.merchantId,
    title: order.title,
    type: request.type,
    reason: request.reason,
    description: request.description,
    photos: [...request.photos],
    ...(amount === undefined ? {} : { amount: fenSchema.parse(amount) }),
    status: AFTER_SALE_SUBMITTED_STATUS,
    requestKey: request.requestKey,
    reviewDeadlineAt: now + AFTER_SALE_REVIEW_MS,
    dueAt: now + AFTER_SALE_REVIEW_MS,
    history: [{ at: now, event: 'submitted', status: AFTER_SALE_SUBMITTED_STATUS, by: 'shopper' }],
    createdAt: now,
    updatedAt: now,
  };
  return { afterSale, approveNow: beforeShipping };
}
