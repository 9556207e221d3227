/**
 * joinGroup: a shopper takes a seat in a forming group. The seat is taken with one conditional update
 * (forming, before the deadline, with room, not already a member), so 300 shoppers racing for the last
 * seat leave exactly one with it. Members pay the group price the group opened with.
 */
import type { joinGroupContract } from '../../contracts/join-group.contract';
import { saleRefusal } from '../../domain/activity.machine';
import { refusedSeat, seatRefusal } from '../../domain/group.machine';
import { priceOrder } from '../../domain/pricing';
import { scopeRefusal } from '../../domain/scope';
import { DomainError } from '../../kernel/errors';
import { getActivity } from '../repositories/catalog.repository';
import { getGroup, releaseSeat, takeSeat } from '../repositories/group.repository';
import type { UseCase } from '../runtime/define-function';
import { draftOrder, placeOrder, resolveDelivery } from './order-placement';

export const joinGroup: UseCase<typeof joinGroupContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const [group, delivery] = await Promise.all([getGroup(input.groupId), resolveDelivery(input.delivery)]);
  if (!group) throw new DomainError('NOT_FOUND', `group ${input.groupId}`);
  const refusal = seatRefusal(group, ctx.openid, now);
  if (refusal) throw new DomainError(refusal, group._id);
  // A paused or ended activity takes no new members, whatever its groups look like.
  const activity = await getActivity(group.activityId);
  const notSelling = activity ? saleRefusal(activity, now) : 'ACTIVITY_ENDED';
  if (notSelling) throw new DomainError(notSelling, `activity ${group.activityId}`);
  const price = priceOrder(
    {
      groupPrice: group.groupPrice,
      soloPrice: group.soloPrice,
      perOrderLimit: group.perOrderLimit,
      perUserLimit: group.perUserLimit,
    },
    'member',
    input.quantity,
    0,
  );
  const outOfScope = scopeRefusal(group.scope, delivery);
  if (outOfScope) throw new DomainError(outOfScope, group._id);

  const order = draftOrder(
    {
      openid: ctx.openid,
      role: 'member',
      activityId: group.activityId,
      groupId: group._id,
      skuId: group.skuId,
      productId: group.productId,
      merchantId: group.merchantId,
      title: group.title,
      spec: group.spec,
      price,
      stockMode: group.stockMode,
      delivery,
      referrerRef: input.referrerRef,
    },
    now,
  );
  const orderId = order._id;
  const payment = await placeOrder(
    {
      order,
      quota: {
        orderId,
        activityId: group.activityId,
        quantity: price.quantity,
        perUserLimit: group.perUserLimit,
        newCustomerOnly: group.newCustomerOnly,
      },
      beforeHolds: async () => {
        if (!(await takeSeat(group, ctx.openid, now))) {
          const latest = await getGroup(group._id);
          throw new DomainError(latest ? refusedSeat(latest, ctx.openid, now) : 'NOT_FOUND', group._id);
        }
      },
      undoBeforeHolds: async () => {
        await releaseSeat(group._id, ctx.openid, now);
      },
    },
    now,
  );
  return { orderId, total: price.total, payment };
};
