/**
 * What each step of an after-sales request writes, decided here so that the server only persists it: the new
 * status and its history entry, the fields the step sets, when the timed job looks at the request next
 * (`dueAt`), the messages it causes, and whether it ends the request (its order's `openAfterSaleId` is
 * cleared with it). The refund that an approval or a received return asks for follows the staff refund's rule
 * (`decideStaffRefund`): its own number from the order's refund count, never more than is left.
 */
import { fen, formatYuan } from '../kernel/money';
import {
  AFTER_SALE_REFUND_CHECK_MS,
  AFTER_SALE_TYPE_LABELS,
  type AfterSaleEvent,
  afterSaleMachine,
  type AfterSaleShopperAction,
  type AfterSaleStaffAction,
  type AfterSaleStatus,
  approvalEvent,
  RETURN_SEND_MS,
  returnReceivedEvent,
} from './after-sale.machine';
import {
  AFTER_SALE_REASON_LABELS,
  type AfterSale,
  type AfterSaleHistoryEntry,
  type AfterSaleParcel,
  type AfterSaleRefusal,
  type AfterSaleRequest,
  decideAfterSaleRequest,
} from './after-sale.schema';
import { type AfterSaleNotificationEvent, afterSaleOutboxEntry, type AfterSaleOutboxEntry } from './notification';
import { refundableLeft } from './order.machine';
import type { OrderActor } from './order.schema';
import { decideStaffRefund, type StaffRefundDecision } from './refund.schema';
import { AUTO_RECEIVE_AFTER_MS, CARRIERS } from './shipment.schema';

/** The fields a step may set besides its status. */
export type AfterSaleFields = Partial<
  Pick<
    AfterSale,
    'returnDeadlineAt' | 'returnParcel' | 'replacementParcel' | 'outRefundNo' | 'refundAmount' | 'declineReason'
  >
>;

/** One step of a request, as the repository writes it (with the status it leaves as the condition). */
export interface AfterSaleStep {
  readonly event: AfterSaleEvent;
  readonly from: AfterSaleStatus;
  readonly status: AfterSaleStatus;
  readonly set: AfterSaleFields;
  readonly entry: AfterSaleHistoryEntry;
  readonly messages: readonly AfterSaleOutboxEntry[];
  /** When the timed job looks at the request next; undefined: never again. */
  readonly dueAt: number | undefined;
  /** The request ends here: its order no longer has a request open. */
  readonly ends: boolean;
  readonly updatedAt: number;
  /** The console's key for the request that took this step. */
  readonly actionKey?: string | undefined;
}

export interface StepOptions {
  /** `shopper`, `system`, `cloudpay` or `staff:<account>`. */
  readonly by: string;
  readonly now: number;
  readonly note?: string | undefined;
  readonly set?: AfterSaleFields;
  /** No message: a refund approved before shipping, which the shopper has just asked for. */
  readonly silent?: boolean;
  readonly actionKey?: string | undefined;
}

/** The message each step causes, if any. */
const MESSAGES: Partial<Record<AfterSaleEvent, AfterSaleNotificationEvent>> = {
  refund_approved: 'after_sale_approved',
  return_approved: 'after_sale_approved',
  declined: 'after_sale_declined',
  refund_confirmed: 'after_sale_refunded',
  replacement_shipped: 'after_sale_replacement_shipped',
};

/** What a message adds to its one line: the refusal's reason, the return's deadline, the refund, the waybill. */
function messageNote(event: AfterSaleEvent, next: AfterSale): string | undefined {
  switch (event) {
    case 'declined':
      return next.declineReason;
    case 'return_approved':
      return '请在7天内寄回商品并填写运单号';
    case 'refund_confirmed':
      return next.refundAmount === undefined ? undefined : `${formatYuan(fen(next.refundAmount))}已原路退回`;
    case 'replacement_shipped':
      return next.replacementParcel
        ? `${CARRIERS[next.replacementParcel.carrier].name} ${next.replacementParcel.trackingNo}`
        : undefined;
    default:
      return undefined;
  }
}

/** Requests the timed job acts on, each at its `dueAt`. */
export const AFTER_SALE_TIMED_STATUSES: readonly AfterSaleStatus[] = [
  'pending_review',
  'awaiting_return',
  'refunding',
  'replacement_shipped',
];

/**
 * When the timed job should look at a request in its (new) status: the merchant's review deadline (approve),
 * the return's deadline (close), the replacement's automatic receipt, or a refund under way (check that its
 * completion moved the request). Undefined for every other status.
 */
export function afterSaleDueAt(afterSale: AfterSale, now: number): number | undefined {
  switch (afterSale.status) {
    case 'pending_review':
      return afterSale.reviewDeadlineAt;
    case 'awaiting_return':
      return afterSale.returnDeadlineAt;
    case 'refunding':
      return now + AFTER_SALE_REFUND_CHECK_MS;
    case 'replacement_shipped':
      return (afterSale.replacementParcel?.shippedAt ?? now) + AUTO_RECEIVE_AFTER_MS;
    default:
      return undefined;
  }
}

/** What the timed job does with a request that is due: approve it, close its return, receive its replacement, check its refund. */
export type DueAction = 'approve' | 'expire_return' | 'receive_replacement' | 'check_refund';

export function dueAction(afterSale: AfterSale, now: number): DueAction | undefined {
  if (afterSale.dueAt === undefined || afterSale.dueAt > now) return undefined;
  switch (afterSale.status) {
    case 'pending_review':
      return 'approve';
    case 'awaiting_return':
      return 'expire_return';
    case 'replacement_shipped':
      return 'receive_replacement';
    case 'refunding':
      return 'check_refund';
    default:
      return undefined;
  }
}

/**
 * The step `event` takes the request through, or a refusal when its status does not allow it. A return's
 * approval starts its 7 days; a step into a final status ends the request.
 */
export function stepAfterSale(
  afterSale: AfterSale,
  event: AfterSaleEvent,
  options: StepOptions,
): AfterSaleStep | 'AFTER_SALE_NOT_ACTIONABLE' {
  const status = afterSaleMachine.next(afterSale.status, event);
  if (status === undefined) return 'AFTER_SALE_NOT_ACTIONABLE';
  const { by, now, note } = options;
  const set: AfterSaleFields = {
    ...options.set,
    ...(event === 'return_approved' ? { returnDeadlineAt: now + RETURN_SEND_MS } : {}),
  };
  const next: AfterSale = { ...afterSale, ...set, status };
  const message = options.silent ? undefined : MESSAGES[event];
  return {
    event,
    from: afterSale.status,
    status,
    set,
    entry: { at: now, event, status, by, ...(note ? { note } : {}) },
    messages: message ? [afterSaleOutboxEntry(message, now, messageNote(event, next))] : [],
    dueAt: afterSaleDueAt(next, now),
    ends: afterSaleMachine.isFinal(status),
    updatedAt: now,
    ...(options.actionKey ? { actionKey: options.actionKey } : {}),
  };
}

/** The merchant's refusal, with the reason the shopper's message carries. */
export const declineStep = (afterSale: AfterSale, reason: string, options: StepOptions) =>
  stepAfterSale(afterSale, 'declined', { ...options, note: reason, set: { declineReason: reason } });

/** An exchange's replacement left, with its waybill (which the shopper's message carries). */
export const replacementShippedStep = (afterSale: AfterSale, parcel: AfterSaleParcel, options: StepOptions) =>
  stepAfterSale(afterSale, 'replacement_shipped', { ...options, set: { replacementParcel: parcel } });

/** The request as it stands after `step` (what the repository's update leaves in the database). */
export function applyStep(afterSale: AfterSale, step: AfterSaleStep): AfterSale {
  const outbox = [...(afterSale.outbox ?? []), ...step.messages];
  const { dueAt: _previous, ...rest } = afterSale;
  return {
    ...rest,
    ...step.set,
    status: step.status,
    updatedAt: step.updatedAt,
    history: [...afterSale.history, step.entry],
    ...(step.dueAt === undefined ? {} : { dueAt: step.dueAt }),
    ...(outbox.length > 0 ? { outbox, outboxPending: true } : {}),
    ...(step.actionKey ? { actionKeys: [...(afterSale.actionKeys ?? []), step.actionKey] } : {}),
  };
}

/** What a request's refund reads in the refund list and the order's timeline. */
export const afterSaleRefundReason = (afterSale: Pick<AfterSale, '_id' | 'type' | 'reason'>): string =>
  `售后退款 ${afterSale._id}（${AFTER_SALE_TYPE_LABELS[afterSale.type]}：${AFTER_SALE_REASON_LABELS[afterSale.reason]}）`;

/** The order fields a request's refund is decided on. */
export type RefundableOrder = Parameters<typeof decideStaffRefund>[0];

/** A refund step: the request's step, and the refund to record with it (none when nothing was left). */
export interface AfterSaleRefundStep {
  readonly step: AfterSaleStep;
  readonly refund?: StaffRefundDecision;
}

/**
 * The step that asks for the request's refund (a refund-only request approved, a return received): the
 * amount asked for, or what is left if staff refunded part of the order meanwhile, as a staff refund of the
 * order numbered by its refund count and keyed by the request. With nothing left (or an order no longer
 * refundable: refunded in full meanwhile), the request closes instead.
 */
export function refundStep(
  afterSale: AfterSale,
  order: RefundableOrder,
  event: 'refund_approved' | 'return_received_for_refund',
  options: StepOptions,
): AfterSaleRefundStep | 'AFTER_SALE_NOT_ACTIONABLE' {
  if (afterSaleMachine.next(afterSale.status, event) === undefined) return 'AFTER_SALE_NOT_ACTIONABLE';
  const left = refundableLeft(order);
  const amount = Math.min(afterSale.amount ?? left, left);
  const by = options.by as OrderActor;
  const refund =
    amount < 1
      ? undefined
      : decideStaffRefund(order, {
          amount,
          reason: afterSaleRefundReason(afterSale),
          requestKey: afterSale._id,
          by,
          now: options.now,
          afterSaleId: afterSale._id,
        });
  if (refund === undefined || typeof refund === 'string') {
    const closed = stepAfterSale(afterSale, 'nothing_to_refund', { ...options, note: '订单已无可退金额' });
    return typeof closed === 'string' ? closed : { step: closed };
  }
  const step = stepAfterSale(afterSale, event, {
    ...options,
    set: { ...options.set, outRefundNo: refund.refund.outRefundNo, refundAmount: refund.refund.amount },
  });
  return typeof step === 'string' ? step : { step, refund };
}

/** The merchant's approval (or the review deadline's): a refund-only request is refunded now, a return waits for the goods. */
export function approvalStep(
  afterSale: AfterSale,
  order: RefundableOrder,
  options: StepOptions,
): AfterSaleRefundStep | 'AFTER_SALE_NOT_ACTIONABLE' {
  const event = approvalEvent(afterSale.type);
  if (event === 'refund_approved') return refundStep(afterSale, order, event, options);
  const step = stepAfterSale(afterSale, event, options);
  return typeof step === 'string' ? step : { step };
}

/** The merchant has the returned goods: a return is refunded, an exchange waits for its replacement. */
export function returnReceivedStep(
  afterSale: AfterSale,
  order: RefundableOrder,
  options: StepOptions,
): AfterSaleRefundStep | 'AFTER_SALE_NOT_ACTIONABLE' {
  if (afterSale.type === 'refund_only') return 'AFTER_SALE_NOT_ACTIONABLE';
  const event = returnReceivedEvent(afterSale.type);
  if (event === 'return_received_for_refund') return refundStep(afterSale, order, event, options);
  const step = stepAfterSale(afterSale, event, options);
  return typeof step === 'string' ? step : { step };
}

/** A new request as written: waiting for review, or (before shipping) approved with its refund. */
export interface AfterSaleSubmission {
  readonly afterSale: AfterSale;
  readonly refund?: StaffRefundDecision;
}

/**
 * Decides a shopper's request (`decideAfterSaleRequest`); one made before shipping is approved at once by the
 * system, with its refund of everything that is left, and no message (the shopper has just asked).
 */
export function decideAfterSaleSubmission(
  order: Parameters<typeof decideAfterSaleRequest>[0] & RefundableOrder,
  request: AfterSaleRequest,
  now: number,
): AfterSaleSubmission | AfterSaleRefusal {
  const decided = decideAfterSaleRequest(order, request, now);
  if (typeof decided === 'string') return decided;
  if (!decided.approveNow) return { afterSale: decided.afterSale };
  const approved = approvalStep(decided.afterSale, order, {
    by: 'system',
    now,
    silent: true,
    note: '发货前申请仅退款，自动同意',
  });
  if (typeof approved === 'string' || !approved.refund) return 'AFTER_SALE_NOT_ALLOWED';
  return { afterSale: applyStep(decided.afterSale, approved.step), refund: approved.refund };
}

/** Whether the shopper may still enter the return's waybill: approved, and its 7 days not over. */
export const returnStillOpen = (afterSale: AfterSale, now: number): boolean =>
  afterSaleMachine.next(afterSale.status, 'return_sent') !== undefined && now < (afterSale.returnDeadlineAt ?? 0);

/** What staff may do with a request now, as the console offers it. */
export function staffActionsFor(afterSale: Pick<AfterSale, 'status' | 'type'>): AfterSaleStaffAction[] {
  const can = (event: AfterSaleEvent) => afterSaleMachine.next(afterSale.status, event) !== undefined;
  const actions: AfterSaleStaffAction[] = [];
  if (can(approvalEvent(afterSale.type))) actions.push('approve');
  if (can('declined')) actions.push('decline');
  if (afterSale.type !== 'refund_only' && can(returnReceivedEvent(afterSale.type))) actions.push('confirm_return');
  if (can('replacement_shipped')) actions.push('ship_replacement');
  return actions;
}

/** What the shopper may do with their request now, as the mini-program offers it. */
export function shopperActionsFor(afterSale: AfterSale, now: number): AfterSaleShopperAction[] {
  const actions: AfterSaleShopperAction[] = [];
  if (afterSaleMachine.next(afterSale.status, 'withdrawn') !== undefined) actions.push('withdraw');
  if (returnStillOpen(afterSale, now)) actions.push('submit_return');
  if (afterSaleMachine.next(afterSale.status, 'replacement_received') !== undefined)
    actions.push('confirm_replacement');
  return actions;
}
