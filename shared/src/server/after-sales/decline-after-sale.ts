/** declineAfterSale (console): refuses a request under review with a reason, which the shopper's message carries. */
import type { declineAfterSaleContract } from '../../contracts/admin';
import { declineStep } from '../../domain/after-sale-step';
import { merchantScope, staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';
import { actOnAfterSale, staffAnswer } from './after-sale-actions';

export const declineAfterSale: AdminUseCase<typeof declineAfterSaleContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  const acted = await actOnAfterSale(
    input.afterSaleId,
    { ...merchantScope(ctx), actionKey: input.requestKey },
    (afterSale) => declineStep(afterSale, input.reason, { by, now }),
    ctx,
  );
  return staffAnswer(acted, ctx);
};
