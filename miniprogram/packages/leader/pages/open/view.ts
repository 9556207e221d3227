/**
 * What 开团工具 shows: the activities the leader can open now (what they pay, what members pay, seats, units left,
 * when it ends, the commission), and where 一键开团 leads: the new group's page (to share the card or save the
 * poster) once paid, else the order, which can be paid later.
 */
import {
  type Envelope,
  formatBusinessTime,
  type LeaderActivity,
  type listLeaderActivitiesContract,
  type ResponseOf,
} from '@shared/client';
import type { PayOutcome } from '../../../../services/payment';
import { priceText } from '../../../../utils/format';
import { groupPageUrl, orderDetailUrl } from '../../../../utils/routes';

export type LeaderActivities = ResponseOf<typeof listLeaderActivitiesContract>;

export interface OpenCard {
  readonly activityId: string;
  readonly title: string;
  readonly image: string;
  readonly spec: string;
  readonly leaderPrice: string;
  readonly groupPrice: string;
  readonly detail: string;
  readonly commission: string;
  readonly earnsCommission: boolean;
}

export type OpenState =
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'empty'; readonly message: string }
  | { readonly state: 'ready'; readonly message: ''; readonly cards: OpenCard[]; readonly pickupPointId: string };

export const NOTHING_TO_OPEN = '暂时没有可开团的活动';

export function openCard(activity: LeaderActivity): OpenCard {
  return {
    activityId: activity.activityId,
    title: activity.title,
    image: activity.image,
    spec: activity.spec,
    leaderPrice: priceText(activity.leaderPrice),
    groupPrice: priceText(activity.groupPrice),
    detail: `${activity.groupSize}人团 · 剩${activity.unitsLeft}件 · ${formatBusinessTime(activity.endAt, 'MM-DD HH:mm')} 结束`,
    commission: activity.earnsCommission ? `佣金：${activity.commissionText}` : activity.commissionText,
    earnsCommission: activity.earnsCommission,
  };
}

export function openLoaded(answer: Envelope<LeaderActivities>): OpenState {
  if (!answer.ok) return { state: 'error', message: answer.error.message };
  if (answer.data.items.length === 0) return { state: 'empty', message: NOTHING_TO_OPEN };
  return {
    state: 'ready',
    message: '',
    cards: answer.data.items.map(openCard),
    pickupPointId: answer.data.pickupPointId,
  };
}

/** Where 一键开团 leads once CloudPay answered, and what to say first ('' for nothing). */
export function afterOpen(
  outcome: PayOutcome,
  placed: { readonly orderId: string; readonly groupId: string },
): { toast: string; url: string } {
  if (outcome === 'paid') return { toast: '开团成功，快分享给邻居吧', url: groupPageUrl(placed.groupId) };
  const toast = outcome === 'cancelled' ? '已取消支付，可在订单中继续支付' : '支付没有成功，可在订单中重新支付';
  return { toast, url: orderDetailUrl(placed.orderId) };
}
