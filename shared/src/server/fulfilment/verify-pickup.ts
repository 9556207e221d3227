/**
 * verifyPickup (核销; console: the point's staff, for now ops or the merchant whose order it is): the code a
 * shopper shows at a point finds its order through the code's claim, and the order is collected by one update
 * conditional on it waiting at this point with this code, so of two scans at once one hands it over and the
 * other answers that it was collected, and when. Collection is receipt: the after-sales window starts now.
 * A wrong code, another point's order or one the staff member may not see is PICKUP_CODE_INVALID.
 */
import type { verifyPickupContract } from '../../contracts/admin';
import { receiptAt, verifyPickupCode } from '../../domain/fulfilment';
import { DomainError } from '../../kernel/errors';
import { staffOf } from '../console/staff-scope';
import { consoleOrder } from '../ordering/console-orders';
import { collectAtPoint } from '../repositories/order-fulfilment.repository';
import { getOrder } from '../repositories/order.repository';
import { orderOfCode } from '../repositories/pickup-code.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { afterSaleWindow } from './after-sale-window';
import { mayActAtPickupPoint } from './pickup-point-access';

export const verifyPickup: AdminUseCase<typeof verifyPickupContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const invalid = () => new DomainError('PICKUP_CODE_INVALID', `${input.pickupPointId}/${input.code}`);
  const orderId = await orderOfCode(input.pickupPointId, input.code);
  const order = orderId ? await getOrder(orderId) : null;
  if (!order || !mayActAtPickupPoint(staff, { pickupPointId: input.pickupPointId, merchantId: order.merchantId })) {
    throw invalid();
  }
  const now = ctx.clock.now();
  let verdict = verifyPickupCode(order, input.pickupPointId, input.code);
  let after = order;
  if (verdict.kind === 'pick_up') {
    const receipt = receiptAt(now, afterSaleWindow());
    const collected = await collectAtPoint(
      order._id,
      input.pickupPointId,
      input.code,
      receipt,
      `staff:${staff.account}`,
    );
    after = (await getOrder(order._id)) ?? order;
    verdict = collected ? verdict : verifyPickupCode(after, input.pickupPointId, input.code);
  }
  if (verdict.kind === 'invalid') throw invalid();
  const outcome = verdict.kind === 'pick_up' ? 'collected' : 'already_collected';
  const collectedAt = verdict.kind === 'already' ? verdict.collectedAt : (after.receivedAt ?? now);
  await ctx.audit({
    target: `order/${order._id}`,
    before: { status: order.status },
    after: { outcome, status: after.status, pickupPointId: input.pickupPointId, collectedAt },
  });
  return { outcome, collectedAt, order: consoleOrder(after) };
};
