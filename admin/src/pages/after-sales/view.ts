/**
 * What the after-sales pages show and send: the search form as the request, the staff actions a request
 * offers (the server says which, `actions`) with their words and dialogs, and the checks a dialog makes
 * before it sends (a reason to decline, a waybill for a replacement).
 */
import {
  AFTER_SALE_STATUS_LABELS,
  type AfterSaleStatus,
  type AfterSaleType,
  type CarrierCode,
} from '@shared/admin-client';

import { checkWaybill } from '../fulfilment/view';

export interface AfterSaleSearchForm {
  status: string;
  type: string;
  orderId: string;
}

export const emptyAfterSaleSearch = (): AfterSaleSearchForm => ({ status: '', type: '', orderId: '' });

export interface AfterSaleSearch {
  status?: AfterSaleStatus;
  type?: AfterSaleType;
  orderId?: string;
}

/** The request for a search form: empty fields left out, the order number trimmed. */
export function afterSaleSearchRequest(form: AfterSaleSearchForm): AfterSaleSearch {
  return {
    ...(form.status ? { status: form.status as AfterSaleStatus } : {}),
    ...(form.type ? { type: form.type as AfterSaleType } : {}),
    ...(form.orderId.trim() ? { orderId: form.orderId.trim() } : {}),
  };
}

export type StaffAction = 'approve' | 'decline' | 'confirm_return' | 'ship_replacement';

/** Each action's button, its dialog's title and what the dialog asks to confirm. */
export const STAFF_ACTIONS: Record<StaffAction, { label: string; title: string; confirm: string; danger?: boolean }> = {
  approve: {
    label: '同意',
    title: '同意售后申请',
    confirm: '同意后：仅退款立即退款；退货退款和换货请顾客在 7 天内寄回商品。',
  },
  decline: { label: '拒绝', title: '拒绝售后申请', confirm: '拒绝原因会告知顾客。', danger: true },
  confirm_return: {
    label: '确认收到退货',
    title: '确认收到退货',
    confirm: '确认已收到顾客寄回的商品：退货退款将立即退款，换货请随后发出换货商品。',
  },
  ship_replacement: { label: '发出换货', title: '发出换货商品', confirm: '填写换货商品的快递公司和运单号。' },
};

/** The actions in the order their buttons show, the refusal last. */
export const actionOrder = (actions: readonly StaffAction[]): StaffAction[] =>
  (['approve', 'confirm_return', 'ship_replacement', 'decline'] as const).filter((a) => actions.includes(a));

export interface ActionDraft {
  reason: string;
  carrier: CarrierCode | '';
  trackingNo: string;
}

/** What the dialog of `action` must still be given, or undefined when it may be sent. */
export function actionProblem(action: StaffAction, draft: ActionDraft): string | undefined {
  if (action === 'decline' && draft.reason.trim().length < 2) return '请填写拒绝原因（至少 2 个字）';
  if (action === 'ship_replacement') {
    if (!draft.carrier) return '请选择快递公司';
    const waybill = checkWaybill(draft.trackingNo);
    if (!waybill.ok) return waybill.message;
  }
  return undefined;
}

/** A history step: the status it led to. */
export const historyStatusLabel = (status: string): string =>
  AFTER_SALE_STATUS_LABELS[status as AfterSaleStatus] ?? status;

/** Open requests read as the staff member's to act on; ended ones as done. */
export function statusTheme(status: AfterSaleStatus): 'warning' | 'primary' | 'success' | 'default' {
  if (status === 'pending_review' || status === 'returning' || status === 'awaiting_replacement') return 'warning';
  if (status === 'refunded' || status === 'exchanged') return 'success';
  if (status === 'declined' || status === 'closed') return 'default';
  return 'primary';
}
