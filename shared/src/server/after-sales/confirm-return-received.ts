/**
 * confirmReturnReceived (console): the returned goods arrived. A return's refund is recorded in the same
 * transaction and asked of CloudPay; an exchange waits for its replacement.
 */
import type { confirmReturnReceivedContract } from '../../contracts/admin';
import { returnReceivedStep } from '../../domain/after-sale-step';
import { merchantScope, staffOf } from '../runtime/staff-scope';
import type { AdminUseCase } from '../runtime/define-http-function';
import { actOnAfterSale, staffAnswer } from './after-sale-actions';

export const confirmReturnReceived: AdminUseCase<typeof confirmReturnReceivedContract> = async (input, ctx) => {
  const by = `staff:${staffOf(ctx).account}`;
  const now = ctx.clock.now();
  const acted = await actOnAfterSale(
    input.afterSaleId,
    { ...merchantScope(ctx), actionKey: input.requestKey },
    (afterSale, order) => returnReceivedStep(afterSale, order, { by, now }),
    ctx,
  );
  return staffAnswer(acted, ctx);
};
