/**
 * What the order detail shows: the status and a line saying what happens next (with a countdown while
 * the order waits for payment or for its group), the refund, the group, the item, the delivery, the
 * order's times and the buttons at the bottom.
 */
import {
  type Envelope,
  formatBusinessTime,
  type getOrderContract,
  type GroupStatus,
  type RefundStatus,
  type ResponseOf,
} from '@shared/client';
import { maskPhone, priceText, seatsLeftText } from '../../../../utils/format';

export type Order = ResponseOf<typeof getOrderContract>;

export interface Row {
  readonly label: string;
  readonly value: string;
}

/** A ticking line: `prefix`, the time left until `deadline`, `suffix`. */
export interface CountdownLine {
  readonly deadline: number;
  readonly prefix: string;
  readonly suffix: string;
}

export interface DetailView {
  readonly statusLabel: string;
  readonly explanation: string;
  readonly countdown: CountdownLine | null;
  readonly refundRows: Row[];
  readonly groupRows: Row[];
  readonly itemRows: Row[];
  readonly deliveryRows: Row[];
  readonly orderId: string;
  readonly timeRows: Row[];
  readonly canPay: boolean;
  /** 邀请好友 while the group still needs people, 查看拼团 for other group orders, '' for a solo order. */
  readonly groupButton: string;
  readonly groupId: string;
}

export type DetailState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly order: DetailView };

export function refundStatusText(status: RefundStatus): string {
  if (status === 'succeeded') return '已原路退回';
  if (status === 'settled_offline') return '已由客服线下退回';
  if (status === 'failed' || status === 'flagged') return '退款遇到问题，客服将联系你';
  return '退款处理中，预计1-3个工作日原路退回';
}

const GROUP_STATUS_TEXT: Record<Exclude<GroupStatus, 'forming'>, string> = {
  pending: '等待团长付款开团',
  succeeded: '拼团成功',
  failed: '拼团失败',
  abandoned: '团长未付款，未开团',
};

/** 平台成团: the platform completed the group with the members who paid (成团保障). */
export const PLATFORM_COMPLETED = '平台成团';

export function groupStatusText(status: GroupStatus, seatsLeft: number, completedBy?: 'platform'): string {
  if (completedBy === 'platform') return PLATFORM_COMPLETED;
  return status === 'forming' ? `拼团中，${seatsLeftText(seatsLeft)}` : GROUP_STATUS_TEXT[status];
}

/** `13812341234` → `138****1234`. */

const time = (at: number) => formatBusinessTime(at, 'YYYY-MM-DD HH:mm');

function refundStatusOf(order: Order): RefundStatus {
  return order.refund?.status ?? (order.status === 'refunded' ? 'succeeded' : 'requested');
}

/** What happens next, under the status. */
function nextStep(order: Order, now: number): { explanation: string; countdown: CountdownLine | null } {
  const line = (explanation: string, countdown: CountdownLine | null = null) => ({ explanation, countdown });
  switch (order.status) {
    case 'pending_payment':
      return order.payable && order.payDeadlineAt > now
        ? line('', { deadline: order.payDeadlineAt, prefix: '请在 ', suffix: ' 内完成支付' })
        : line('支付已超时，订单即将关闭');
    case 'awaiting_group':
      if (!order.group || order.group.deadlineAt <= now) return line('拼团时间已到，正在确认结果');
      return line(`${seatsLeftText(order.group.seatsLeft)}，快邀请好友来拼`, {
        deadline: order.group.deadlineAt,
        prefix: '剩余 ',
        suffix: '',
      });
    case 'to_ship':
      if (order.role === 'solo') return line('付款成功，商家将尽快发货');
      return line(order.group?.completedBy === 'platform' ? '平台成团，商家将尽快发货' : '拼团成功，商家将尽快发货');
    case 'shipped':
      return line(order.delivery.kind === 'pickup' ? '商品正在送往自提点' : '商家已发货，请留意收货');
    case 'at_pickup_point':
      return line('商品已到自提点，请凭取货码取货');
    case 'received':
    case 'picked_up':
      return line('已收货，如有问题可申请售后');
    case 'completed':
      return line('订单已完成，欢迎再来拼');
    case 'closed':
      return line('订单未付款，已关闭');
    case 'refunding':
    case 'refunded':
      return line(refundStatusText(refundStatusOf(order)));
  }
}

function refundRows(order: Order): Row[] {
  const { refund } = order;
  if (!refund) return [];
  return [
    { label: '退款金额', value: priceText(refund.amount) },
    { label: '退款进度', value: refundStatusText(refund.status) },
    { label: '申请时间', value: time(refund.requestedAt) },
    { label: refund.status === 'succeeded' ? '退款时间' : '最近更新', value: time(refund.updatedAt) },
  ];
}

function groupRows(order: Order): Row[] {
  const { group } = order;
  if (!group) return [];
  return [
    { label: '拼团状态', value: groupStatusText(group.status, group.seatsLeft, group.completedBy) },
    { label: '成团进度', value: `已付款 ${group.seatsPaid}/${group.size} 人` },
    ...(group.completedBy === 'platform' ? [{ label: '成团说明', value: '差的人数由平台补贴，照常发货' }] : []),
  ];
}

function deliveryRows(order: Order): Row[] {
  const { delivery } = order;
  if (delivery.kind === 'pickup') {
    return [
      { label: '配送方式', value: '到自提点取货' },
      { label: '自提点', value: delivery.name },
      { label: '自提地址', value: delivery.address },
    ];
  }
  return [
    { label: '配送方式', value: '送货上门' },
    { label: '收货人', value: `${delivery.name} ${maskPhone(delivery.phone)}` },
    { label: '收货地址', value: `重庆市${delivery.district}${delivery.detail}` },
  ];
}

function timeRows(order: Order): Row[] {
  const rows = [{ label: '下单时间', value: time(order.createdAt) }];
  if (order.paidAt !== undefined) rows.push({ label: '付款时间', value: time(order.paidAt) });
  if (order.closedAt !== undefined) rows.push({ label: '关闭时间', value: time(order.closedAt) });
  return rows;
}

export function orderDetailView(order: Order, now: number): DetailView {
  const groupButton = !order.group ? '' : order.status === 'awaiting_group' ? '邀请好友' : '查看拼团';
  return {
    statusLabel: order.statusLabel,
    ...nextStep(order, now),
    refundRows: refundRows(order),
    groupRows: groupRows(order),
    itemRows: [
      { label: '商品', value: order.title },
      { label: '规格', value: `${order.spec} × ${order.quantity}` },
      { label: '单价', value: priceText(order.unitPrice) },
      { label: '合计', value: priceText(order.total) },
    ],
    deliveryRows: deliveryRows(order),
    orderId: order.orderId,
    timeRows: timeRows(order),
    canPay: order.payable && order.payDeadlineAt > now,
    groupButton,
    groupId: order.group?.groupId ?? '',
  };
}

/** The page for getOrder's answer: the order, or the error state with the envelope's message. */
export function orderDetailLoaded(answer: Envelope<Order>, now: number): DetailState {
  return answer.ok
    ? { state: 'ready', message: '', order: orderDetailView(answer.data, now) }
    : { state: 'error', message: answer.error.message };
}
