/**
 * getGroupDetail (any staff; a merchant: its own groups only, shoppers masked): a group with its seats,
 * deadline, members, every order and payment with its refund, the messages sent to its members, and what
 * ops may do to it now. Three rounds of reads: the group; its activity, orders, profiles and messages
 * together; the refunds of its orders.
 */
import type { getGroupDetailContract } from '../../contracts/admin';
import { interventionOptions } from '../../domain/group-intervention';
import { DomainError } from '../../kernel/errors';
import { ownsMerchant, staffOf } from '../runtime/staff-scope';
import { getActivity } from '../repositories/catalog.repository';
import { getGroup } from '../repositories/group.repository';
import { listNotificationsOfGroup } from '../repositories/notification.repository';
import { listOrdersOfGroups } from '../repositories/order.repository';
import { getProfiles } from '../repositories/profile.repository';
import { getRefundsOf } from '../repositories/refund.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { groupSummary, seesMasked, shopperView } from './group-views';

/** Messages shown per group: a 50-seat group's whole story fits. */
const MESSAGES_SHOWN = 200;

export const getGroupDetail: AdminUseCase<typeof getGroupDetailContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const masked = seesMasked(staffOf(ctx));
  const group = ownsMerchant(ctx, await getGroup(input.groupId), `group ${input.groupId}`);
  const [activity, orders, messages] = await Promise.all([
    getActivity(group.activityId),
    listOrdersOfGroups([group._id]),
    listNotificationsOfGroup(group._id, MESSAGES_SHOWN),
  ]);
  if (!activity) throw new DomainError('NOT_FOUND', `activity ${group.activityId}`);
  const people = [...group.memberOpenids, ...orders.map((o) => o.openid), ...messages.map((m) => m.openid)];
  const [profiles, refunds] = await Promise.all([getProfiles(people), getRefundsOf(orders.map((o) => o._id))]);
  const refundsOf = new Map<string, typeof refunds>();
  for (const refund of refunds) refundsOf.set(refund.orderId, [...(refundsOf.get(refund.orderId) ?? []), refund]);
  const shopper = (openid: string) => shopperView(masked, openid, profiles.get(openid)?.nickname);
  const paid = new Set(group.paidOpenids);
  const leaderFirst = [
    ...group.memberOpenids.filter((o) => o === group.leaderOpenid),
    ...group.memberOpenids.filter((o) => o !== group.leaderOpenid),
  ];

  return {
    group: {
      ...groupSummary(group),
      spec: group.spec,
      image: group.image ?? '',
      groupPrice: group.groupPrice,
      soloPrice: group.soloPrice,
      ...(group.formedAt !== undefined ? { formedAt: group.formedAt } : {}),
      ...(group.closedAt !== undefined ? { closedAt: group.closedAt } : {}),
      ...(group.settled !== undefined ? { settled: group.settled } : {}),
    },
    activity: { activityId: activity._id, title: activity.title, status: activity.status, endAt: activity.endAt },
    members: leaderFirst.map((openid) => ({
      ...shopper(openid),
      avatarUrl: profiles.get(openid)?.avatarUrl ?? '',
      isLeader: openid === group.leaderOpenid,
      paid: paid.has(openid),
    })),
    orders: [...orders]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((order) => ({
        orderId: order._id,
        role: order.role,
        status: order.status,
        ...shopper(order.openid),
        quantity: order.quantity,
        total: order.total,
        createdAt: order.createdAt,
        ...(order.paidAt !== undefined ? { paidAt: order.paidAt } : {}),
        ...(order.transactionId && !masked ? { transactionId: order.transactionId } : {}),
        ...(order.closedAt !== undefined ? { closedAt: order.closedAt } : {}),
        ...(order.closeReason ? { closeReason: order.closeReason } : {}),
        refunds: (refundsOf.get(order._id) ?? []).map((refund) => ({
          outRefundNo: refund.outRefundNo,
          status: refund.status,
          amount: refund.amount,
          reason: refund.reason,
          requestedAt: refund.createdAt,
          updatedAt: refund.updatedAt,
        })),
      })),
    messages: messages.map((message) => ({
      event: message.event,
      ...shopper(message.openid),
      status: message.status,
      createdAt: message.createdAt,
      ...(message.settledAt !== undefined ? { settledAt: message.settledAt } : {}),
    })),
    pendingMessages: group.outbox.map((entry) => ({ event: entry.event, at: entry.at })),
    interventions: interventionOptions(group, activity, now),
    masked,
  };
};
