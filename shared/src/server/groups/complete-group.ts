/**
 * completeGroup (ops, 成团保障): the platform completes a forming group with the members who paid, where its
 * activity guarantees it and at least its share of seats is paid. Payments CloudPay took whose notification
 * is late or lost are applied first (whoever paid is a member). Then one update, conditional on the group
 * still forming before its deadline with the same seats paid, succeeds it with exactly its paid members
 * (seats reserved and not paid are given up in the same update); a payment landing in between changes the
 * count, and the decision is taken again on the group as it is. The settlement then closes the unpaid
 * seats' orders and releases their stock, ships the paid members' orders and sells their units; a payment
 * that comes after is refunded. Never a made-up member or count: the group keeps its size and real seats.
 */
import type { completeGroupContract } from '../../contracts/admin';
import { completionRefusal, isOpenForIntervention } from '../../domain/group-intervention';
import { BY_PLATFORM } from '../../domain/group.schema';
import { isAwaitingPayment } from '../../domain/order.machine';
import { DomainError } from '../../kernel/errors';
import { queryPayment } from '../cloudbase/cloud-pay';
import { ownsMerchant } from '../runtime/staff-scope';
import { getActivity } from '../repositories/catalog.repository';
import { completeByPlatform, getGroup } from '../repositories/group.repository';
import { listOrdersOfGroups } from '../repositories/order.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { AdminUseCase } from '../runtime/define-http-function';
import { applyPayment, notificationFromQuery } from '../payments/payment-application';
import { settleCompletedGroup } from './group-settlement';

/** How many times the decision is taken again when payments keep changing the count under it. */
const ATTEMPTS = 3;

export const completeGroup: AdminUseCase<typeof completeGroupContract> = async (input, ctx) => {
  const seen = ownsMerchant(ctx, await getGroup(input.groupId), `group ${input.groupId}`);
  const activity = await getActivity(seen.activityId);
  if (!activity) throw new DomainError('NOT_FOUND', `activity ${seen.activityId}`);
  if (!isOpenForIntervention(seen, ctx.clock.now())) throw new DomainError('GROUP_NOT_FORMING', `group ${seen._id}`);
  if (!activity.guarantee) throw new DomainError('GUARANTEE_NOT_MET', `activity ${seen.activityId} has no guarantee`);

  await applyLostPayments(seen._id, ctx);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const now = ctx.clock.now();
    const group = await getGroup(seen._id);
    if (!group) throw new DomainError('NOT_FOUND', `group ${seen._id}`);
    const why = completionRefusal(group, activity.guarantee, now);
    if (why) throw new DomainError(why, `group ${group._id}`);
    if (!(await completeByPlatform(group, now))) continue;
    await ctx.audit({
      target: `groups/${group._id}`,
      before: { status: group.status, seatsPaid: group.seatsPaid, seatsTaken: group.seatsTaken },
      after: { completedBy: BY_PLATFORM, seatsPaid: group.seatsPaid, size: group.size, reason: input.reason },
    });
    const completed = (await getGroup(group._id)) ?? group;
    try {
      await settleCompletedGroup(completed, now, ctx);
    } catch (error) {
      ctx.log.warn('a completed group could not be settled now; expireGroups finishes it', {
        groupId: group._id,
        error: String(error),
      });
    }
    return { groupId: group._id, seatsPaid: group.seatsPaid, size: group.size };
  }
  throw new DomainError('CONFLICT', `group ${seen._id} kept changing`);
};

/** Applies the payments CloudPay took for the group's unpaid seats whose notification has not arrived. */
async function applyLostPayments(groupId: string, ctx: InvocationContext): Promise<void> {
  for (const order of (await listOrdersOfGroups([groupId])).filter((o) => isAwaitingPayment(o.status))) {
    const state = await queryPayment(order._id).catch(() => undefined);
    if (state?.tradeState !== 'SUCCESS') continue;
    // Its notification arriving at this moment applies it too: whichever is second finds it applied or
    // retries, and the completion below is conditional on the paid seats it reads, so nothing is lost.
    await applyPayment(notificationFromQuery(order, state), ctx).catch((error: unknown) =>
      ctx.log.warn('a lost payment could not be applied now; its notification applies it', {
        orderId: order._id,
        error: String(error),
      }),
    );
  }
}
