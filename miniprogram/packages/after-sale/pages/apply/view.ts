/**
 * What 申请售后 shows and sends: the order it is for, the types getOrder offers now (before shipping only a refund
 * of everything, approved at once), the reason, a description, the amount for a refund (the whole by default,
 * less for a partial refund), up to 6 photos, and the request with the form's own key, so a repeated tap or a
 * retry after a lost answer is the same request.
 */
import {
  AFTER_SALE_REASON_LABELS,
  AFTER_SALE_TYPE_LABELS,
  type AfterSaleReason,
  type AfterSaleType,
  type Envelope,
  type getOrderContract,
  MAX_AFTER_SALE_PHOTOS,
  type RequestOf,
  type requestAfterSaleContract,
  type ResponseOf,
} from '@shared/client';
import { afterSaleTypeOptions } from '../../../../utils/after-sales';
import { priceText, yuanText, yuanToFen } from '../../../../utils/format';

type Order = ResponseOf<typeof getOrderContract>;

/** The order as the form needs it. */
export interface ApplyOrder {
  readonly orderId: string;
  readonly title: string;
  readonly specText: string;
  readonly total: number;
  readonly types: AfterSaleType[];
  /** Not shipped yet: the refund is the whole of it and needs no amount. */
  readonly beforeShipping: boolean;
}

export type ApplyState =
  | { readonly state: 'error' | 'empty'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly order: ApplyOrder };

/** The empty state's text: the order allows no request now (one is open, the window closed...). */
export const NOTHING_TO_APPLY = '该订单当前不能申请售后';

/** The form for getOrder's answer: the types it offers now (`afterSaleTypes`), or why there is no form. */
export function applyOrderLoaded(answer: Envelope<Order>): ApplyState {
  if (!answer.ok) return { state: 'error', message: answer.error.message };
  const order = answer.data;
  const types = [...order.afterSaleTypes];
  if (types.length === 0) return { state: 'empty', message: NOTHING_TO_APPLY };
  return {
    state: 'ready',
    message: '',
    order: {
      orderId: order.orderId,
      title: order.title,
      specText: `${order.spec} × ${order.quantity}`,
      total: order.total,
      types,
      beforeShipping: order.status === 'to_ship',
    },
  };
}

/** A photo chosen and stored: its temp file (shown) and its cloud file id (sent). */
export interface Photo {
  readonly path: string;
  readonly fileId: string;
}

export interface ApplyForm {
  readonly type: AfterSaleType;
  readonly reason: AfterSaleReason | '';
  readonly description: string;
  /** The refund in yuan as typed (`119.70`). */
  readonly amountText: string;
  readonly photos: readonly Photo[];
}

export const REASON_OPTIONS = (Object.keys(AFTER_SALE_REASON_LABELS) as AfterSaleReason[]).map((value) => ({
  value,
  label: AFTER_SALE_REASON_LABELS[value],
}));

export const DESCRIPTION_MAX = 500;

export { yuanText, yuanToFen };

/** The form as the order starts it: its first type, the whole amount, nothing else yet. */
export function initialForm(order: ApplyOrder): ApplyForm {
  return {
    type: order.types[0] ?? 'refund_only',
    reason: '',
    description: '',
    amountText: yuanText(order.total),
    photos: [],
  };
}

export interface ApplyFormView {
  readonly typeOptions: { readonly value: AfterSaleType; readonly label: string }[];
  readonly typeLabel: string;
  /** A refund after shipping: the amount may be less than the whole. */
  readonly showAmount: boolean;
  readonly amountHint: string;
  /** Under the type: what happens next with this type. */
  readonly typeNote: string;
  readonly photosLeft: number;
  readonly canAddPhoto: boolean;
}

const TYPE_NOTES: Record<AfterSaleType, string> = {
  refund_only: '商家同意后退款原路退回',
  return_refund: '商家同意后请寄回商品，商家收货后退款',
  exchange: '商家同意后请寄回商品，商家收货后发出换货',
};

export function applyFormView(order: ApplyOrder, form: ApplyForm): ApplyFormView {
  const photosLeft = MAX_AFTER_SALE_PHOTOS - form.photos.length;
  return {
    typeOptions: afterSaleTypeOptions(order.types),
    typeLabel: AFTER_SALE_TYPE_LABELS[form.type],
    showAmount: form.type !== 'exchange' && !order.beforeShipping,
    amountHint: `最多 ${priceText(order.total)}，可申请部分退款`,
    typeNote: order.beforeShipping ? '商品尚未发货，提交后将全额退款并取消订单' : TYPE_NOTES[form.type],
    photosLeft,
    canAddPhoto: photosLeft > 0,
  };
}

/**
 * requestAfterSale's request for the form, or what to fix first. The amount is sent only when it is less than
 * the whole: left out, the server refunds everything still refundable (less than the total when part of the
 * order was refunded already).
 */
export function applyRequest(
  order: ApplyOrder,
  form: ApplyForm,
  requestKey: string,
): RequestOf<typeof requestAfterSaleContract> | { error: string } {
  if (!order.types.includes(form.type)) return { error: '请选择售后类型' };
  if (!form.reason) return { error: '请选择申请原因' };
  const description = form.description.trim();
  if (description.length > DESCRIPTION_MAX) return { error: `问题描述最多${DESCRIPTION_MAX}字` };
  let amount: number | undefined;
  if (form.type !== 'exchange' && !order.beforeShipping) {
    const fen = yuanToFen(form.amountText);
    if (fen === undefined || fen < 1 || fen > order.total) {
      return { error: `退款金额需在 ¥0.01 到 ${priceText(order.total)} 之间` };
    }
    if (fen < order.total) amount = fen;
  }
  return {
    orderId: order.orderId,
    type: form.type,
    reason: form.reason,
    description,
    photos: form.photos.map((photo) => photo.fileId),
    ...(amount !== undefined ? { amount } : {}),
    requestKey,
  };
}

/** A form's own key (letters, digits and `-`, 8 to 64): the same for every tap on 提交 of this form. */
export function newRequestKey(now = Date.now(), random = Math.random): string {
  const salt = Array.from({ length: 12 }, () => Math.floor(random() * 36).toString(36)).join('');
  return `as-${now.toString(36)}-${salt}`;
}
