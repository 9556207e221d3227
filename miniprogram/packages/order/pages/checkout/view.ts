/**
 * What the checkout shows and whether it may pay: the item and its unit price for the mode (开团, 参团 or
 * 单独购买), the quantity's bounds, the delivery choice, the estimated total (the server computes the real
 * one) and the pay button with the reason it is disabled. Pure: the current time is passed in.
 */
import {
  type DeliveryRequest,
  type Envelope,
  type ErrorCode,
  type getActivityContract,
  type getGroupContract,
  money,
  type PickupPointCard,
  type ResponseOf,
} from '@shared/client';
import type { AddressDelivery } from '../../../../services/addresses';
import type { PayOutcome } from '../../../../services/payment';
import { distanceText, maskPhone, priceText } from '../../../../utils/format';
import { type CheckoutTarget, groupPageUrl, orderDetailUrl } from '../../../../utils/routes';

export type { CheckoutTarget };

export type ActivityData = ResponseOf<typeof getActivityContract>;
export type GroupData = ResponseOf<typeof getGroupContract>;

export type DeliveryKind = 'pickup' | 'address';

export interface CheckoutState {
  readonly target: CheckoutTarget;
  readonly activity: ActivityData;
  /** The group joined (`join` only). */
  readonly group?: GroupData;
  readonly quantity: number;
  readonly deliveryKind: DeliveryKind;
  readonly pickupPoints: readonly PickupPointCard[];
  /** Whether the pickup points are sorted by distance from the shopper (location allowed). */
  readonly located: boolean;
  /** Why the pickup points could not be loaded, or ''. */
  readonly pickupError: string;
  readonly pickupPointId: string;
  readonly addresses: readonly AddressDelivery[];
  /** The chosen saved address, or -1. */
  readonly addressIndex: number;
  readonly submitting: boolean;
}

/** A pickup point as the checkout offers it (a 社区团's may be known by its name alone). */
export type OfferedPoint = Pick<PickupPointCard, 'pickupPointId' | 'name' | 'address' | 'distanceMeters'>;

export interface Choice {
  readonly value: string;
  readonly label: string;
  readonly content: string;
}

export interface CheckoutView {
  readonly state: 'ready';
  readonly message: '';
  readonly item: { readonly title: string; readonly spec: string; readonly image: string };
  readonly priceLabel: string;
  readonly unitPrice: number;
  /** The solo price a group price beats, struck through; 0 for a solo purchase. */
  readonly originPrice: number;
  readonly quantity: number;
  readonly minQuantity: number;
  readonly maxQuantity: number;
  /** `每人限2件 · 仅剩3件`. */
  readonly limitText: string;
  readonly deliveryKind: DeliveryKind;
  /** 社区团: collected at its point only, so neither 快递到家 nor another point is offered. */
  readonly pickupOnly: boolean;
  /** `社区团 · 仅限到该自提点取货`, or ''. */
  readonly pickupOnlyText: string;
  readonly pickupChoices: readonly Choice[];
  readonly pickupPointId: string;
  readonly pickupNotice: string;
  readonly pickupError: string;
  readonly addressChoices: readonly Choice[];
  readonly addressValue: string;
  /** The chosen delivery in one line, or ''. */
  readonly deliveryText: string;
  readonly total: number;
  readonly pay: { readonly disabled: boolean; readonly loading: boolean; readonly text: string };
  /** Why the shopper cannot pay yet, or ''. */
  readonly reason: string;
}

/** The checkout before the item is loaded, or when it could not be. */
export interface CheckoutStateView {
  readonly state: 'loading' | 'error' | 'empty';
  readonly message: string;
}

export const loadingView: CheckoutStateView = { state: 'loading', message: '' };

const LOW_STOCK = 10;
export const PAY_CANCELLED = '已取消支付，可在订单中继续支付';

/** The checkout's options: `mode=open|solo&activityId=X` or `mode=join&groupId=X`; null if neither. */
export function checkoutTarget(options: {
  readonly mode?: string;
  readonly activityId?: string;
  readonly groupId?: string;
}): CheckoutTarget | null {
  if ((options.mode === 'open' || options.mode === 'solo') && options.activityId) {
    return { mode: options.mode, activityId: options.activityId };
  }
  if (options.mode === 'join' && options.groupId) return { mode: 'join', groupId: options.groupId };
  return null;
}

/** What a failed load shows: an item that is gone is empty, anything else can be retried. */
export function loadFailureView(error: { readonly code: ErrorCode; readonly message: string }): CheckoutStateView {
  return { state: error.code === 'NOT_FOUND' ? 'empty' : 'error', message: error.message };
}

/** The pickup points as loaded: the nearest is chosen when they are sorted by the shopper's location. */
export function withPickupPoints(
  pickup: Envelope<{ readonly items: readonly PickupPointCard[] }>,
  located: boolean,
): Pick<CheckoutState, 'pickupPoints' | 'located' | 'pickupError' | 'pickupPointId'> {
  const pickupPoints = pickup.ok ? pickup.data.items : [];
  return {
    pickupPoints,
    located,
    pickupError: pickup.ok ? '' : pickup.error.message,
    pickupPointId: located ? (pickupPoints[0]?.pickupPointId ?? '') : '',
  };
}

/**
 * A 社区团's point, where every group order of it is collected: the joined group's (as it opened), else the
 * activity's. None for a solo purchase, which no scope limits. As listed, with its address and distance, when the
 * pickup list has it; else as the answer names it.
 */
export function scopedPoint(
  state: Pick<CheckoutState, 'target' | 'activity' | 'group' | 'pickupPoints'>,
): OfferedPoint | undefined {
  if (state.target.mode === 'solo') return undefined;
  const named = state.group?.pickupPoint ?? state.activity.pickupPoint;
  const pointId =
    named?.pickupPointId ?? (state.activity.scope?.kind === 'pickup_point' ? state.activity.scope.pickupPointId : '');
  if (!pointId) return undefined;
  const listed = state.pickupPoints.find((p) => p.pickupPointId === pointId);
  return listed ?? { pickupPointId: pointId, name: named?.name ?? '社区团指定自提点', address: '' };
}

/** The checkout as it opens: one item, pickup first (a 社区团's point chosen), the last address ready for 快递到家. */
export function startCheckout(loaded: {
  readonly target: CheckoutTarget;
  readonly activity: ActivityData;
  readonly group?: GroupData;
  readonly pickup: Envelope<{ readonly items: readonly PickupPointCard[] }>;
  readonly located: boolean;
  readonly addresses: readonly AddressDelivery[];
}): CheckoutState {
  const state: CheckoutState = {
    target: loaded.target,
    activity: loaded.activity,
    ...(loaded.group ? { group: loaded.group } : {}),
    quantity: 1,
    deliveryKind: 'pickup',
    ...withPickupPoints(loaded.pickup, loaded.located),
    addresses: loaded.addresses,
    addressIndex: loaded.addresses.length > 0 ? 0 : -1,
    submitting: false,
  };
  const only = scopedPoint(state);
  return only ? { ...state, pickupPointId: only.pickupPointId } : state;
}

/** How many may be bought in one order: at most the per-order limit and the stock left, at least 1. */
export function quantityBounds(activity: Pick<ActivityData, 'perOrderLimit' | 'stockLeft'>): {
  min: number;
  max: number;
} {
  return { min: 1, max: Math.max(1, Math.min(activity.perOrderLimit, activity.stockLeft)) };
}

/** The unit price shown: the group's, the leader's when opening (if offered), or the solo price. */
export function unitPrice(state: Pick<CheckoutState, 'target' | 'activity' | 'group'>): {
  amount: number;
  label: string;
  origin: number;
} {
  const { activity } = state;
  switch (state.target.mode) {
    case 'solo':
      return { amount: activity.soloPrice, label: '单独购买价', origin: 0 };
    case 'open':
      return activity.leaderPrice !== undefined
        ? { amount: activity.leaderPrice, label: '团长价', origin: activity.soloPrice }
        : { amount: activity.groupPrice, label: '拼团价', origin: activity.soloPrice };
    case 'join':
      return {
        amount: state.group?.groupPrice ?? activity.groupPrice,
        label: '拼团价',
        origin: state.group?.soloPrice ?? activity.soloPrice,
      };
  }
}

/** The delivery the order would be sent with, if one is chosen: a 社区团's point whatever else was tapped. */
export function chosenDelivery(
  state: Pick<
    CheckoutState,
    'target' | 'activity' | 'group' | 'deliveryKind' | 'pickupPoints' | 'pickupPointId' | 'addresses' | 'addressIndex'
  >,
): DeliveryRequest | undefined {
  const only = scopedPoint(state);
  if (only) return { kind: 'pickup', pickupPointId: only.pickupPointId };
  if (state.deliveryKind === 'address') return state.addresses[state.addressIndex];
  const point = state.pickupPoints.find((p) => p.pickupPointId === state.pickupPointId);
  return point ? { kind: 'pickup', pickupPointId: point.pickupPointId } : undefined;
}

/** One line for a delivery: `自提：解放碑便民驿站（渝中区民权路 28 号）` or `张三 138****8000 渝中区…`. */
export function deliveryText(delivery: DeliveryRequest, pickupPoints: readonly OfferedPoint[]): string {
  if (delivery.kind === 'address') {
    return `${delivery.name} ${maskPhone(delivery.phone)} ${delivery.district}${delivery.detail}`;
  }
  const point = pickupPoints.find((p) => p.pickupPointId === delivery.pickupPointId);
  if (!point) return '';
  return point.address ? `自提：${point.name}（${point.address}）` : `自提：${point.name}`;
}

/** Whether the shopper may pay now, or the reason the button says instead. */
export function canPay(state: CheckoutState, now: number): { ok: true } | { ok: false; reason: string } {
  const { activity } = state;
  if (state.target.mode !== 'solo') {
    if (now < activity.startAt) return { ok: false, reason: '活动尚未开始' };
    if (!activity.onSale || now >= activity.endAt) return { ok: false, reason: '活动已结束' };
  }
  if (state.group && !state.group.joinable) return { ok: false, reason: '该团已满员或已结束' };
  if (activity.stockLeft < state.quantity) return { ok: false, reason: '库存不足' };
  if (!chosenDelivery(state)) return { ok: false, reason: '请选择收货方式' };
  return { ok: true };
}

export function checkoutView(state: CheckoutState, now: number): CheckoutView {
  const { activity, group } = state;
  const price = unitPrice(state);
  const bounds = quantityBounds(activity);
  const total = money.times(money.fen(price.amount), state.quantity);
  const payable = canPay(state, now);
  const delivery = chosenDelivery(state);
  const only = scopedPoint(state);
  const offered = only ? [only] : state.pickupPoints;
  const limits = [
    state.target.mode === 'solo' ? '' : `每人限${activity.perUserLimit}件`,
    activity.stockLeft > 0 && activity.stockLeft <= LOW_STOCK ? `仅剩${activity.stockLeft}件` : '',
  ];
  return {
    state: 'ready',
    message: '',
    item: group
      ? { title: group.title, spec: group.spec, image: group.image }
      : { title: activity.title, spec: activity.sku.spec, image: activity.product.images[0] ?? '' },
    priceLabel: price.label,
    unitPrice: price.amount,
    originPrice: price.origin,
    quantity: state.quantity,
    minQuantity: bounds.min,
    maxQuantity: bounds.max,
    limitText: limits.filter(Boolean).join(' · '),
    deliveryKind: only ? 'pickup' : state.deliveryKind,
    pickupOnly: only !== undefined,
    pickupOnlyText: only ? '社区团 · 仅限到该自提点取货' : '',
    pickupChoices: offered.map((point) => ({
      value: point.pickupPointId,
      label: point.name,
      content:
        point.distanceMeters === undefined ? point.address : `${point.address} · ${distanceText(point.distanceMeters)}`,
    })),
    pickupPointId: only ? only.pickupPointId : state.pickupPointId,
    pickupNotice: state.located || only ? '' : '按区县排列；开启定位，看离你最近的自提点',
    pickupError: state.pickupError,
    addressChoices: state.addresses.map((address, i) => ({
      value: String(i),
      label: `${address.name} ${maskPhone(address.phone)}`,
      content: `${address.district}${address.detail}`,
    })),
    addressValue: state.addressIndex >= 0 ? String(state.addressIndex) : '',
    deliveryText: delivery ? deliveryText(delivery, offered) : '',
    total,
    pay: {
      disabled: !payable.ok || state.submitting,
      loading: state.submitting,
      text: state.submitting ? '正在支付…' : `立即支付 ${priceText(total)}`,
    },
    reason: payable.ok ? '' : payable.reason,
  };
}

/** The message for an order the server refused: its own Chinese message, with the limit when one was hit. */
export function orderErrorText(
  error: { readonly code: ErrorCode; readonly message: string },
  activity: Pick<ActivityData, 'perUserLimit'>,
): string {
  return error.code === 'LIMIT_EXCEEDED' ? `${error.message}，每人限${activity.perUserLimit}件` : error.message;
}

/**
 * Where the shopper goes once WeChat Pay answered: a paid group order to its group, a paid solo order to
 * its detail; an unpaid order (cancelled or failed) to its detail, where it can be paid again.
 */
export function afterPay(
  target: CheckoutTarget,
  outcome: PayOutcome,
  placed: { readonly orderId: string; readonly groupId?: string },
): { toast: string; url: string } {
  const detail = orderDetailUrl(placed.orderId);
  if (outcome === 'cancelled') return { toast: PAY_CANCELLED, url: detail };
  if (outcome === 'failed') return { toast: '支付没有成功，可在订单中重新支付', url: detail };
  const groupId = target.mode === 'join' ? target.groupId : placed.groupId;
  return { toast: '', url: groupId ? groupPageUrl(groupId) : detail };
}
