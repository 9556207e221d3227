/**
 * What becomes of each order once the sale is over, planned up front from the seed like the crowd: whether
 * its shopper asks for their money back before it ships (racing the merchant's packing), whether customer
 * service refunds part of it (before shipping, or racing the request's own refund), how an express parcel
 * is received (confirmed, after a look at its track, by the job 10 days on, or not yet) and a pickup order
 * collected (once, scanned twice at once, or not yet), what after-sales the shopper asks for and how the
 * merchant answers, and how its after-sales window ends (still open, closed, or closing just as the shopper
 * asks). The play (`fulfilment.ts`, `after-sales.ts`) follows the plan as far as the orders' real fate lets
 * it: a request that lost its race is refused, and the rest of its plan comes to nothing.
 */
import type { AfterSaleType } from '../../shared/src/domain/after-sale.machine';
import type { AfterSaleReason } from '../../shared/src/domain/after-sale.schema';
import { seededRandom } from '../../emulator/src/sandbox/faults';

/** An express parcel's receipt. `left_to_job`: nobody confirms it and 10 days pass (the shipping date is moved). */
export type ReceiptPlan = 'confirm' | 'track_then_confirm' | 'left_to_job' | 'never';
/** A pickup order at its point: collected with its code, the code scanned twice at once, or not collected yet. */
export type CollectionPlan = 'collect' | 'scan_twice' | 'never';
/**
 * How the merchant answers a request: approves or declines it; leaves it until its 48 hours pass and the job
 * approves it (the deadline is moved); approves or declines it just as the job does; or approves it just as
 * the shopper withdraws it.
 */
export type ReviewPlan =
  'approve' | 'decline' | 'left_to_job' | 'approve_racing_job' | 'decline_racing_job' | 'approve_racing_withdrawal';
/**
 * How the request is sent: once; from two forms at once (two keys: one opens, the other is refused); or
 * tapped twice (one key: both answers are the same request).
 */
export type SubmissionPlan = 'once' | 'two_forms' | 'double_tap';
/** The after-sales window: still open at the end, closed (moved past), or closing just as the shopper asks. */
export type WindowPlan = 'open' | 'closes' | 'race';

export interface AfterSalePlan {
  readonly type: AfterSaleType;
  readonly reason: AfterSaleReason;
  /** For a refund: the share of what was paid asked back, or 1 for everything that is left. */
  readonly share: number;
  readonly submission: SubmissionPlan;
  readonly review: ReviewPlan;
  /** Returns and exchanges: the goods go back within the 7 days (else the deadline is moved past). */
  readonly returnSent: boolean;
  /** Exchanges: the shopper confirms the replacement (else 10 days pass and the job receives it). */
  readonly replacementConfirmed: boolean;
}

export interface OrderPlan {
  readonly orderId: string;
  readonly openid: string;
  readonly merchantId: string;
  readonly total: number;
  readonly delivery: 'address' | 'pickup';
  readonly pickupPointId?: string;
  /** A refund of everything asked before shipping, while the merchant ships; from two forms at once when `twice`. */
  readonly refundBeforeShipping?: { readonly twice: boolean };
  /** Customer service refunds this share of the order: while it waits to ship, or racing the request's own refund. */
  readonly staffRefund?: { readonly share: number; readonly when: 'before_shipping' | 'with_after_sale' };
  readonly receipt: ReceiptPlan;
  readonly collection: CollectionPlan;
  readonly afterSale?: AfterSalePlan;
  readonly window: WindowPlan;
}

/** An order waiting to ship when the sale is over, as the plan needs it. */
export interface OrderToFulfil {
  readonly _id: string;
  readonly openid: string;
  readonly merchantId: string;
  readonly total: number;
  readonly delivery: { readonly kind: 'address' | 'pickup'; readonly pickupPointId?: string };
}

/** Probabilities of what becomes of an order (each of the orders it applies to). */
export interface FulfilmentBehaviour {
  readonly refundBeforeShipping: number;
  /** Of those: from two forms at once. */
  readonly refundBeforeShippingTwice: number;
  readonly staffRefundBeforeShipping: number;
  /** Of the orders whose request asks for money: customer service refunds part of it at the same time. */
  readonly staffRefundWithAfterSale: number;
  readonly receipt: Readonly<Record<ReceiptPlan, number>>;
  readonly collection: Readonly<Record<CollectionPlan, number>>;
  readonly afterSale: number;
  readonly afterSaleTypes: Readonly<Record<'refund_partial' | 'refund_full' | AfterSaleType, number>>;
  readonly submission: Readonly<Record<SubmissionPlan, number>>;
  readonly review: Readonly<Record<ReviewPlan, number>>;
  readonly returnSent: number;
  readonly replacementConfirmed: number;
  readonly window: Readonly<Record<WindowPlan, number>>;
}

export const DEFAULT_FULFILMENT: FulfilmentBehaviour = {
  refundBeforeShipping: 0.06,
  refundBeforeShippingTwice: 0.3,
  staffRefundBeforeShipping: 0.03,
  staffRefundWithAfterSale: 0.25,
  receipt: { confirm: 0.6, track_then_confirm: 0.15, left_to_job: 0.1, never: 0.15 },
  collection: { collect: 0.75, scan_twice: 0.15, never: 0.1 },
  afterSale: 0.3,
  afterSaleTypes: { refund_partial: 0.3, refund_full: 0.1, refund_only: 0, return_refund: 0.3, exchange: 0.3 },
  submission: { once: 0.7, two_forms: 0.2, double_tap: 0.1 },
  review: {
    approve: 0.45,
    decline: 0.15,
    left_to_job: 0.15,
    approve_racing_job: 0.1,
    decline_racing_job: 0.05,
    approve_racing_withdrawal: 0.1,
  },
  returnSent: 0.85,
  replacementConfirmed: 0.7,
  window: { open: 0.35, closes: 0.5, race: 0.15 },
};

const REFUND_REASONS: readonly AfterSaleReason[] = ['missing_items', 'quality', 'damaged', 'not_as_described'];
const RETURN_REASONS: readonly AfterSaleReason[] = ['quality', 'wrong_item', 'not_as_described', 'no_longer_wanted'];

/** The orders' plans, in the order given (sort them first for a plan the seed alone decides). */
export function planFulfilment(
  orders: readonly OrderToFulfil[],
  seed: number,
  behaviour: FulfilmentBehaviour = DEFAULT_FULFILMENT,
): OrderPlan[] {
  const random = seededRandom(seed ^ 0x5f3759df);
  const chance = (p: number) => random() < p;
  const pickFrom = <K extends string>(weights: Readonly<Record<K, number>>): K => {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = random() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return (entries.at(-1) as [K, number])[0];
  };
  const oneOf = <T>(list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(random() * list.length))] as T;

  return orders.map((order): OrderPlan => {
    const refundBeforeShipping = chance(behaviour.refundBeforeShipping)
      ? { twice: chance(behaviour.refundBeforeShippingTwice) }
      : undefined;
    const staffBefore = chance(behaviour.staffRefundBeforeShipping);
    const receipt = pickFrom(behaviour.receipt);
    const collection = pickFrom(behaviour.collection);
    let afterSale: AfterSalePlan | undefined;
    if (chance(behaviour.afterSale)) {
      const kind = pickFrom(behaviour.afterSaleTypes);
      const type: AfterSaleType = kind === 'refund_partial' || kind === 'refund_full' ? 'refund_only' : kind;
      afterSale = {
        type,
        reason: oneOf(type === 'refund_only' ? REFUND_REASONS : RETURN_REASONS),
        share: kind === 'refund_partial' ? 0.1 + 0.6 * random() : 1,
        submission: pickFrom(behaviour.submission),
        review: pickFrom(behaviour.review),
        returnSent: chance(behaviour.returnSent),
        replacementConfirmed: chance(behaviour.replacementConfirmed),
      };
    }
    const staffShare = 0.1 + 0.5 * random();
    const staffWith =
      afterSale !== undefined && afterSale.type !== 'exchange' && chance(behaviour.staffRefundWithAfterSale);
    const staffRefund = staffBefore
      ? { share: staffShare, when: 'before_shipping' as const }
      : staffWith
        ? { share: staffShare, when: 'with_after_sale' as const }
        : undefined;
    return {
      orderId: order._id,
      openid: order.openid,
      merchantId: order.merchantId,
      total: order.total,
      delivery: order.delivery.kind,
      ...(order.delivery.pickupPointId ? { pickupPointId: order.delivery.pickupPointId } : {}),
      ...(refundBeforeShipping ? { refundBeforeShipping } : {}),
      ...(staffRefund ? { staffRefund } : {}),
      receipt,
      collection,
      ...(afterSale ? { afterSale } : {}),
      window: pickFrom(behaviour.window),
    };
  });
}

/** Deterministic "now and then" (a duplicate delivery, a second tap): about `share` of the keys. */
export const sometimes = (key: string, share: number): boolean => {
  let hash = 2166136261;
  for (const c of key) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  return hash % 1000 < share * 1000;
};

/** A share of an order's total in fen: at least 1, less than the whole. */
export const shareOf = (total: number, share: number): number =>
  Math.max(1, Math.min(total - 1, Math.floor(total * share)));
