/**
 * verifyPickupAtPoint (团长中心 → 扫码核销): the 团长 hands an order over at the point they keep (`keeperOf`), with the
 * code the shopper brings, through the console's own 核销 (`fulfilment/pickup-handover.ts`): once, by one update
 * conditional on the order waiting at that point with that code, so of many scans at once one collects it and the
 * others answer when it was collected. The order's history names the point's 团长 (`leader:<pickupPointId>`). A code
 * that no order waiting at their point holds, one at another point included, is PICKUP_CODE_INVALID and changes
 * nothing. Collection is receipt; commissions move when the after-sales window closes, as after the console's 核销.
 */
import type { verifyPickupAtPointContract } from '../../contracts/verify-pickup-at-point.contract';
import { shopperName } from '../../domain/leader-desk';
import { pointKeeperActor } from '../../domain/order.schema';
import { handOverAtPoint } from '../fulfilment/pickup-handover';
import { getProfiles } from '../repositories/profile.repository';
import type { UseCase } from '../runtime/define-function';
import { keeperOf } from './point-keeper';

export const verifyPickupAtPoint: UseCase<typeof verifyPickupAtPointContract> = async (input, ctx) => {
  const { keeper } = await keeperOf(ctx.openid);
  const { outcome, collectedAt, after } = await handOverAtPoint({
    pickupPointId: keeper.pickupPointId,
    code: input.code,
    actor: keeper,
    by: pointKeeperActor(keeper.pickupPointId),
    now: ctx.clock.now(),
  });
  const profile = (await getProfiles([after.openid])).get(after.openid);
  return {
    outcome,
    collectedAt,
    order: {
      orderId: after._id,
      shopper: shopperName(profile?.nickname),
      title: after.title,
      spec: after.spec,
      quantity: after.quantity,
    },
  };
};
