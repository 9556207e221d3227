/**
 * 团长中心 in platform tests: a registered 团长 keeping a point (the leader document and the point's keeper, as an
 * approval leaves them), orders sent to a point and marked arrived through the console (each with its real code),
 * and the 团长's calls as the mini-program makes them.
 */
import { randomUUID } from 'node:crypto';
import type { Platform } from '../../../../testing/platform';
import { leaderDoc } from './commissions';
import type { Envelope } from './envelopes';
import { act, ordersToShip, type OrderOptions } from './fulfilment';
import { addPoint } from './leaders';
import { answer } from './shopper';

let keepers = 0;

/** A registered 团长 keeping a fresh active point. */
export async function keeperWithPoint(platform: Platform): Promise<{ keeper: string; pickupPointId: string }> {
  const keeper = `o-keeper-${++keepers}-${Date.now().toString(36)}`;
  const pickupPointId = await addPoint(platform, keeper);
  await platform.insert('leaders', [leaderDoc(keeper, pickupPointId)]);
  return { keeper, pickupPointId };
}

/** The point names `keeper` as its keeper (what an approval writes beside their leader document). */
export const keepPoint = (platform: Platform, pickupPointId: string, keeper: string) =>
  platform.update('pickup_points', { _id: pickupPointId }, { $set: { keeperOpenid: keeper } });

/** Orders sent to their point in one batch by their merchant (`token`) and marked arrived: their codes, in order. */
export async function arriveAtPoint(
  platform: Platform,
  token: string,
  pickupPointId: string,
  orderIds: readonly string[],
): Promise<string[]> {
  const { batchId } = await act<{ batchId: string }>(
    platform,
    'dispatchToPickupPoint',
    { pickupPointId, orderIds, requestKey: randomUUID() },
    token,
  );
  await act(platform, 'markBatchArrived', { batchId }, token);
  return Promise.all(orderIds.map(async (id) => String((await platform.get('orders', id))?.pickupCode)));
}

/** `count` paid orders for the point, arrived there: their ids and codes. */
export async function waitingAt(
  platform: Platform,
  token: string,
  count: number,
  options: OrderOptions & { pickupPointId: string },
): Promise<{ ids: string[]; codes: string[] }> {
  const ids = await ordersToShip(platform, count, options);
  return { ids, codes: await arriveAtPoint(platform, token, options.pickupPointId, ids) };
}

export interface Verified {
  readonly outcome: 'collected' | 'already_collected';
  readonly collectedAt: number;
  readonly order: { orderId: string; shopper: string; title: string; spec: string; quantity: number };
}

/** The 团长's 核销 of `code`, as the desk page sends it. */
export const verifyAtPoint = (platform: Platform, openid: string, code: string): Promise<Envelope<Verified>> =>
  answer<Verified>(platform, 'verifyPickupAtPoint', openid, { code });

/** The steps of an order's history with this event. */
export const stepsOf = async (platform: Platform, orderId: string, event: string) =>
  (((await platform.get('orders', orderId))?.history ?? []) as { event: string; by: string }[]).filter(
    (h) => h.event === event,
  );
