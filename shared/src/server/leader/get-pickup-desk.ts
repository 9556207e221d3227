/**
 * getPickupDesk (团长中心 → 自提点工作台): the point the caller keeps (`keeperOf`), read in one round of three
 * indexed queries issued together (what reached it today, what waits there, what was collected today) and one of
 * the shoppers' profiles: arrivals summed by SKU (`arrivalsBySku`), the due and collected lists with each shopper's
 * nickname masked. Pickup codes are never read out: the shopper brings theirs.
 */
import type { getPickupDeskContract } from '../../contracts/get-pickup-desk.contract';
import { ORDER_AT_POINT_STATUS } from '../../domain/fulfilment';
import {
  arrivalsBySku,
  DESK_ARRIVALS_LIMIT,
  DESK_ROWS_LIMIT,
  deskDayStart,
  shopperName,
} from '../../domain/leader-desk';
import type { Order } from '../../domain/order.schema';
import {
  listArrivedAtPointSince,
  listCollectedAtPointSince,
  listOrdersWaitingAt,
} from '../repositories/order-fulfilment.repository';
import { getProfiles } from '../repositories/profile.repository';
import type { UseCase } from '../runtime/define-function';
import { keeperOf } from './point-keeper';

const arrivedAt = (order: Order): number =>
  (order.shipment?.kind === 'pickup' ? order.shipment.arrivedAt : undefined) ?? order.updatedAt;

export const getPickupDesk: UseCase<typeof getPickupDeskContract> = async (_input, ctx) => {
  const { point } = await keeperOf(ctx.openid);
  const dayStart = deskDayStart(ctx.clock.now());
  const [arrived, waiting, collected] = await Promise.all([
    listArrivedAtPointSince(point._id, dayStart, DESK_ARRIVALS_LIMIT),
    listOrdersWaitingAt(point._id, DESK_ROWS_LIMIT + 1),
    listCollectedAtPointSince(point._id, dayStart, DESK_ROWS_LIMIT + 1),
  ]);
  const due = waiting.slice(0, DESK_ROWS_LIMIT);
  const done = collected.slice(0, DESK_ROWS_LIMIT);
  const profiles = await getProfiles([...due, ...done].map((order) => order.openid));
  const row = (order: Order) => ({
    orderId: order._id,
    shopper: shopperName(profiles.get(order.openid)?.nickname),
    ...(order.phoneLast4 ? { phoneTail: order.phoneLast4 } : {}),
    title: order.title,
    spec: order.spec,
    quantity: order.quantity,
  });
  return {
    pickupPoint: { pickupPointId: point._id, name: point.name, address: point.address },
    dayStart,
    arrivals: arrivalsBySku(arrived, ORDER_AT_POINT_STATUS),
    due: due.map((order) => ({ ...row(order), arrivedAt: arrivedAt(order) })),
    dueMore: waiting.length > DESK_ROWS_LIMIT,
    collected: done.map((order) => ({ ...row(order), collectedAt: order.receivedAt ?? order.updatedAt })),
    collectedMore: collected.length > DESK_ROWS_LIMIT,
  };
};
