/**
 * approveAfterSale (console): approves a request under review. A refund-only request's refund is recorded in
 * the same transaction (as a staff refund of the order: its own number, capped to what is left, the request
 * closed if nothing is) and asked of CloudPay; a return or exchange waits 7 days for the goods.
 */
import type { approveAfterSaleContract } from '../../contracts/admin';
import { approvalStep } from '../../domain/after-sale-step';
import { merchantScope, staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';
import { actOnAfterSale, staffAnswer } from './after-sale-actions';

export const approveAfterSale: AdminUseCase<typeof approveAfterSaleContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  const acted = await actOnAfterSale(
    input.afterSaleId,
    { ...merchantScope(ctx), actionKey: input.requestKey },
    (afterSale, order) => approvalStep(afterSale, order, { by, now }),
    ctx,
  );
  return staffAnswer(acted, ctx);
};
