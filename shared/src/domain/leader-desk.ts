/**
 * 团长中心's rules, pure: what a 团长's pickup desk shows for the point they keep (today's arrivals by SKU, who is
 * due to collect what, what was collected today) and how the members of the groups they opened read (nickname
 * masked, whether they paid, whether they have their goods). Other shoppers are never shown by openid, and a
 * pickup code is never shown to anyone but its shopper: the desk checks the code the shopper brings.
 */
import { startOfBusinessDay } from '../kernel/time';
import { maskNickname } from './display';
import { type GroupStatus, seatsLeft } from './group.machine';
import type { Group } from './group.schema';
import { ORDER_REFUND_STATUSES, ORDER_STATUS_LABELS, orderMachine } from './order.machine';
import type { Order } from './order.schema';

/** At most this many rows in each of the desk's lists (a busy point's day); `more` says when there are others. */
export const DESK_ROWS_LIMIT = 200;

/** Today's arrivals at one point are summed from at most this many orders (what one query answers). */
export const DESK_ARRIVALS_LIMIT = 1000;

/** The desk's day: from the start of today, Asia/Shanghai. */
export const deskDayStart = (now: number): number => startOfBusinessDay(now);

type DeskOrder = Pick<Order, '_id' | 'skuId' | 'title' | 'spec' | 'quantity' | 'status'>;

/** One SKU of what reached the point today: how many orders and units, and how many units still wait there. */
export interface SkuArrival {
  readonly skuId: string;
  readonly title: string;
  readonly spec: string;
  readonly orders: number;
  readonly units: number;
  readonly unitsWaiting: number;
}

/**
 * Today's arrivals by SKU, most units first: the orders that reached the point today (`arrived`), less those
 * refunded since (their goods are not to be handed over); `waiting` are those of them not collected yet.
 */
export function arrivalsBySku(arrived: readonly DeskOrder[], waitingStatus: Order['status']): SkuArrival[] {
  const bySku = new Map<
    string,
    { skuId: string; title: string; spec: string; orders: number; units: number; unitsWaiting: number }
  >();
  for (const order of arrived) {
    if (ORDER_REFUND_STATUSES.includes(order.status)) continue;
    const row = bySku.get(order.skuId) ?? {
      skuId: order.skuId,
      title: order.title,
      spec: order.spec,
      orders: 0,
      units: 0,
      unitsWaiting: 0,
    };
    row.orders += 1;
    row.units += order.quantity;
    if (order.status === waitingStatus) row.unitsWaiting += order.quantity;
    bySku.set(order.skuId, row);
  }
  return [...bySku.values()].sort(
    (a, b) => b.units - a.units || a.title.localeCompare(b.title) || a.skuId.localeCompare(b.skuId),
  );
}

/** A shopper as the desk and the member list show them: the nickname masked (`张*`), and no openid. */
export const shopperName = (nickname: string | undefined): string => maskNickname(nickname ?? '');

// ---------------------------------------------------------------------------------------------------------------
// The groups a 团长 opened (团员管理).

const CLOSED_UNPAID = orderMachine.transition('payment_timed_out').to;

/** Whether an order of the group is a member's: anything but a seat given back unpaid (closed, never paid). */
export const isMemberOrder = (order: Pick<Order, 'status' | 'paidAt'>): boolean =>
  order.status !== CLOSED_UNPAID || order.paidAt !== undefined;

/** How a member stands in the list: paid, goods in hand (collected at the point or received), the order's status. */
export interface MemberStanding {
  readonly paid: boolean;
  readonly collected: boolean;
  readonly statusLabel: string;
}

export function memberStanding(order: Pick<Order, 'status' | 'paidAt' | 'receivedAt'>): MemberStanding {
  return {
    paid: order.paidAt !== undefined,
    collected: order.receivedAt !== undefined,
    statusLabel: ORDER_STATUS_LABELS[order.status],
  };
}

const GROUP_STATUS_TEXT: Record<Exclude<GroupStatus, 'forming'>, string> = {
  pending: '待付款开团',
  succeeded: '已成团',
  failed: '未成团',
  abandoned: '未开团',
};

/** What the 团长 reads for their group: `拼团中，还差2人`, `已成团`, `平台成团`, `平台关闭`... */
export function leaderGroupStatusLabel(
  group: Pick<Group, 'status' | 'size' | 'seatsTaken' | 'completedBy' | 'closedBy'>,
): string {
  if (group.status === 'forming') {
    const left = seatsLeft(group);
    return left > 0 ? `拼团中，还差${left}人` : '拼团中，等待付款';
  }
  if (group.completedBy) return '平台成团';
  if (group.closedBy) return '平台关闭';
  return GROUP_STATUS_TEXT[group.status];
}
