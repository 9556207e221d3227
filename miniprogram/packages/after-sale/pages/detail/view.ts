/**
 * What an after-sales request's page shows: where it stands and what comes next (with its deadline), what was
 * asked for, the refund, the parcels sent back and out, the photos, its history (newest first), and what the
 * shopper may do now: withdraw it, enter the return's carrier and waybill, confirm the replacement arrived.
 */
import {
  type AfterSaleStatus,
  CARRIERS,
  type CarrierCode,
  type Envelope,
  formatBusinessTime,
  type getAfterSaleContract,
  type RequestOf,
  type ResponseOf,
  type submitReturnParcelContract,
} from '@shared/client';
import { priceText, refundStatusText } from '../../../../utils/format';

export type AfterSale = ResponseOf<typeof getAfterSaleContract>;

export interface Row {
  readonly label: string;
  readonly value: string;
}

export interface HistoryStep {
  readonly time: string;
  readonly statusLabel: string;
  readonly note: string;
  readonly latest: boolean;
}

export interface AfterSaleDetailView {
  readonly afterSaleId: string;
  readonly orderId: string;
  readonly statusLabel: string;
  readonly explanation: string;
  readonly rows: Row[];
  readonly description: string;
  readonly photos: string[];
  readonly returnRows: Row[];
  readonly replacementRows: Row[];
  readonly history: HistoryStep[];
  readonly canWithdraw: boolean;
  /** The return's carrier and waybill may be entered now. */
  readonly canSubmitReturn: boolean;
  readonly canConfirmReplacement: boolean;
}

export type AfterSaleDetailState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly afterSale: AfterSaleDetailView };

const time = (at: number) => formatBusinessTime(at, 'YYYY-MM-DD HH:mm');
const shortTime = (at: number) => formatBusinessTime(at, 'MM-DD HH:mm');

const NEXT: Record<AfterSaleStatus, (afterSale: AfterSale) => string> = {
  pending_review: (a) =>
    a.reviewDeadlineAt !== undefined
      ? `商家将在 ${shortTime(a.reviewDeadlineAt)} 前处理，逾期未处理将自动同意`
      : '等待商家处理',
  awaiting_return: (a) =>
    a.returnDeadlineAt !== undefined
      ? `商家已同意，请在 ${shortTime(a.returnDeadlineAt)} 前寄回商品并填写运单号，逾期申请将关闭`
      : '商家已同意，请寄回商品并填写运单号',
  returning: () => '商品寄回中，商家收到后为你处理',
  refunding: (a) => refundStatusText(a.refund?.status ?? 'requested'),
  awaiting_replacement: () => '商家已收到寄回的商品，将尽快发出换货',
  replacement_shipped: () => '换货已发出，收到后请确认收货',
  refunded: (a) => refundStatusText(a.refund?.status ?? 'succeeded'),
  exchanged: () => '换货已完成',
  declined: (a) => (a.declineReason ? `商家拒绝了申请：${a.declineReason}` : '商家拒绝了申请'),
  closed: () => '售后申请已关闭',
};

function rows(afterSale: AfterSale): Row[] {
  const shown: Row[] = [
    { label: '售后类型', value: afterSale.typeLabel },
    { label: '申请原因', value: afterSale.reasonLabel },
  ];
  if (afterSale.amount !== undefined) shown.push({ label: '申请金额', value: priceText(afterSale.amount) });
  if (afterSale.refundAmount !== undefined) shown.push({ label: '退款金额', value: priceText(afterSale.refundAmount) });
  if (afterSale.refund) shown.push({ label: '退款进度', value: refundStatusText(afterSale.refund.status) });
  if (afterSale.declineReason) shown.push({ label: '拒绝原因', value: afterSale.declineReason });
  shown.push({ label: '申请时间', value: time(afterSale.createdAt) });
  return shown;
}

function parcelRows(parcel: AfterSale['returnParcel']): Row[] {
  if (!parcel) return [];
  return [
    { label: '快递公司', value: parcel.carrierName },
    { label: '运单号', value: parcel.trackingNo },
    { label: '寄出时间', value: time(parcel.shippedAt) },
  ];
}

export function afterSaleDetailView(afterSale: AfterSale): AfterSaleDetailView {
  return {
    afterSaleId: afterSale.afterSaleId,
    orderId: afterSale.orderId,
    statusLabel: afterSale.statusLabel,
    explanation: NEXT[afterSale.status](afterSale),
    rows: rows(afterSale),
    description: afterSale.description,
    photos: [...afterSale.photos],
    returnRows: parcelRows(afterSale.returnParcel),
    replacementRows: parcelRows(afterSale.replacementParcel),
    history: [...afterSale.history].reverse().map((entry, index) => ({
      time: time(entry.at),
      statusLabel: entry.statusLabel,
      note: entry.note ?? '',
      latest: index === 0,
    })),
    canWithdraw: afterSale.actions.includes('withdraw'),
    canSubmitReturn: afterSale.actions.includes('submit_return'),
    canConfirmReplacement: afterSale.actions.includes('confirm_replacement'),
  };
}

/** The page for a request's answer (getAfterSale, or what an action answered). */
export function afterSaleDetailLoaded(answer: Envelope<AfterSale>): AfterSaleDetailState {
  return answer.ok
    ? { state: 'ready', message: '', afterSale: afterSaleDetailView(answer.data) }
    : { state: 'error', message: answer.error.message };
}

/** The carriers the return may be sent with, as the picker lists them. */
export const CARRIER_OPTIONS: readonly { readonly value: CarrierCode; readonly label: string }[] = (
  Object.keys(CARRIERS) as CarrierCode[]
).map((value) => ({ value, label: CARRIERS[value].name }));

/** The return form's line for the carrier picked (`carrierIndex` into CARRIER_OPTIONS, -1 for none yet). */
export const carrierText = (carrierIndex: number): string => CARRIER_OPTIONS[carrierIndex]?.label ?? '请选择快递公司';

/** submitReturnParcel's request for what the shopper entered, or what to fix first. */
export function returnParcelRequest(
  afterSaleId: string,
  carrierIndex: number,
  trackingNo: string,
): RequestOf<typeof submitReturnParcelContract> | { error: string } {
  const carrier = CARRIER_OPTIONS[carrierIndex]?.value;
  if (!carrier) return { error: '请选择快递公司' };
  const number = trackingNo.replace(/\s+/g, '');
  if (!number) return { error: '请填写运单号' };
  if (!/^[A-Za-z0-9]{6,32}$/.test(number)) return { error: '运单号应为6-32位字母或数字' };
  return { afterSaleId, carrier, trackingNo: number };
}

export const WITHDRAW_MODAL = {
  title: '撤销申请',
  content: '撤销后本次售后申请将关闭，售后期内仍可重新申请。',
  confirmText: '撤销',
} as const;

export const CONFIRM_REPLACEMENT_MODAL = {
  title: '确认收到换货',
  content: '请确认已经收到换货商品，确认后本次售后完成。',
  confirmText: '确认收货',
} as const;
