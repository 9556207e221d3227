/**
 * What the order detail shows: the status and a line saying what happens next (with a countdown while
 * the order waits for payment or for its group), the pickup code while the goods wait at the point, the
 * shipment and the parcel's track, the after-sales request, the refund, the group, the item, the delivery,
 * the order's times and the buttons at the bottom (去支付, 确认收货, 申请售后, the group's).
 */
import {
  type Envelope,
  formatBusinessTime,
  type getOrderContract,
  type getOrderTrackContract,
  type GroupStatus,
  type RefundStatus,
  type ResponseOf,
} from '@shared/client';
import { type AfterSaleSummary, afterSaleLine } from '../../../../utils/after-sales';
import { maskPhone, priceText, refundStatusText, seatsLeftText } from '../../../../utils/format';

export type Order = ResponseOf<typeof getOrderContract>;
export type OrderTrack = ResponseOf<typeof getOrderTrackContract>;

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

/** The code to collect a pickup order with, while it waits at the point: six digits and their QR code. */
export interface PickupCodeView {
  readonly code: string;
  /** `042 917`: easier to read out at the counter. */
  readonly codeText: string;
  readonly pointName: string;
  readonly address: string;
}

/** The order's after-sales request (its latest): one line, opening its progress. */
export interface AfterSaleLink {
  readonly afterSaleId: string;
  readonly text: string;
}

export interface DetailView {
  readonly statusLabel: string;
  readonly explanation: string;
  readonly countdown: CountdownLine | null;
  readonly pickup: PickupCodeView | null;
  /** 快递公司 and when it shipped (the 运单号 is its own line, to copy), or the batch's dispatch and arrival. */
  readonly shipmentRows: Row[];
  /** The express waybill, to copy; '' for none. */
  readonly trackingNo: string;
  /** Whether the parcel's track is worth asking for (an express shipment). */
  readonly tracked: boolean;
  readonly afterSale: AfterSaleLink | null;
  readonly refundRows: Row[];
  readonly groupRows: Row[];
  readonly itemRows: Row[];
  readonly deliveryRows: Row[];
  readonly orderId: string;
  readonly timeRows: Row[];
  readonly canPay: boolean;
  /** 确认收货: an express parcel on its way. */
  readonly canConfirmReceipt: boolean;
  /** 申请售后: the order allows a request now and none is open. */
  readonly canApplyAfterSale: boolean;
  /** 邀请好友 while the group still needs people, 查看拼团 for other group orders, '' for a solo order. */
  readonly groupButton: string;
  readonly groupId: string;
}

export type DetailState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly order: DetailView };

export { refundStatusText };

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
const shortTime = (at: number) => formatBusinessTime(at, 'MM-DD HH:mm');

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
      return order.afterSaleEndsAt !== undefined && order.afterSaleEndsAt > now
        ? line(`已收货，${shortTime(order.afterSaleEndsAt)} 前如有问题可申请售后`)
        : line('已收货，如有问题可申请售后');
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

/** `042917` → `042 917`. */
export const pickupCodeText = (code: string): string => code.replace(/^(\d{3})(\d{3})$/, '$1 $2');

function pickupView(order: Order): PickupCodeView | null {
  if (!order.pickupCode || order.delivery.kind !== 'pickup') return null;
  return {
    code: order.pickupCode,
    codeText: pickupCodeText(order.pickupCode),
    pointName: order.delivery.name,
    address: order.delivery.address,
  };
}

function shipmentRows(order: Order): Row[] {
  const { shipment } = order;
  if (!shipment) return [];
  if (shipment.kind === 'express') {
    return [
      { label: '快递公司', value: shipment.carrierName },
      { label: '发货时间', value: time(shipment.shippedAt) },
    ];
  }
  return [
    { label: '发往自提点', value: time(shipment.shippedAt) },
    ...(shipment.arrivedAt !== undefined ? [{ label: '到达自提点', value: time(shipment.arrivedAt) }] : []),
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
  if (order.receivedAt !== undefined) {
    rows.push({ label: order.status === 'picked_up' ? '取货时间' : '收货时间', value: time(order.receivedAt) });
  }
  if (order.afterSaleEndsAt !== undefined) rows.push({ label: '售后截止', value: time(order.afterSaleEndsAt) });
  if (order.completedAt !== undefined) rows.push({ label: '完成时间', value: time(order.completedAt) });
  if (order.closedAt !== undefined) rows.push({ label: '关闭时间', value: time(order.closedAt) });
  return rows;
}

/** 处理中 when only getOrder could say a request is open (the order's list could not be read). */
export const AFTER_SALE_UNDER_WAY = '售后处理中';

/**
 * The order's after-sales request: its newest (open or finished: a declined one still says why), or the open one
 * getOrder names when the list could not be read.
 */
function afterSaleLink(order: Order, latest: AfterSaleSummary | undefined): AfterSaleLink | null {
  if (latest) return { afterSaleId: latest.afterSaleId, text: afterSaleLine(latest) };
  return order.openAfterSaleId ? { afterSaleId: order.openAfterSaleId, text: AFTER_SALE_UNDER_WAY } : null;
}

/**
 * The order as the page shows it; `latestAfterSale` is the order's newest after-sales request (none when it
 * has none, or when the list could not be read). 申请售后 shows while getOrder offers a type (`afterSaleTypes`:
 * none while a request is open, before payment, after the window, or once nothing is left to refund).
 */
export function orderDetailView(order: Order, now: number, latestAfterSale?: AfterSaleSummary): DetailView {
  const groupButton = !order.group ? '' : order.status === 'awaiting_group' ? '邀请好友' : '查看拼团';
  return {
    statusLabel: order.statusLabel,
    ...nextStep(order, now),
    pickup: pickupView(order),
    shipmentRows: shipmentRows(order),
    trackingNo: order.shipment?.kind === 'express' ? order.shipment.trackingNo : '',
    tracked: order.shipment?.kind === 'express',
    afterSale: afterSaleLink(order, latestAfterSale),
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
    canConfirmReceipt: order.status === 'shipped' && order.shipment?.kind === 'express',
    canApplyAfterSale: order.afterSaleTypes.length > 0,
    groupButton,
    groupId: order.group?.groupId ?? '',
  };
}

/**
 * The page for getOrder's answer: the order, or the error state with the envelope's message. The order's
 * after-sales list is a side read: when it fails the order still shows, without its request.
 */
export function orderDetailLoaded(
  answer: Envelope<Order>,
  now: number,
  afterSales?: Envelope<{ readonly items: readonly AfterSaleSummary[] }>,
): DetailState {
  const latest = afterSales?.ok ? afterSales.data.items[0] : undefined;
  return answer.ok
    ? { state: 'ready', message: '', order: orderDetailView(answer.data, now, latest) }
    : { state: 'error', message: answer.error.message };
}

/** One step of the parcel's journey, newest first; `latest` is the top one (drawn highlighted). */
export interface TrackStep {
  readonly time: string;
  readonly place: string;
  readonly text: string;
  readonly latest: boolean;
}

export interface TrackView {
  /** 运输中, 派送中, 已签收... ('' before the provider first answered). */
  readonly stateLabel: string;
  readonly steps: TrackStep[];
  /** A small line under the track: when the last known track was given, when the provider could not be asked. */
  readonly note: string;
  /** What shows instead of steps when there are none. */
  readonly empty: string;
}

export const TRACK_UNAVAILABLE = '物流信息暂时无法获取，请稍后再看';
export const TRACK_NOT_SCANNED = '包裹等待快递揽收，暂无物流信息';

/**
 * The parcel's track for getOrderTrack's answer, or null when there is no parcel to track (not shipped, or
 * travelling with the batch to a pickup point). A failed read or a provider that could not be asked is a
 * small note under what is known, never an error page.
 */
export function trackView(answer: Envelope<OrderTrack>): TrackView | null {
  if (!answer.ok) return { stateLabel: '', steps: [], note: '', empty: TRACK_UNAVAILABLE };
  if (answer.data.kind !== 'express') return null;
  const { track, stale } = answer.data;
  if (!track) return { stateLabel: '', steps: [], note: '', empty: stale ? TRACK_UNAVAILABLE : TRACK_NOT_SCANNED };
  return {
    stateLabel: track.stateLabel,
    steps: track.events.map((event, index) => ({
      time: shortTime(event.at),
      place: event.place ?? '',
      text: event.text,
      latest: index === 0,
    })),
    note: stale ? `物流信息更新于 ${shortTime(track.checkedAt)}` : '',
    empty: track.events.length === 0 ? TRACK_NOT_SCANNED : '',
  };
}

/** The question before 确认收货. */
export const CONFIRM_RECEIPT_MODAL = {
  title: '确认收货',
  content: '请确认已经收到商品。确认后如有问题，仍可在售后期内申请售后。',
  confirmText: '确认收货',
} as const;
