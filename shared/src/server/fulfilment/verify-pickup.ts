/**
 * verifyPickup (核销; console: the point's staff, for now ops or the merchant whose order it is): the code a
 * shopper shows at a point hands its order over once (`pickup-handover.ts`, which the 团长's verifyPickupAtPoint
 * shares), and the check is audited with what it came to. A wrong code, another point's order or one the staff
 * member may not see is PICKUP_CODE_INVALID.
 */
import type { verifyPickupContract } from '../../contracts/admin';
import { staffOf } from '../runtime/staff-scope';
import { consoleOrder } from '../ordering/console-orders';
import type { AdminUseCase } from '../runtime/define-http-function';
import { handOverAtPoint } from './pickup-handover';

export const verifyPickup: AdminUseCase<typeof verifyPickupContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const { outcome, collectedAt, before, after } = await handOverAtPoint({
    pickupPointId: input.pickupPointId,
    code: input.code,
    actor: staff,
    by: `staff:${staff.account}`,
    now: ctx.clock.now(),
  });
  await ctx.audit({
    target: `order/${before._id}`,
    before: { status: before.status },
    after: { outcome, status: after.status, pickupPointId: input.pickupPointId, collectedAt },
  });
  return { outcome, collectedAt, order: consoleOrder(after) };
};
