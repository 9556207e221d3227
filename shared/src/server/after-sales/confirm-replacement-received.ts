/**
 * confirmReplacementReceived: the shopper has the exchange's replacement; the request is done and the order
 * may complete when its window closes. A repeated tap answers the request as it is.
 */
import type { confirmReplacementReceivedContract } from '../../contracts/confirm-replacement-received.contract';
import { stepAfterSale } from '../../domain/after-sale-step';
import { afterSaleMachine } from '../../domain/after-sale.machine';
import type { UseCase } from '../runtime/define-function';
import { actOnAfterSale } from './after-sale-actions';
import { shopperAfterSale } from './after-sale-views';

export const confirmReplacementReceived: UseCase<typeof confirmReplacementReceivedContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const { afterSale } = await actOnAfterSale(
    input.afterSaleId,
    { openid: ctx.openid },
    (current) => {
      const received = current.history.at(-1)?.event === 'replacement_received';
      if (received && afterSaleMachine.isFinal(current.status)) return null;
      return stepAfterSale(current, 'replacement_received', { by: 'shopper', now, note: '用户确认收到换货' });
    },
    ctx,
  );
  return shopperAfterSale(afterSale, null, now, ctx.log);
};
