/**
 * shipOrders (console: ops, merchant): express orders leave with their carrier and waybill number. Each order
 * ships in its own transaction (its status, shipment, history step, the shopper's 已发货 message and the
 * shipping report together), so of many requests at once for one order exactly one ships it; the others,
 * and any repeat, read the same waybill as a repeat and a different one as a refusal.
 */
import type { shipOrdersContract } from '../../contracts/admin';
import { merchantScope, staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';
import { shipExpress, tally } from './shipping';
import { auditOfExpress } from './shipping-audit';

export const shipOrders: AdminUseCase<typeof shipOrdersContract> = async (input, ctx) => {
  const staff = staffOf(ctx);
  const results = await shipExpress(
    input.shipments,
    merchantScope(ctx),
    `staff:${staff.account}`,
    ctx.clock.now(),
    ctx,
  );
  await ctx.audit(auditOfExpress(input.shipments, results));
  return tally(results);
};
