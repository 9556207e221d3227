/**
 * What an order card in 我的订单 shows: title, spec × quantity, total, the status, and what the shopper can
 * do next. Tapping the card opens the order's detail; its buttons pay (before the payment deadline) or
 * invite friends into a group still waiting to fill.
 */
import { type listMyOrdersContract, type ResponseOf } from '@shared/client';
import { secondsLeft } from '../../utils/format';

export type OrderItem = ResponseOf<typeof listMyOrdersContract>['items'][number];

export type OrderAction = 'pay' | 'invite' | 'detail';

export interface OrderButton {
  readonly action: OrderAction;
  readonly text: string;
  readonly primary: boolean;
}

export interface OrderCardView {
  readonly title: string;
  /** `500g × 2`. */
  readonly specText: string;
  readonly total: number;
  readonly statusText: string;
  /** `pending`, `refund` (shown prominently), `done` (muted) or `normal`. */
  readonly statusTone: 'pending' | 'refund' | 'done' | 'normal';
  /** Under a refund's status: where the money goes. */
  readonly refundNote: string;
  /** The payment deadline to count down to, or 0 when there is nothing to pay. */
  readonly payDeadline: number;
  readonly buttons: OrderButton[];
}

/** Payable while a whole second is left, as the countdown shows it. */
const payable = (order: OrderItem, now: number) =>
  order.status === 'pending_payment' && secondsLeft(order.payDeadlineAt, now) > 0;

/** The buttons under an order: 去支付 while it can be paid, 邀请好友 while its group fills, always 查看详情. */
export function orderActions(order: OrderItem, now: number): OrderButton[] {
  const buttons: OrderButton[] = [{ action: 'detail', text: '查看详情', primary: false }];
  if (payable(order, now)) buttons.push({ action: 'pay', text: '去支付', primary: true });
  if (order.status === 'awaiting_group' && order.groupId) {
    buttons.push({ action: 'invite', text: '邀请好友', primary: true });
  }
  return buttons;
}

const REFUND_NOTES: Partial<Record<OrderItem['status'], string>> = {
  refunding: '款项将原路退回，请留意微信支付通知',
  refunded: '款项已原路退回',
};

function statusTone(order: OrderItem): OrderCardView['statusTone'] {
  if (order.status === 'pending_payment' || order.status === 'awaiting_group') return 'pending';
  if (order.status === 'refunding' || order.status === 'refunded') return 'refund';
  if (order.status === 'completed' || order.status === 'closed') return 'done';
  return 'normal';
}

export function orderCardView(order: OrderItem, now: number): OrderCardView {
  const expired = order.status === 'pending_payment' && !payable(order, now);
  return {
    title: order.title,
    specText: `${order.spec} × ${order.quantity}`,
    total: order.total,
    statusText: expired ? '支付已超时' : order.statusLabel,
    statusTone: expired ? 'done' : statusTone(order),
    refundNote: REFUND_NOTES[order.status] ?? '',
    payDeadline: payable(order, now) ? order.payDeadlineAt : 0,
    buttons: orderActions(order, now),
  };
}
