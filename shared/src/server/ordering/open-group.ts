/**
 * openGroup: a shopper opens a group as its leader. Checks the activity (window, limits, new-customer
 * rule, scope) and that its product is on sale (not 下架), then places the leader's order: the group is
 * created `pending` with the leader's seat, and becomes visible and joinable when the leader pays. A 社区团's
 * group is at its pickup point (the leader's delivery, which the scope allows nowhere else) and names it.
 */
import type { openGroupContract } from '../../contracts/open-group.contract';
import { saleRefusal } from '../../domain/activity.machine';
import { GROUP_OPENED_STATUS, groupDeadline } from '../../domain/group.machine';
import type { Group } from '../../domain/group.schema';
import { priceOrder } from '../../domain/pricing';
import { productSaleRefusal } from '../../domain/product.machine';
import { scopedPickupPointId, scopeRefusal } from '../../domain/scope';
import { DomainError } from '../../kernel/errors';
import { getActivity, getProduct, getSku } from '../repositories/catalog.repository';
import { insertGroup, removeUnopenedGroup } from '../repositories/group.repository';
import type { UseCase } from '../runtime/define-function';
import { newId } from '../runtime/ids';
import { draftOrder, placeOrder, resolveDelivery } from './order-placement';

export const openGroup: UseCase<typeof openGroupContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const [activity, delivery] = await Promise.all([getActivity(input.activityId), resolveDelivery(input.delivery)]);
  if (!activity) throw new DomainError('NOT_FOUND', `activity ${input.activityId}`);
  const refusal = saleRefusal(activity, now);
  if (refusal) throw new DomainError(refusal, `activity ${activity._id}`);
  const price = priceOrder(activity, 'leader', input.quantity, 0);
  const [sku, product] = await Promise.all([getSku(activity.skuId), getProduct(activity.productId)]);
  if (!sku) throw new DomainError('NOT_FOUND', `sku ${activity.skuId}`);
  // A product taken down (下架) opens no new group; groups already forming still fill (joinGroup).
  const offSale = productSaleRefusal(product);
  if (offSale) throw new DomainError(offSale, `product ${activity.productId}`);
  const outOfScope = scopeRefusal(activity.scope, delivery);
  if (outOfScope) throw new DomainError(outOfScope, `activity ${activity._id}`);
  // A 社区团's group is at its point: the leader's delivery is that point (checked just above).
  const point = scopedPickupPointId(activity.scope) && delivery.kind === 'pickup' ? delivery : undefined;

  const groupId = newId('G', now);
  const order = draftOrder(
    {
      openid: ctx.openid,
      role: 'leader',
      activityId: activity._id,
      groupId,
      skuId: sku._id,
      productId: activity.productId,
      merchantId: activity.merchantId,
      title: activity.title,
      spec: sku.spec,
      price,
      stockMode: activity.stockMode,
      delivery,
      referrerRef: input.referrerRef,
    },
    now,
  );
  const orderId = order._id;
  const group: Group = {
    _id: groupId,
    activityId: activity._id,
    skuId: sku._id,
    productId: activity.productId,
    merchantId: activity.merchantId,
    title: activity.title,
    status: GROUP_OPENED_STATUS,
    size: activity.groupSize,
    leaderOpenid: ctx.openid,
    memberOpenids: [ctx.openid],
    paidOpenids: [],
    seatsTaken: 1,
    seatsPaid: 0,
    groupPrice: activity.groupPrice,
    soloPrice: activity.soloPrice,
    spec: sku.spec,
    ...(product?.images[0] ? { image: product.images[0] } : {}),
    perOrderLimit: activity.perOrderLimit,
    perUserLimit: activity.perUserLimit,
    stockMode: activity.stockMode,
    ...(activity.scope ? { scope: activity.scope } : {}),
    newCustomerOnly: activity.newCustomerOnly,
    ...(point ? { pickupPoint: { pickupPointId: point.pickupPointId, name: point.name } } : {}),
    district: delivery.district,
    ...(delivery.location ? { location: delivery.location } : {}),
    openedAt: now,
    deadlineAt: groupDeadline(now, activity.validityHours, activity.endAt),
    outbox: [],
    updatedAt: now,
  };
  const payment = await placeOrder(
    {
      order,
      quota: {
        orderId,
        activityId: activity._id,
        quantity: price.quantity,
        perUserLimit: activity.perUserLimit,
        newCustomerOnly: activity.newCustomerOnly,
      },
      beforeHolds: () => insertGroup(group),
      undoBeforeHolds: () => removeUnopenedGroup(groupId),
    },
    now,
  );
  return { groupId, orderId, total: price.total, payment };
};
