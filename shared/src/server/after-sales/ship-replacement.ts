/**
 * shipReplacement (console): an exchange's replacement left with its carrier and waybill; the shopper is
 * told (with the waybill), and it is received by itself 10 days later unless they confirm first.
 */
import type { shipReplacementContract } from '../../contracts/admin';
import { replacementShippedStep } from '../../domain/after-sale-step';
import { merchantScope, staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';
import { actOnAfterSale, staffAnswer } from './after-sale-actions';

export const shipReplacement: AdminUseCase<typeof shipReplacementContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  const replacementParcel = { carrier: input.carrier, trackingNo: input.trackingNo, shippedAt: now, by };
  const acted = await actOnAfterSale(
    input.afterSaleId,
    { ...merchantScope(ctx), actionKey: input.requestKey },
    (afterSale) => replacementShippedStep(afterSale, replacementParcel, { by, now }),
    ctx,
  );
  return staffAnswer(acted, ctx);
};
